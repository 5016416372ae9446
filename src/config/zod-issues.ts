// zod's complaints as a person reads them: "hosts[3].memory: expected a size like 64GiB".
import type * as z from 'zod';

export const MAX_PROBLEMS = 20;

/** "hosts[3].memory" */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(top level)';
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_PROBLEMS).map((i) => `${pathText(i.path)}: ${i.message}`);
  if (issues.length > MAX_PROBLEMS) lines.push(`... and ${issues.length - MAX_PROBLEMS} more problems`);
  return lines;
}
