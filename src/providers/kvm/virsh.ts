// virsh, the libvirt shell: the subset this simulation answers, in its own words.
import { parseFlags, str, bool, type FlagSpec } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { simDate, stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { KvmDriver } from './driver.js';
import { VIRSH_STATE } from './defaults.js';
import { table } from '../../core/own.js';

interface VirshCommand {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Positional operands in order ("domain", "snapshotname", "desturi"); required unless marked with "?". */
  readonly operands: readonly string[];
  run(kvm: KvmDriver, ops: Record<string, string>, flags: ReturnType<typeof parseFlags> & { ok: true }): ExecResult;
}

const domainFlag: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({ domain: { type: 'string' } });

const COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  list: {
    flags: { all: { type: 'boolean' }, inactive: { type: 'boolean' }, name: { type: 'boolean' }, 'state-running': { type: 'boolean' }, 'state-shutoff': { type: 'boolean' }, 'state-paused': { type: 'boolean' }, title: { type: 'boolean', ignored: true }, table: { type: 'boolean', ignored: true } },
    operands: [],
    run: (kvm, _o, f) => {
      const v = f.value;
      const rows = kvm
        .domains()
        .filter((d) => {
          const active = isActive(d.nativeState);
          if (bool(v, 'state-running')) return d.nativeState === 'running';
          if (bool(v, 'state-shutoff')) return d.nativeState === 'shut off';
          if (bool(v, 'state-paused')) return d.nativeState === 'paused';
          if (bool(v, 'inactive')) return !active;
          return bool(v, 'all') || active;
        })
        .map((d) => [isActive(d.nativeState) ? String(kvm.domainId(d.id)) : '-', d.name, d.nativeState]);
      if (bool(v, 'name')) return output(rows.map((r) => r[1]).join('\n') + '\n');
      return output(virshTable(['Id', 'Name', 'State'], rows) + '\n');
    },
  },
  start: lifecycle('start', 'started', 'start'),
  shutdown: lifecycle('stop', 'is being shutdown', 'shutdown'),
  destroy: { ...lifecycle('force-stop', 'destroyed', 'destroy'), flags: { ...domainFlag, graceful: { type: 'boolean', ignored: true } } },
  reboot: lifecycle('restart', 'is being rebooted', 'reboot'),
  suspend: lifecycle('pause', 'suspended', 'suspend'),
  resume: lifecycle('resume', 'resumed', 'resume'),
  managedsave: lifecycle('suspend', 'state saved by libvirt', 'save'),
  dominfo: {
    flags: domainFlag,
    operands: ['domain'],
    run: (kvm, o) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const active = isActive(d.nativeState);
      const cpuSeconds = ((d.uptimeMs ?? 0) / 1000) * (d.cpuPct / 100) * (d.cpuMilli / 1000);
      const kib = d.memoryMiB * 1024;
      const lines: [string, string][] = [
        ['Id', active ? String(kvm.domainId(d.id)) : '-'],
        ['Name', d.name],
        ['UUID', stableUuid(d.id)],
        ['OS Type', 'hvm'],
        ['State', d.nativeState],
        ['CPU(s)', String(d.cpuMilli / 1000)],
        ...(active ? ([['CPU time', `${cpuSeconds.toFixed(1)}s`]] as [string, string][]) : []),
        ['Max memory', `${kib} KiB`],
        ['Used memory', `${active ? kib : 0} KiB`],
        ['Persistent', 'yes'],
        ['Autostart', 'disable'],
        ['Managed save', d.state === 'suspended' ? 'yes' : 'no'],
        ['Security model', 'none'],
        ['Security DOI', '0'],
      ];
      return output(lines.map(([k, v]) => `${(k + ':').padEnd(16)}${v}`).join('\n') + '\n');
    },
  },
  undefine: {
    flags: { ...domainFlag, 'remove-all-storage': { type: 'boolean' }, 'snapshots-metadata': { type: 'boolean' }, nvram: { type: 'boolean', ignored: true }, 'managed-save': { type: 'boolean', ignored: true } },
    operands: ['domain'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      if (isActive(d.nativeState)) return failure(`error: Failed to undefine domain '${d.name}'\nerror: Requested operation is not valid: domain is active (this simulation keeps no transient domains); destroy it first`);
      const snaps = kvm.snapshotsOf(d.id).length;
      if (snaps > 0 && !bool(f.value, 'snapshots-metadata')) {
        return failure(`error: Failed to undefine domain '${d.name}'\nerror: Requested operation is not valid: cannot delete inactive domain with ${snaps} snapshots`);
      }
      const r = kvm.perform(d.id, 'delete');
      if (!r.ok) return failure(`error: Failed to undefine domain '${d.name}'\nerror: ${r.error.message}`);
      return output(`Domain '${d.name}' has been undefined\n`, true);
    },
  },
  'snapshot-create-as': {
    flags: { ...domainFlag, name: { type: 'string' }, description: { type: 'string' }, 'disk-only': { type: 'boolean' }, atomic: { type: 'boolean', ignored: true }, quiesce: { type: 'boolean', ignored: true }, 'no-metadata': { type: 'boolean', ignored: true } },
    operands: ['domain', 'name?'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const name = o.name ?? str(f.value, 'name') ?? String(kvm.now() / 1000);
      const r = kvm.sim.takeSnapshot(d.id, name, { memory: !bool(f.value, 'disk-only') && d.state === 'running', description: str(f.value, 'description') });
      if (!r.ok) return failure(`error: ${r.error.message}`);
      return output(`Domain snapshot ${name} created\n`, true);
    },
  },
  'snapshot-list': {
    flags: { ...domainFlag, tree: { type: 'boolean' }, name: { type: 'boolean' }, parent: { type: 'boolean' } },
    operands: ['domain'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const snaps = kvm.snapshotsOf(d.id);
      if (bool(f.value, 'tree')) return output(kvm.snapshotTree(d.id));
      if (bool(f.value, 'name')) return output(snaps.map((s) => s.name).join('\n') + '\n');
      const state = (p: string) => (p === 'stopped' || p === 'suspended' ? 'shutoff' : p);
      const headers = bool(f.value, 'parent') ? ['Name', 'Creation Time', 'State', 'Parent'] : ['Name', 'Creation Time', 'State'];
      const rows = snaps.map((s) => [s.name, simDate(s.createdAt), state(s.power), ...(bool(f.value, 'parent') ? [s.parent ?? ''] : [])]);
      return output(virshTable(headers, rows) + '\n');
    },
  },
  'snapshot-revert': {
    flags: { ...domainFlag, snapshotname: { type: 'string' }, current: { type: 'boolean' }, running: { type: 'boolean', ignored: true }, paused: { type: 'boolean', ignored: true }, force: { type: 'boolean', ignored: true } },
    operands: ['domain', 'snapshotname?'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const name = o.snapshotname ?? str(f.value, 'snapshotname') ?? (bool(f.value, 'current') ? kvm.currentSnapshot(d.id) : undefined);
      if (!name) return failure(`error: --snapshotname or --current is required`);
      const r = kvm.sim.revertSnapshot(d.id, name);
      if (!r.ok) return failure(r.error.code === 'not-found' ? `error: Domain snapshot not found: no domain snapshot with matching name '${name}'` : `error: ${r.error.message}`);
      return output('', true);
    },
  },
  'snapshot-delete': {
    flags: { ...domainFlag, snapshotname: { type: 'string' }, children: { type: 'boolean', ignored: true }, 'metadata': { type: 'boolean', ignored: true } },
    operands: ['domain', 'snapshotname?'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const name = o.snapshotname ?? str(f.value, 'snapshotname');
      if (!name) return failure(`error: command 'snapshot-delete' requires <snapshotname> option`);
      const r = kvm.sim.deleteSnapshot(d.id, name);
      if (!r.ok) return failure(`error: Domain snapshot not found: no domain snapshot with matching name '${name}'`);
      return output(`Domain snapshot ${name} deleted\n`, true);
    },
  },
  migrate: {
    flags: {
      ...domainFlag,
      desturi: { type: 'string' },
      live: { type: 'boolean' },
      offline: { type: 'boolean' },
      'auto-converge': { type: 'boolean' },
      verbose: { type: 'boolean' },
      timeout: { type: 'number', ignored: true },
      persistent: { type: 'boolean', ignored: true },
      undefinesource: { type: 'boolean', ignored: true },
      compressed: { type: 'boolean', ignored: true },
      'copy-storage-all': { type: 'boolean', ignored: true },
      'p2p': { type: 'boolean', ignored: true },
      tunnelled: { type: 'boolean', ignored: true },
      bandwidth: { type: 'number', ignored: true },
    },
    operands: ['domain', 'desturi'],
    run: (kvm, o, f) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const target = hostOfUri(o.desturi);
      if (!kvm.hosts().some((h) => h.id === target)) return failure(`error: failed to connect to the hypervisor\nerror: unable to connect to server at '${target}': Name or service not known`);
      const running = isActive(d.nativeState);
      if (running && !bool(f.value, 'live')) return failure(`error: this simulation migrates a running domain live only: add --live`);
      if (!running && !bool(f.value, 'offline')) return failure(`error: Requested operation is not valid: domain is not running (use --offline to move a shut off domain)`);
      const r = kvm.sim.migrate(d.id, target, { live: running, autoConverge: bool(f.value, 'auto-converge') || undefined });
      if (!r.ok) return failure(`error: operation failed: ${r.error.message}`);
      const seconds = ((r.value.endsAt - r.value.startedAt) / 1000).toFixed(1);
      const detail = r.value.live ? `${r.value.plan.rounds.length} pre-copy rounds, ${Math.round(r.value.plan.downtimeMs)} ms downtime` : 'disk copy';
      return output(bool(f.value, 'verbose') ? `Migration: started to ${target}, about ${seconds} s (${detail})\n` : '', true);
    },
  },
  nodeinfo: {
    flags: {},
    operands: [],
    run: (kvm) => {
      const hosts = kvm.hosts();
      const cores = hosts.reduce((a, h) => a + h.cores, 0);
      const mem = hosts.reduce((a, h) => a + h.memoryMiB, 0);
      return output(`CPU model:           x86_64\nCPU(s):              ${cores}\nNUMA cell(s):        ${hosts.length}\nMemory size:         ${mem * 1024} KiB\n`);
    },
  },
});

