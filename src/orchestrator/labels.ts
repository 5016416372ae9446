// Labels and selectors as k8s.io/apimachinery has them: a LabelSelector
// (matchLabels and matchExpressions, all of which must hold) and the selector
// strings of `kubectl get -l` (labels/selector.go: "app=web,tier!=db",
// "env in (prod,qa)", "!canary", "release").
import type { LabelSelector, Labels } from './objects.js';

export interface Requirement {
  readonly key: string;
  readonly op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

function holds(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
  }
}

/** metav1.LabelSelectorAsSelector: every requirement. An empty selector matches everything. */
export function requirementsOf(selector: LabelSelector): Requirement[] {
  const out: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({ key, op: 'In', values: [v] }));
  for (const e of selector.matchExpressions ?? []) out.push({ key: e.key, op: e.operator, values: e.values ?? [] });
  return out;
}

export function matches(requirements: readonly Requirement[], labels: Labels): boolean {
  return requirements.every((r) => holds(r, labels));
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  return matches(requirementsOf(selector), labels);
}

/** A service's plain selector map (a Service selects by equality only). */
export function mapMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** "app=web-app" for a selector of labels, "app in (a,b)" for its expressions, as kubectl's wide columns print them. */
export function selectorText(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${[...(e.values ?? [])].sort().join(',')})`);
  }
  return parts.sort().join(',');
}

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Reads `-l`'s selector string; an error in kubectl's words if it cannot. */
export function parseSelector(text: string): { ok: true; value: Requirement[] } | { ok: false; error: string } {
  const out: Requirement[] = [];
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(p);
    if (m && !m[1].endsWith('!')) {
      const [, key, op, value] = m;
      if (!KEY.test(key) || !VALUE.test(value)) return bad(p);
      out.push({ key, op: op === '!=' ? 'NotIn' : 'In', values: [value] });
      continue;
    }
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(p);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      if (!KEY.test(m[1]) || values.some((v) => !VALUE.test(v))) return bad(p);
      out.push({ key: m[1], op: m[2] === 'in' ? 'In' : 'NotIn', values });
      continue;
    }
    m = /^(!?)(\S+)$/.exec(p);
    if (m && KEY.test(m[2])) {
      out.push({ key: m[2], op: m[1] ? 'DoesNotExist' : 'Exists', values: [] });
      continue;
    }
    return bad(p);
  }
  return { ok: true, value: out };
}

function bad(part: string): { ok: false; error: string } {
  return { ok: false, error: `unable to parse requirement: found '${part}', expected: key, key=value, key!=value, key in (values) or key notin (values)` };
}
