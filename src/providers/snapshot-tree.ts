// A snapshot tree drawn the way virsh snapshot-list --tree draws it: libvirt
// tools/vsh.c vshTreePrint. A root stands alone; a node's children follow under
// one "|" line, each as "+- NAME", their own children indented under a "|" (or
// spaces after the last child); the last leaf of a subtree is followed by a line
// of its indentation (trailing spaces and all), as tests/virshtestdata/
// snapshot.out shows.
import type { Snapshot } from '../core/snapshots.js';

/** The tree of `list`, siblings in the order given (virsh sorts them by name first). */
export function drawTree(list: readonly Snapshot[]): string {
  const out: string[] = [];
  const children = (name: string) => list.filter((s) => s.parent === name);
  // vshTreePrintInternal: `last` is the name of the last of this node's siblings (a root is its own last).
  const walk = (s: Snapshot, last: string, root: boolean, indent: string) => {
    out.push(`${indent}${root ? '' : '+- '}${s.name}`);
    const own = root ? indent : `${indent}${s.name === last ? ' ' : '|'} `;
    const kids = children(s.name);
    if (kids.length > 0) out.push(`${own}  |`);
    for (const k of kids) walk(k, kids[kids.length - 1].name, false, `${own}  `);
    if (kids.length === 0 && s.name === last) out.push(own);
  };
  for (const r of list.filter((s) => s.parent === undefined || !list.some((x) => x.name === s.parent))) walk(r, r.name, true, '');
  return out.map((l) => `${l}\n`).join('');
}