function lifecycle(capability: 'start' | 'stop' | 'force-stop' | 'restart' | 'pause' | 'resume' | 'suspend', done: string, verb: string): VirshCommand {
  return {
    flags: domainFlag,
    operands: ['domain'],
    run: (kvm, o) => {
      const d = kvm.domain(o.domain);
      if (!d) return noDomain(o.domain);
      const r = kvm.perform(d.id, capability);
      if (!r.ok) return failure(`error: Failed to ${verb} domain '${d.name}'\nerror: Requested operation is not valid: ${explain(r.error.message, d.nativeState)}`);
      return output(`Domain '${d.name}' ${done}\n`, true);
    },
  };
}

/** Runs `virsh ARGS...`. */
export function virsh(kvm: KvmDriver, args: readonly string[]): ExecResult {
  // Global options before the command: -c/--connect URI scopes nothing here but is accepted.
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += args[i] === '-c' || args[i] === '--connect' ? 2 : 1;
  const name = args[i];
  if (!name) return output(`Welcome to virsh, the virtualization interactive terminal (simulated).\nCommands here: ${Object.keys(COMMANDS).join(', ')}\n`);
  const cmd = COMMANDS[name];
  if (!cmd) return failure(`error: unknown command: '${name}'\nhint: this simulation's virsh knows: ${Object.keys(COMMANDS).join(', ')}`);
  const parsed = parseFlags(args.slice(i + 1), cmd.flags, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`error: command '${name}' doesn't support option ${parsed.flag}`);
    return failure(`error: command '${name}' requires a value for option ${parsed.flag}`);
  }
  const operands: Record<string, string> = {};
  const positionals = [...parsed.value.positionals];
  for (const operand of cmd.operands) {
    const key = operand.replace('?', '');
    const fromFlag = str(parsed.value, key);
    const value = fromFlag ?? positionals.shift();
    if (value === undefined) {
      if (!operand.endsWith('?')) return failure(`error: command '${name}' requires <${key}> option`);
      continue;
    }
    operands[key] = value;
  }
  if (positionals.length > 0) return failure(`error: unexpected data '${positionals[0]}'`);
  return cmd.run(kvm, operands, parsed);
}

function isActive(nativeState: string): boolean {
  return nativeState === 'running' || nativeState === 'paused' || nativeState === 'in shutdown';
}

function noDomain(name: string): ExecResult {
  return failure(`error: failed to get domain '${name}'`);
}

function hostOfUri(uri: string): string {
  const m = /^[a-z+]+:\/\/(?:[^@/]*@)?([^/:]+)/.exec(uri);
  return m ? m[1] : uri;
}

function explain(message: string, nativeState: string): string {
  if (/it is running/.test(message)) return 'domain is already running';
  if (/it is (stopped|failed|deallocated)/.test(message)) return 'domain is not running';
  if (/it is paused/.test(message)) return 'domain is paused';
  return `${message} (domain is ${nativeState})`;
}

export const VIRSH_COMMANDS = Object.keys(COMMANDS);
