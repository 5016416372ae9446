// virsh snapshot-create-as, snapshot-list, snapshot-current, snapshot-revert and
// snapshot-delete, in virsh's words.
// Sources: libvirt tools/virsh-snapshot.c ("Domain snapshot %s created", with no
// newline of its own; "... reverted", "... deleted", "... children deleted";
// snapshot-list sorts by name, case-insensitively, unless --topological
// (virshSnapSorter); --name with --parent prints "NAME\tPARENT"; "domain '%s'
// has no current snapshot"; "--snapshotname or --current is required"),
// tools/vsh.c vshTreePrint (the --tree drawing), src/conf/
// virdomainmomentobjlist.c ("domain moment %s already exists"), src/util/
// virerror.c (VIR_ERR_NO_DOMAIN_SNAPSHOT: "Domain snapshot not found: %s"),
// tests/virshtestdata/snapshot.in and snapshot.out.
import type { Snapshot } from '../../core/snapshots.js';
import { bool, type FlagSpec, type ParsedFlags, str } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { SIM_EPOCH_MS, simDate } from '../common.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { drawTree } from '../snapshot-tree.js';
import type { KvmDriver } from './driver.js';
import { caseless, DOMAIN_FLAG, lookupDomain, noDomain, printed, type VirshCommand, virshError } from './virsh-common.js';

const B = (ignored = false): FlagSpec => ({ type: 'boolean', ...(ignored ? { ignored } : {}) });

export const SNAPSHOT_COMMANDS: Readonly<Record<string, VirshCommand>> = {
  'snapshot-create-as': {
    flags: {
      ...DOMAIN_FLAG,
      name: { type: 'string' },
      description: { type: 'string' },
      'disk-only': B(),
      'print-xml': B(true),
      'no-metadata': B(true),
      halt: B(true),
      'reuse-external': B(true),
      quiesce: B(true),
      atomic: B(true),
      live: B(true),
      validate: B(true),
      memspec: { type: 'string', ignored: true },
      diskspec: { type: 'string', ignored: true, repeat: true },
    },
    operands: ['domain', 'name?', 'description?'],
    run: (v, o, f) =>
      withDomain(v.kvm, o.domain, (d) => {
        // libvirt names an unnamed snapshot after the time, in seconds since 1970.
        const name = o.name ?? String(Math.floor((SIM_EPOCH_MS + v.kvm.now()) / 1000));
        const r = v.kvm.sim.takeSnapshot(d.id, name, {
          memory: !bool(f, 'disk-only') && (d.state === 'running' || d.state === 'booting' || d.state === 'paused'),
          description: o.description,
        });
        if (!r.ok)
          return virshError(
            r.error.code === 'duplicate-id' ? `operation failed: domain moment ${name} already exists` : `operation failed: ${r.error.message}`,
          );
        return printed(`Domain snapshot ${name} created`, true);
      }),
  },
  'snapshot-list': {
    flags: {
      ...DOMAIN_FLAG,
      tree: B(),
      name: B(),
      parent: B(),
      roots: B(),
      leaves: B(),
      'no-leaves': B(),
      from: { type: 'string' },
      current: B(),
      descendants: B(),
      topological: B(),
      metadata: B(true),
      'no-metadata': B(true),
      inactive: B(true),
      active: B(true),
      'disk-only': B(true),
      internal: B(true),
      external: B(true),
    },
    operands: ['domain'],
    run: (v, _o, f) => withDomain(v.kvm, _o.domain, (d) => snapshotList(v.kvm, d, f, v.quiet)),
  },
  'snapshot-current': {
    flags: { ...DOMAIN_FLAG, name: B(), 'security-info': B(true) },
    operands: ['domain'],
    run: (v, o, f) =>
      withDomain(v.kvm, o.domain, (d) => {
        const current = v.kvm.currentSnapshot(d.id);
        if (!current) return virshError(`domain '${d.name}' has no current snapshot`);
        if (!bool(f, 'name'))
          return {
            exitCode: 1,
            stdout: '',
            stderr: `hyperpane: snapshot XML is not simulated; virsh snapshot-current ${d.name} --name gives its name\n`,
            changed: false,
          };
        return printed(`${current}\n`);
      }),
  },
  'snapshot-revert': {
    flags: { ...DOMAIN_FLAG, snapshotname: { type: 'string' }, current: B(), running: B(true), paused: B(true), force: B(true), 'reset-nvram': B(true) },
    operands: ['domain', 'snapshotname?'],
    run: (v, o, f) =>
      withDomain(v.kvm, o.domain, (d) => {
        const name = snapshotName(v.kvm, d, o, f);
        if (typeof name !== 'string') return name;
        const r = v.kvm.sim.revertSnapshot(d.id, name);
        if (!r.ok) return virshError(r.error.code === 'not-found' ? notFound(name) : `operation failed: ${r.error.message}`);
        return printed(`Domain snapshot ${name} reverted\n`, true);
      }),
  },
  'snapshot-delete': {
    flags: { ...DOMAIN_FLAG, snapshotname: { type: 'string' }, current: B(), children: B(), 'children-only': B(), metadata: B(true), async: B(true) },
    operands: ['domain', 'snapshotname?'],
    run: (v, o, f) =>
      withDomain(v.kvm, o.domain, (d) => {
        const name = snapshotName(v.kvm, d, o, f);
        if (typeof name !== 'string') return name;
        const snaps = v.kvm.snapshotsOf(d.id);
        if (!snaps.some((s) => s.name === name)) return virshError(notFound(name));
        // --children deletes the snapshot's descendants with it, --children-only just them: deepest first.
        const doomed = bool(f, 'children') || bool(f, 'children-only') ? descendants(snaps, name).reverse() : [];
        if (!bool(f, 'children-only')) doomed.push(name);
        for (const s of doomed) {
          const r = v.kvm.sim.deleteSnapshot(d.id, s);
          if (!r.ok) return virshError(`Failed to delete snapshot ${name}`, `operation failed: ${r.error.message}`);
        }
        return printed(bool(f, 'children-only') ? `Domain snapshot ${name} children deleted\n` : `Domain snapshot ${name} deleted\n`, true);
      }),
  },
};

