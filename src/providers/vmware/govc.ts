// govc, the vSphere CLI: the subset this simulation answers, in its own words.
import { linkedClonesOf } from '../../core/commands/clone.js';
import { formatMiB } from '../../core/units.js';
import { bool, num, parseFlags, str, type FlagSpec, type ParsedFlags } from '../cli/flags.js';
import { simDate, stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { CORE_MHZ, GUEST_IDS } from './defaults.js';
import type { DrsMode, VmwareDriver } from './driver.js';
import { table } from '../../core/own.js';

interface Cmd {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly usage: string;
  run(vmw: VmwareDriver, f: ParsedFlags): ExecResult;
}

const VM_FLAG: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({ vm: { type: 'string' }, dc: { type: 'string', ignored: true } });

const COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  ls: {
    flags: { l: { type: 'boolean', ignored: true }, t: { type: 'string', ignored: true } },
    usage: 'ls [OPTIONS] [PATH]...',
    run: (vmw, f) => output(ls(vmw, f.positionals[0] ?? '/').join('\n') + '\n'),
  },
  'vm.info': {
    flags: { r: { type: 'boolean' }, e: { type: 'boolean', ignored: true }, g: { type: 'boolean', ignored: true }, json: { type: 'boolean', ignored: true }, 'vm.path': { type: 'string' } },
    usage: 'vm.info [OPTIONS] VM...',
    run: (vmw, f) => {
      const names = [...f.positionals, ...(str(f, 'vm.path') ? [str(f, 'vm.path')!] : [])];
      if (names.length === 0) return usage('vm.info', COMMANDS['vm.info'].usage);
      const out: string[] = [];
      for (const name of names) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        out.push(vmInfo(vmw, vm, bool(f, 'r')));
      }
      return output(out.join(''));
    },
  },
  'vm.create': {
    flags: {
      c: { type: 'number' },
      m: { type: 'number' },
      on: { type: 'boolean' },
      g: { type: 'string' },
      disk: { type: 'size' },
      host: { type: 'string' },
      cluster: { type: 'string' },
      ds: { type: 'string', ignored: true },
      net: { type: 'string', ignored: true },
      'net.adapter': { type: 'string', ignored: true },
      folder: { type: 'string', ignored: true },
      pool: { type: 'string', ignored: true },
      iso: { type: 'string', ignored: true },
      firmware: { type: 'string', ignored: true },
      annotation: { type: 'string', ignored: true },
      'disk.controller': { type: 'string', ignored: true },
      version: { type: 'string', ignored: true },
    },
    usage: 'vm.create [OPTIONS] NAME',
    run: (vmw, f) => {
      const name = f.positionals[0];
      if (!name) return usage('vm.create', COMMANDS['vm.create'].usage);
      if (vmw.workload(name)) return failure(`govc: The name '${name}' already exists.`);
      const host = str(f, 'host');
      if (host && !vmw.hosts().some((h) => h.id === host)) return failure(`govc: host '${host}' not found`);
      const power = f.values.has('on') ? bool(f, 'on') : true;
      const r = vmw.create({ name, vcpus: num(f, 'c') ?? 1, memoryMiB: num(f, 'm') ?? 1024, diskGiB: (num(f, 'disk') ?? 16 * 1024) / 1024, image: str(f, 'g') ?? 'otherGuest', host, cluster: str(f, 'cluster'), powerOn: power, recorded: f.recorded });
      if (!r.ok) return failure(`govc: ${r.error.message}`);
      return output('', true);
    },
  },
  'vm.power': {
    flags: { on: { type: 'boolean' }, off: { type: 'boolean' }, s: { type: 'boolean' }, r: { type: 'boolean' }, suspend: { type: 'boolean' }, reset: { type: 'boolean' }, force: { type: 'boolean', ignored: true }, wait: { type: 'boolean', ignored: true }, M: { type: 'boolean', ignored: true } },
    usage: 'vm.power [OPTIONS] NAME...',
    run: (vmw, f) => {
      const ops: [string, 'start' | 'force-stop' | 'stop' | 'restart' | 'suspend', string][] = [
        ['on', 'start', 'Powering on'],
        ['off', 'force-stop', 'Powering off'],
        ['s', 'stop', 'Shutdown guest'],
        ['r', 'restart', 'Reboot guest'],
        ['suspend', 'suspend', 'Suspend'],
        ['reset', 'restart', 'Reset'],
      ];
      const chosen = ops.filter(([flag]) => bool(f, flag));
      if (chosen.length !== 1) return failure('govc: specify exactly one of -on, -off, -s, -r, -suspend, -reset');
      const [, capability, verb] = chosen[0];
      if (f.positionals.length === 0) return usage('vm.power', COMMANDS['vm.power'].usage);
      const lines: string[] = [];
      let changed = false;
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`, 1, changed);
        const r = vmw.perform(vm.id, capability);
        if (!r.ok) return { exitCode: 1, stdout: lines.join(''), stderr: `${verb} VirtualMachine:${moref(vmw, vm)}... Error: ${invalidState(vm, r.error.message)}\ngovc: ${invalidState(vm, r.error.message)}\n`, changed };
        changed = true;
        lines.push(`${verb} VirtualMachine:${moref(vmw, vm)}... OK\n`);
      }
      return output(lines.join(''), changed);
    },
  },
  'vm.destroy': {
    flags: {},
    usage: 'vm.destroy VM...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('vm.destroy', COMMANDS['vm.destroy'].usage);
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        const clones = linkedClonesOf(vmw.sim, vmw.sim.workloads.indexOf(vm.id)!);
        if (clones.length > 0) return failure(`govc: cannot destroy ${vm.name}: linked clones share its disk (${clones.join(', ')})`);
        // govc powers a VM off before destroying it.
        if (vm.state !== 'stopped' && vm.state !== 'failed') vmw.perform(vm.id, 'force-stop');
        const r = vmw.perform(vm.id, 'delete');
        if (!r.ok) return failure(`govc: ${r.error.message}`);
      }
      return output('', true);
    },
  },
  'vm.migrate': {
    flags: { host: { type: 'string' }, pool: { type: 'string', ignored: true }, ds: { type: 'string', ignored: true }, priority: { type: 'string', ignored: true } },
    usage: 'vm.migrate [OPTIONS] VM...',
    run: (vmw, f) => {
      const host = str(f, 'host');
      if (!host) return failure('govc: -host is required in this simulation (DRS placement on migrate is not simulated)');
      if (!vmw.hosts().some((h) => h.id === host)) return failure(`govc: host '${host}' not found`);
      if (f.positionals.length === 0) return usage('vm.migrate', COMMANDS['vm.migrate'].usage);
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        const r = vmw.perform(vm.id, vm.state === 'running' ? 'live-migrate' : 'migrate', { targetHost: host });
        if (!r.ok) return failure(`govc: ${r.error.message}`);
      }
      return output('', true);
    },
  },
  'vm.clone': {
    flags: {
      ...VM_FLAG,
      on: { type: 'boolean' },
      link: { type: 'boolean' },
      snapshot: { type: 'string' },
      host: { type: 'string' },
      ds: { type: 'string', ignored: true },
      folder: { type: 'string', ignored: true },
      pool: { type: 'string', ignored: true },
      net: { type: 'string', ignored: true },
      annotation: { type: 'string', ignored: true },
      customization: { type: 'string', ignored: true },
      force: { type: 'boolean', ignored: true },
      template: { type: 'boolean', ignored: true },
      waitip: { type: 'boolean', ignored: true },
    },
    usage: 'vm.clone [OPTIONS] NAME',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const name = f.positionals[0];
      if (!name) return usage('vm.clone', COMMANDS['vm.clone'].usage);
      if (vmw.workload(name)) return failure(`govc: The name '${name}' already exists.`);
      const host = str(f, 'host');
      if (host && !vmw.hosts().some((h) => h.id === host)) return failure(`govc: host '${host}' not found`);
      const snapshot = str(f, 'snapshot');
      if (snapshot && !vmw.sim.snapshots.find(vmw.sim.workloads.indexOf(vm.id)!, snapshot)) return failure(`govc: snapshot "${snapshot}" not found`);
      // govc powers the clone on unless told -on=false.
      const powerOn = f.values.has('on') ? bool(f, 'on') : true;
      const r = vmw.perform(vm.id, 'clone', { cloneName: name, linked: bool(f, 'link'), snapshot, targetHost: host, powerOn, recorded: f.recorded });
      if (!r.ok) return failure(`govc: ${r.error.message}`);
      return output(`Cloning /${vmw.datacenterOf(vm.host)}/vm/${vm.name} to ${name}...OK\n`, true);
    }),
  },
  'vm.markastemplate': {
    flags: {},
    usage: 'vm.markastemplate VM...',
    run: (vmw, f) => markAll(vmw, f, 'mark-template'),
  },
  'vm.markasvm': {
    flags: { host: { type: 'string', ignored: true }, pool: { type: 'string', ignored: true } },
    usage: 'vm.markasvm [OPTIONS] VM...',
    run: (vmw, f) => markAll(vmw, f, 'mark-vm'),
  },
  'snapshot.create': {
    flags: { ...VM_FLAG, m: { type: 'boolean' }, q: { type: 'boolean', ignored: true }, d: { type: 'string' } },
    usage: 'snapshot.create [OPTIONS] NAME',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const name = f.positionals[0];
      if (!name) return usage('snapshot.create', COMMANDS['snapshot.create'].usage);
      // govc takes memory by default (-m=true), as the vSphere Client does.
      const memory = f.values.has('m') ? bool(f, 'm') : true;
      const r = vmw.sim.takeSnapshot(vm.id, name, { memory: memory && vm.state === 'running', description: str(f, 'd') });
      return r.ok ? output('', true) : failure(`govc: ${r.error.message}`);
    }),
  },
  'snapshot.revert': {
    flags: { ...VM_FLAG, s: { type: 'boolean', ignored: true } },
    usage: 'snapshot.revert [OPTIONS] [NAME]',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const tree = vmw.sim.snapshots.of(vmw.sim.workloads.indexOf(vm.id)!);
      const name = f.positionals[0] ?? tree.current;
      if (!name) return failure(`govc: no current snapshot`);
      const r = vmw.sim.revertSnapshot(vm.id, name);
      return r.ok ? output('', true) : failure(r.error.code === 'not-found' ? `govc: snapshot "${name}" not found` : `govc: ${r.error.message}`);
    }),
  },
  'snapshot.remove': {
    flags: { ...VM_FLAG, r: { type: 'boolean', ignored: true }, c: { type: 'boolean', ignored: true } },
    usage: 'snapshot.remove [OPTIONS] NAME',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const name = f.positionals[0];
      if (!name) return usage('snapshot.remove', COMMANDS['snapshot.remove'].usage);
      const r = vmw.sim.deleteSnapshot(vm.id, name);
      return r.ok ? output('', true) : failure(r.error.code === 'not-found' ? `govc: snapshot "${name}" not found` : `govc: ${r.error.message}`);
    }),
  },
  'snapshot.tree': {
    flags: { ...VM_FLAG, D: { type: 'boolean' }, c: { type: 'boolean' }, C: { type: 'boolean' }, i: { type: 'boolean', ignored: true }, f: { type: 'boolean', ignored: true }, s: { type: 'boolean' } },
    usage: 'snapshot.tree [OPTIONS]',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const tree = vmw.sim.snapshots.of(vmw.sim.workloads.indexOf(vm.id)!);
      if (bool(f, 'C')) return output(tree.current ? `${tree.current}\n` : '');
      const lines: string[] = [];
      const walk = (parent: string | undefined, depth: number) => {
        for (const s of tree.list.filter((x) => x.parent === parent)) {
          const mark = bool(f, 'c') && s.name === tree.current ? ' .' : '';
          const when = bool(f, 'D') ? `${simDate(s.createdAt)}  ` : '';
          const size = bool(f, 's') ? `${formatMiB(s.sizeMiB + s.deltaMiB)}  ` : '';
          lines.push(`${'  '.repeat(depth)}${when}${size}${s.name}${mark}`);
          walk(s.name, depth + 1);
        }
      };
      walk(undefined, 0);
      return output(lines.join('\n') + (lines.length ? '\n' : ''));
    }),
  },
  'host.info': {
    flags: { host: { type: 'string' }, json: { type: 'boolean', ignored: true } },
    usage: 'host.info [OPTIONS]',
    run: (vmw, f) => {
      const wanted = str(f, 'host') ?? f.positionals[0];
      const hosts = wanted ? vmw.hosts().filter((h) => h.id === wanted) : vmw.hosts();
      if (wanted && hosts.length === 0) return failure(`govc: host '${wanted}' not found`);
      return output(
        hosts
          .map((h) => {
            const mhz = h.cores * CORE_MHZ;
            const usedMhz = Math.round((h.cpuPct / 100) * mhz);
            const usedMem = Math.round((h.memoryPct / 100) * h.memoryMiB);
            const mem = vmw.memoryState(h);
            return [
              `Name:              ${h.id}`,
              `  Path:            /${h.site}/host/${h.cluster}/${h.id}`,
              `  Manufacturer:    Simulated Systems`,
              `  Logical CPUs:    ${h.cores} CPUs @ ${CORE_MHZ}MHz`,
              `  Processor type:  Simulated x86-64 @ ${(CORE_MHZ / 1000).toFixed(2)}GHz`,
              `  CPU usage:       ${usedMhz} MHz (${(h.cpuPct).toFixed(1)}%)`,
              `  Memory:          ${h.memoryMiB}MB`,
              `  Memory usage:    ${usedMem} MB (${h.memoryPct.toFixed(1)}%)`,
              `  Memory state:    ${mem.state} (minFree ${Math.round(mem.minFreeMiB)} MB${mem.technique !== 'none' ? `; ${mem.technique}` : ''})`,
              `  Boot time:       ${simDate(0)}`,
              `  State:           ${h.state === 'maintenance' ? 'connected (maintenance mode)' : h.state === 'failed' ? 'notResponding' : 'connected'}`,
            ].join('\n');
          })
          .join('\n') + '\n',
      );
    },
  },
  'host.maintenance.enter': {
    flags: { host: { type: 'string' }, timeout: { type: 'number', ignored: true }, evacuate: { type: 'boolean', ignored: true } },
    usage: 'host.maintenance.enter [OPTIONS] HOST...',
    run: (vmw, f) => maintenance(vmw, f, true),
  },
  'host.maintenance.exit': {
    flags: { host: { type: 'string' }, timeout: { type: 'number', ignored: true } },
    usage: 'host.maintenance.exit [OPTIONS] HOST...',
    run: (vmw, f) => maintenance(vmw, f, false),
  },
  'cluster.override.change': {
    flags: { vm: { type: 'string' }, 'ha-restart-priority': { type: 'string' }, 'drs-enabled': { type: 'boolean', ignored: true }, 'drs-mode': { type: 'string', ignored: true }, 'ha-isolation-response': { type: 'string', ignored: true } },
    usage: 'cluster.override.change -vm VM [-ha-restart-priority PRIORITY] [CLUSTER]',
    run: (vmw, f) => withVm(vmw, f, (vm) => {
      const priority = str(f, 'ha-restart-priority');
      if (!priority) return failure('govc: give -ha-restart-priority (disabled, lowest, low, medium, high, highest)');
      const r = vmw.sim.setHaPriority(vm.id, priority);
      return r.ok ? output('', true) : failure(`govc: ${r.error.message}`);
    }),
  },
  'cluster.change': {
    flags: { 'drs-enabled': { type: 'boolean' }, 'drs-mode': { type: 'string' }, 'drs-vmotion-rate': { type: 'number' }, 'ha-enabled': { type: 'boolean', ignored: true }, 'vsan-enabled': { type: 'boolean', ignored: true } },
    usage: 'cluster.change [OPTIONS] CLUSTER...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('cluster.change', COMMANDS['cluster.change'].usage);
      for (const path of f.positionals) {
        const cluster = path.split('/').filter(Boolean).pop()!;
        const mode = str(f, 'drs-mode') as DrsMode | undefined;
        const r = vmw.setDrs(cluster, { ...(f.values.has('drs-enabled') ? { enabled: bool(f, 'drs-enabled') } : {}), ...(num(f, 'drs-vmotion-rate') === undefined ? {} : { threshold: num(f, 'drs-vmotion-rate')! }), ...(mode ? { mode } : {}) });
        if (!r.ok) return failure(`govc: ${r.error.message}`);
      }
      return output('', true);
    },
  },
});

function ls(vmw: VmwareDriver, path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const dcs = [...new Set([...vmw.hosts().map((h) => h.site)])];
  if (parts.length === 0) return dcs.map((d) => `/${d}`);
  const [dc, folder, cluster] = parts;
  if (!dcs.includes(dc)) return [];
  if (!folder) return ['vm', 'network', 'host', 'datastore'].map((x) => `/${dc}/${x}`);
  const hosts = vmw.hosts().filter((h) => h.site === dc);
  if (folder === 'vm') return vmw.workloads().filter((v) => v.host && vmw.sim.host(v.host)?.site === dc).map((v) => `/${dc}/vm/${v.name}`);
  if (folder === 'host' && !cluster) return [...new Set(hosts.map((h) => h.cluster))].map((c) => `/${dc}/host/${c}`);
  if (folder === 'host') return [...hosts.filter((h) => h.cluster === cluster).map((h) => `/${dc}/host/${cluster}/${h.id}`), `/${dc}/host/${cluster}/Resources`];
  if (folder === 'datastore') return hosts.map((h) => `/${dc}/datastore/datastore-${h.id}`);
  if (folder === 'network') return [`/${dc}/network/VM Network`];
  return [];
}

function vmInfo(vmw: VmwareDriver, vm: ProviderWorkload, resources: boolean): string {
  const dc = vmw.datacenterOf(vm.host);
  const lines = [
    `Name:           ${vm.name}`,
    `  Path:         /${dc}/vm/${vm.name}`,
    `  UUID:         ${stableUuid(vm.id)}`,
    `  Guest name:   ${GUEST_IDS[vm.image] ?? vm.image}`,
    `  Memory:       ${vm.memoryMiB}MB`,
    `  CPU:          ${vm.cpuMilli / 1000} vCPU(s)`,
    `  Power state:  ${vm.nativeState}`,
    `  Boot time:    ${vm.uptimeMs === undefined ? '<nil>' : simDate(vmw.sim.now - vm.uptimeMs).replace('+0000', '+0000 UTC')}`,
    `  IP address:   ${vm.state === 'running' ? `10.1.${(vmw.sim.workloads.indexOf(vm.id)! >> 8) & 255}.${vmw.sim.workloads.indexOf(vm.id)! & 255}` : ''}`,
    `  Host:         ${vm.host ?? ''}`,
  ];
  if (resources) {
    const mhz = Math.round(((vm.cpuPct / 100) * vm.cpuMilli * CORE_MHZ) / 1000);
    const snaps = vmw.sim.snapshots.totalMiB(vmw.sim.workloads.indexOf(vm.id)!);
    lines.push(`  CPU usage:    ${mhz}MHz`, `  Host memory usage: ${Math.round((vm.memoryPct / 100) * vm.memoryMiB)}MB`, `  Storage:      ${formatMiB(vm.diskMiB + snaps)} (snapshots ${formatMiB(snaps)})`);
  }
  return lines.join('\n') + '\n';
}

function maintenance(vmw: VmwareDriver, f: ParsedFlags, enter: boolean): ExecResult {
  const name = enter ? 'host.maintenance.enter' : 'host.maintenance.exit';
  const hosts = [...(str(f, 'host') ? [str(f, 'host')!] : []), ...f.positionals].map((p) => p.split('/').filter(Boolean).pop()!);
  if (hosts.length === 0) return usage(name, COMMANDS[name].usage);
  const lines: string[] = [];
  let changed = false;
  for (const id of hosts) {
    if (!vmw.hosts().some((h) => h.id === id)) return failure(`govc: host '${id}' not found`, 1, changed);
    const r = enter ? vmw.sim.enterMaintenance(id) : vmw.sim.exitMaintenance(id);
    if (!r.ok) return failure(`govc: ${r.error.message}`, 1, changed);
    changed = true;
    lines.push(`${enter ? 'HostSystem:' + id + ' entering maintenance mode' : 'HostSystem:' + id + ' exiting maintenance mode'}... OK\n`);
  }
  return output(lines.join(''), changed);
}

function markAll(vmw: VmwareDriver, f: ParsedFlags, capability: 'mark-template' | 'mark-vm'): ExecResult {
  const name = capability === 'mark-template' ? 'vm.markastemplate' : 'vm.markasvm';
  if (f.positionals.length === 0) return usage(name, COMMANDS[name].usage);
  let changed = false;
  for (const path of f.positionals) {
    const vm = findVm(vmw, path);
    if (!vm) return failure(`govc: vm '${path}' not found`, 1, changed);
    const r = vmw.perform(vm.id, capability);
    if (!r.ok) return failure(`govc: ${r.error.message}`, 1, changed);
    changed = true;
  }
  return output('', true);
}

function findVm(vmw: VmwareDriver, nameOrPath: string): ProviderWorkload | undefined {
  return vmw.workload(nameOrPath.split('/').filter(Boolean).pop() ?? nameOrPath);
}

function withVm(vmw: VmwareDriver, f: ParsedFlags, run: (vm: ProviderWorkload) => ExecResult): ExecResult {
  const name = str(f, 'vm');
  if (!name) return failure('govc: -vm is required (or set GOVC_VM)');
  const vm = findVm(vmw, name);
  return vm ? run(vm) : failure(`govc: vm '${name}' not found`);
}

function moref(vmw: VmwareDriver, vm: ProviderWorkload): string {
  return `vm-${1000 + vmw.sim.workloads.indexOf(vm.id)!}`;
}

function invalidState(vm: ProviderWorkload, message: string): string {
  if (/it is (running|booting)/.test(message)) return 'The attempted operation cannot be performed in the current state (Powered on).';
  if (/it is (stopped|failed)/.test(message)) return 'The attempted operation cannot be performed in the current state (Powered off).';
  if (/it is suspended/.test(message)) return 'The attempted operation cannot be performed in the current state (Suspended).';
  return message;
}

function usage(name: string, text: string): ExecResult {
  return failure(`Usage: govc ${text}\n\nRun 'govc ${name} -h' for details.`);
}

/** Runs `govc ARGS...`. */
export function govc(vmw: VmwareDriver, args: readonly string[]): ExecResult {
  const [name, ...rest] = args;
  if (!name) return output(`Usage of govc (simulated):\n  ${Object.keys(COMMANDS).join('\n  ')}\n`);
  const cmd = COMMANDS[name];
  if (!cmd) return failure(`govc: unknown command "${name}"\nhint: this simulation's govc knows: ${Object.keys(COMMANDS).join(', ')}`);
  const parsed = parseFlags(rest, cmd.flags, 'go');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`flag provided but not defined: ${parsed.flag}\nUsage: govc ${cmd.usage}\n\nRun 'govc ${name} -h' for details.`, 2);
    return failure(`invalid value ${JSON.stringify(parsed.detail ?? '')} for flag ${parsed.flag}\nUsage: govc ${cmd.usage}`, 2);
  }
  return cmd.run(vmw, parsed.value);
}

/** Every command govc answers here, for completion. */
export const GOVC_COMMANDS = Object.keys(COMMANDS);
