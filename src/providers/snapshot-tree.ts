// A snapshot tree drawn the way virsh snapshot-list --tree and govc snapshot.tree do.
import type { Snapshot } from '../core/snapshots.js';

/** virsh's drawing: children under "+- ", joined by "|" lines. */
export function drawTree(list: readonly Snapshot[], current?: string, mark = ''): string {
  const lines: string[] = [];
  const children = (parent: string | undefined) => list.filter((s) => s.parent === parent);
  const walk = (s: Snapshot, prefix: string, isRoot: boolean, last: boolean) => {
    const label = s.name + (mark && s.name === current ? mark : '');
    if (isRoot) lines.push(label);
    else {
      lines.push(`${prefix}|`);
      lines.push(`${prefix}+- ${label}`);
    }
    const kids = children(s.name);
    const childPrefix = isRoot ? '  ' : prefix + (last ? '    ' : '|   ');
    kids.forEach((k, i) => walk(k, childPrefix, false, i === kids.length - 1));
  };
  const roots = children(undefined);
  roots.forEach((r, i) => {
    walk(r, '', true, true);
    if (i < roots.length - 1) lines.push('');
  });
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}