function withDomain(kvm: KvmDriver, word: string, run: (d: ProviderWorkload) => ExecResult): ExecResult {
  const d = lookupDomain(kvm, word);
  return d ? run(d) : noDomain(word);
}

function notFound(name: string): string {
  return `Domain snapshot not found: no domain snapshot with matching name '${name}'`;
}

/** The snapshot a command names: its operand, --snapshotname, or --current's. */
function snapshotName(kvm: KvmDriver, d: ProviderWorkload, o: Record<string, string>, f: ParsedFlags): string | ExecResult {
  const named = o.snapshotname ?? str(f, 'snapshotname');
  if (named !== undefined && bool(f, 'current')) return virshError('--snapshotname and --current are mutually exclusive');
  if (named !== undefined) return named;
  if (!bool(f, 'current')) return virshError('--snapshotname or --current is required');
  return kvm.currentSnapshot(d.id) ?? virshError(`domain '${d.name}' has no current snapshot`);
}

function descendants(snaps: readonly Snapshot[], name: string): string[] {
  const out: string[] = [];
  const walk = (parent: string) => {
    for (const s of snaps)
      if (s.parent === parent) {
        out.push(s.name);
        walk(s.name);
      }
  };
  walk(name);
  return out;
}

function snapshotList(kvm: KvmDriver, d: ProviderWorkload, f: ParsedFlags, quiet = false): ExecResult {
  const all = kvm.snapshotsOf(d.id);
  const from = str(f, 'from') ?? (bool(f, 'current') ? kvm.currentSnapshot(d.id) : undefined);
  if (bool(f, 'current') && from === undefined) return virshError(`domain '${d.name}' has no current snapshot`);
  if (from !== undefined && !all.some((s) => s.name === from)) return virshError(notFound(from));
  let snaps =
    from === undefined
      ? [...all]
      : all.filter((s) => (bool(f, 'descendants') || bool(f, 'tree') ? descendants(all, from).includes(s.name) : s.parent === from));
  const hasChildren = (s: Snapshot) => all.some((x) => x.parent === s.name);
  if (bool(f, 'roots')) snaps = snaps.filter((s) => s.parent === undefined);
  if (bool(f, 'leaves')) snaps = snaps.filter((s) => !hasChildren(s));
  if (bool(f, 'no-leaves')) snaps = snaps.filter(hasChildren);
  // The core keeps them in the order taken, parents first: --topological's order.
  if (!bool(f, 'topological')) snaps.sort((a, b) => caseless(a.name, b.name));
  if (bool(f, 'tree'))
    return printed(
      drawTree(from === undefined ? snaps : [...all.filter((s) => s.name === from), ...snaps].map((s) => (s.name === from ? { ...s, parent: undefined } : s))),
    );
  if (bool(f, 'name')) return printed(snaps.map((s) => (bool(f, 'parent') ? `${s.name}${s.parent ? `\t${s.parent}` : ''}\n` : `${s.name}\n`)).join(''));
  const state = (s: Snapshot) => (s.power === 'stopped' || s.power === 'suspended' ? 'shutoff' : s.withMemory ? s.power : 'disk-snapshot');
  const headers = bool(f, 'parent') ? ['Name', 'Creation Time', 'State', 'Parent'] : ['Name', 'Creation Time', 'State'];
  return printed(
    `${virshTable(
      headers,
      snaps.map((s) => [s.name, simDate(s.createdAt), state(s), ...(bool(f, 'parent') ? [s.parent ?? ''] : [])]),
      quiet,
    )}\n`,
  );
}
