// govc, the vSphere CLI: the subset this simulation answers, in its own words.
// Commands that start vSphere tasks wait for them as govc does (VMWARE_BLOCKS,
// govc-tasks.ts). Sources: govmomi cli/command.go (Run: errors "govc: %s" on
// stderr, exit 1, flag errors included), cli/vm/*.go, cli/host/maintenance/*.go.
import { table } from '../../core/own.js';
import type { CoreError } from '../../core/result.js';
import { formatMiB } from '../../core/units.js';
import { wildcardMatch } from '../../core/wildcard.js';
import { reached } from '../blocking.js';
import { bool, type FlagSpec, num, type ParsedFlags, parseFlags, str } from '../cli/flags.js';
import { simDate, stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { CORE_MHZ, type GovcWait, GUEST_IDS, POWER_STATE, VMWARE_BLOCKS } from './defaults.js';
import type { DrsMode, VmwareDriver } from './driver.js';
import { ALARM_COMMANDS } from './govc-alarms.js';
import { type Cmd, findVm, usage, vmMoref, withVm } from './govc-common.js';
import { DISK_COMMANDS } from './govc-disks.js';
import { DVS_COMMANDS } from './govc-dvs.js';
import { NETWORK_COMMANDS, networksOf } from './govc-network.js';
import { PERMISSION_COMMANDS } from './govc-permissions.js';
import { findDatastore, type GovcDatastore, govcDatastores, STORAGE_COMMANDS, vsphereFault } from './govc-storage.js';
import { logStamp, runTasks, type Task } from './govc-tasks.js';
import { deleteDataDisks, disksDeletedWith, VM_DISK_COMMANDS } from './govc-vm-disks.js';
import { nicsOf } from './port-groups.js';
import { addressesOf } from './topology.js';

const VM_FLAG: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({ vm: { type: 'string' }, dc: { type: 'string', ignored: true } });

const COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  ...ALARM_COMMANDS,
  ...NETWORK_COMMANDS,
  ...DVS_COMMANDS,
  ...STORAGE_COMMANDS,
  ...DISK_COMMANDS,
  ...VM_DISK_COMMANDS,
  ...PERMISSION_COMMANDS,
  ls: {
    flags: { l: { type: 'boolean', ignored: true }, t: { type: 'string', ignored: true } },
    usage: 'ls [OPTIONS] [PATH]...',
    // Each PATH's children; a PATH with * or ? in it is matched against the inventory first (find.Finder's
    // ManagedObjectListChildren over its path, as govc's cli/ls.go does for each argument).
    run: (vmw, f) => {
      const lines = (f.positionals.length > 0 ? f.positionals : ['/']).flatMap((p) => expandPath(vmw, p).flatMap((x) => ls(vmw, x)));
      return output(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    },
  },
  'vm.info': {
    flags: {
      r: { type: 'boolean' },
      e: { type: 'boolean', ignored: true },
      g: { type: 'boolean', ignored: true },
      json: { type: 'boolean', ignored: true },
      'vm.path': { type: 'string' },
    },
    usage: 'vm.info [OPTIONS] VM...',
    run: (vmw, f) => {
      const names = [...f.positionals, ...(str(f, 'vm.path') ? [str(f, 'vm.path')!] : [])];
      if (names.length === 0) return usage('vm.info', COMMANDS['vm.info'].usage);
      const out: string[] = [];
      for (const name of names) {
        const vm = findVm(vmw, name);
        // A name that matches nothing is no error: vm.info goes on with no VMs at all and prints nothing (cli/vm/info.go: find.NotFoundError).
        if (!vm) return output('');
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
      ds: { type: 'string' },
      thick: { type: 'boolean' },
      eager: { type: 'boolean' },
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
      const dsName = str(f, 'ds');
      const ds = dsName === undefined ? undefined : findDatastore(vmw, dsName);
      if (dsName !== undefined && !ds) return failure(`govc: datastore '${dsName}' not found`);
      // A new disk is thin unless -thick; -eager only with -thick (cli/vm/create.go addStorage).
      const format = bool(f, 'thick') ? (bool(f, 'eager') ? 'eager' : 'thick') : 'thin';
      // A host's own datastore is its host's storage: the VM goes on that host, its disk there.
      if (ds?.host && host && host !== ds.host) return failure(`govc: ${host} does not mount datastore ${ds.name}`);
      const r = vmw.create({
        name,
        vcpus: num(f, 'c') ?? 1,
        memoryMiB: num(f, 'm') ?? 1024,
        diskGiB: (num(f, 'disk') ?? 16 * 1024) / 1024,
        image: str(f, 'g') ?? 'otherGuest',
        host: ds?.host ?? host,
        cluster: str(f, 'cluster'),
        powerOn: power,
        recorded: f.recorded,
        ...(ds?.id ? { datastore: { id: ds.id, format } } : {}),
      });
      if (!r.ok) return failure(`govc: ${vsphereFault(r.error)}`);
      // The create task, then (unless -on=false) the power-on task: nothing printed (cli/vm/create.go).
      return waited(vmw, name, VMWARE_BLOCKS['vm.create'], `${name} to be created${power ? ' and powered on' : ''}`, () => output('', true));
    },
  },
  'vm.power': {
    flags: {
      on: { type: 'boolean' },
      off: { type: 'boolean' },
      s: { type: 'boolean' },
      r: { type: 'boolean' },
      suspend: { type: 'boolean' },
      reset: { type: 'boolean' },
      force: { type: 'boolean' },
      wait: { type: 'boolean' },
      M: { type: 'boolean', ignored: true },
    },
    usage: 'vm.power [OPTIONS] NAME...',
    run: (vmw, f) => {
      // cli/vm/power.go: the verb each flag prints, and what the core does for it.
      // -reset is a hard power cycle (ResetVM_Task): off at once, then on, with no guest shutdown.
      const ops: [string, 'start' | 'force-stop' | 'stop' | 'restart' | 'suspend' | 'reset', string][] = [
        ['on', 'start', 'Powering on'],
        ['off', 'force-stop', 'Powering off'],
        ['reset', 'reset', 'Reset'],
        ['suspend', 'suspend', 'Suspend'],
        ['r', 'restart', 'Reboot guest'],
        ['s', 'stop', 'Shutdown guest'],
      ];
      const chosen = ops.filter(([flag]) => bool(f, flag));
      // None or more than one: flag.ErrHelp, the command's usage.
      if (chosen.length !== 1) return usage('vm.power', COMMANDS['vm.power'].usage);
      const [flag, capability, verb] = chosen[0];
      if (f.positionals.length === 0) return usage('vm.power', COMMANDS['vm.power'].usage);
      // The VMs are looked up first, all of them (cmd.VirtualMachines): one missing, and none is touched.
      const vms: ProviderWorkload[] = [];
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        vms.push(vm);
      }
      const wait: GovcWait = f.values.has('wait') && !bool(f, 'wait') ? 'at-once' : VMWARE_BLOCKS[`vm.power -${flag}`];
      const tasks: Task[] = vms.map((vm) => ({
        prefix: `${verb} VirtualMachine:${moref(vmw, vm)}... `,
        start: () => {
          const r = capability === 'reset' ? reset(vmw, vm) : vmw.perform(vm.id, capability);
          return r.ok ? { finished: () => arrived(vmw, vm.id, wait) } : { error: invalidState(r.error) };
        },
      }));
      return runTasks(tasks, () => vmw.sim.now, `${vms.map((v) => v.name).join(', ')} to ${WAITING[flag] ?? 'answer'}`, bool(f, 'force'));
    },
  },
  'vm.destroy': {
    flags: {},
    usage: 'vm.destroy VM...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('vm.destroy', COMMANDS['vm.destroy'].usage);
      const vms: ProviderWorkload[] = [];
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        vms.push(vm);
      }
      // Each in turn: powered off if on (that task waited for), then destroyed (cli/vm/destroy.go); nothing printed.
      const tasks: Task[] = vms.map((vm) => ({
        prefix: '',
        start: () => {
          const clones = vmw.sim.workloadRow(vm.id)!.linkedClones();
          if (clones.length > 0) return { error: `cannot destroy ${vm.name}: linked clones share its disk (${clones.join(', ')})` };
          const now = vmw.workload(vm.id);
          if (now && now.state !== 'stopped' && now.state !== 'failed') vmw.perform(vm.id, 'force-stop');
          // Destroy_Task deletes the VM's files, its data disks' VMDKs too, but not the parent VMDK of a disk attached
          // linked (vm.disk.attach's default; govc-vm-disks.ts): once it is gone.
          const disks = disksDeletedWith(vmw, vm.id);
          const r = vmw.perform(vm.id, 'delete');
          const gone = () => {
            if (!arrived(vmw, vm.id, VMWARE_BLOCKS['vm.destroy'])) return false;
            deleteDataDisks(vmw, disks);
            return true;
          };
          return r.ok ? { finished: gone } : { error: r.error.message };
        },
      }));
      return silent(runTasks(tasks, () => vmw.sim.now, `${vms.map((v) => v.name).join(', ')} to be destroyed`));
    },
  },
  'vm.migrate': {
    flags: {
      host: { type: 'string' },
      pool: { type: 'string', ignored: true },
      ds: { type: 'string' },
      priority: { type: 'string', ignored: true },
    },
    usage: 'vm.migrate [OPTIONS] VM...',
    run: (vmw, f) => {
      const host = str(f, 'host');
      const dsName = str(f, 'ds');
      if (!host && !dsName) return failure('govc: -host or -ds is required in this simulation (DRS placement on migrate is not simulated)');
      if (host && !vmw.hosts().some((h) => h.id === host)) return failure(`govc: host '${host}' not found`);
      const ds = dsName === undefined ? undefined : findDatastore(vmw, dsName);
      if (dsName !== undefined && !ds) return failure(`govc: datastore '${dsName}' not found`);
      if (f.positionals.length === 0) return failure('govc: no argument');
      if (ds?.host && host && host !== ds.host) return failure(`govc: ${host} does not mount datastore ${ds.name}`);
      // Another host's own datastore: vMotion with storage to that host (the disk copied first, then memory).
      const toHostId = host ?? ds?.host;
      const alongside = ds?.host !== undefined;
      const vms: ProviderWorkload[] = [];
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        vms.push(vm);
      }
      // One relocation after another, each with its progress line (cli/vm/migrate.go: "migrating %s... ").
      const tasks: Task[] = vms.map((vm) => ({
        prefix: `migrating VirtualMachine:${moref(vmw, vm)}... `,
        logged: true,
        start: () => {
          // vCenter checks the whole relocation before it starts: a target host that cannot take VMs fails it at once.
          const state = toHostId ? vmw.sim.host(toHostId)?.state : undefined;
          if (state === 'maintenance' || state === 'failed') return { error: `${toHostId} is ${state === 'failed' ? 'failed' : 'in maintenance mode'}` };
          // A shared datastore the VM's host does not mount but the target does (another cluster's): one vMotion with
          // storage, the disks copied through the target first, as vCenter's "change both compute resource and storage".
          const hostNow = vmw.workload(vm.id)?.host;
          const across = ds?.id !== undefined && toHostId !== undefined && toHostId !== hostNow && !mountedAt(vmw, ds, hostNow);
          if (across) {
            const now = vmw.workload(vm.id) ?? vm;
            const r = vmw.perform(vm.id, now.state === 'running' ? 'live-migrate' : 'migrate', { targetHost: toHostId, targetDatastore: ds.id });
            return r.ok ? { finished: () => arrived(vmw, vm.id, VMWARE_BLOCKS['vm.migrate']) } : { error: vsphereFault(r.error) };
          }
          // The disk first (Storage vMotion), then the host, in the one relocation.
          if (ds && !alongside) {
            const moved = relocate(vmw, vm.id, ds);
            if (moved) return { error: vsphereFault(moved) };
          }
          const toHost = () => {
            if (!toHostId || toHostId === (vmw.workload(vm.id) ?? vm).host) return undefined;
            const now = vmw.workload(vm.id) ?? vm;
            const r = vmw.perform(vm.id, now.state === 'running' ? 'live-migrate' : 'migrate', { targetHost: toHostId, copyStorage: alongside });
            return r.ok ? undefined : r.error.message;
          };
          if (!ds || alongside) {
            const error = toHost();
            return error ? { error } : { finished: () => arrived(vmw, vm.id, VMWARE_BLOCKS['vm.migrate']) };
          }
          let hostStarted = false;
          return {
            finished: () => {
              if (vmw.sim.diskMoving(vm.id)) return false;
              if (!hostStarted) {
                hostStarted = true;
                // The host move's refusal fails the task: the disk has moved by then, as a relocation's first half does.
                const error = toHost();
                if (error !== undefined) return { error };
              }
              return arrived(vmw, vm.id, VMWARE_BLOCKS['vm.migrate']);
            },
          };
        },
      }));
      return runTasks(tasks, () => vmw.sim.now, `${vms.map((v) => v.name).join(', ')} to move to ${[host, ds?.name].filter(Boolean).join(' and ')}`);
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
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const name = f.positionals[0];
        if (!name) return usage('vm.clone', COMMANDS['vm.clone'].usage);
        if (vmw.workload(name)) return failure(`govc: The name '${name}' already exists.`);
        const host = str(f, 'host');
        if (host && !vmw.hosts().some((h) => h.id === host)) return failure(`govc: host '${host}' not found`);
        const snapshot = str(f, 'snapshot');
        if (snapshot && !vmw.sim.workloadRow(vm.id)!.snapshots.list.some((s) => s.name === snapshot)) return failure(`govc: snapshot "${snapshot}" not found`);
        // govc powers the clone on unless told -on=false.
        const powerOn = f.values.has('on') ? bool(f, 'on') : true;
        const r = vmw.perform(vm.id, 'clone', { cloneName: name, linked: bool(f, 'link'), snapshot, targetHost: host, powerOn, recorded: f.recorded });
        if (!r.ok) return failure(`govc: ${r.error.message}`);
        // The clone task's progress line once the copy is done ("Cloning %s to %s..."), then the power-on task (cli/vm/clone.go).
        const line = `Cloning /${vmw.datacenterOf(vm.host)}/vm/${vm.name} to ${name}...`;
        return waited(vmw, name, VMWARE_BLOCKS['vm.clone'], `${name} to be cloned${powerOn ? ' and powered on' : ''}`, () =>
          output(`${logStamp(vmw.sim.now)}${line}OK\n`, true),
        );
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
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const name = f.positionals[0];
        if (!name) return usage('snapshot.create', COMMANDS['snapshot.create'].usage);
        // govc takes memory by default (-m=true), as the vSphere Client does.
        const memory = f.values.has('m') ? bool(f, 'm') : true;
        const r = vmw.sim.takeSnapshot(vm.id, name, { memory: memory && vm.state === 'running', description: str(f, 'd') });
        return r.ok
          ? waited(vmw, vm.id, VMWARE_BLOCKS['snapshot.create'], `${vm.name}'s snapshot ${name}`, () => output('', true))
          : failure(`govc: ${r.error.message}`);
      }),
  },
  'snapshot.revert': {
    flags: { ...VM_FLAG, s: { type: 'boolean', ignored: true } },
    usage: 'snapshot.revert [OPTIONS] [NAME]',
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const tree = vmw.sim.workloadRow(vm.id)!.snapshots;
        const name = f.positionals[0] ?? tree.current;
        if (!name) return failure(`govc: no current snapshot`);
        const r = vmw.sim.revertSnapshot(vm.id, name);
        return r.ok
          ? waited(vmw, vm.id, VMWARE_BLOCKS['snapshot.revert'], `${vm.name} to revert to ${name}`, () => output('', true))
          : failure(r.error.code === 'not-found' ? `govc: snapshot "${name}" not found` : `govc: ${r.error.message}`);
      }),
  },
  'snapshot.remove': {
    flags: { ...VM_FLAG, r: { type: 'boolean', ignored: true }, c: { type: 'boolean', ignored: true } },
    usage: 'snapshot.remove [OPTIONS] NAME',
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const name = f.positionals[0];
        if (!name) return usage('snapshot.remove', COMMANDS['snapshot.remove'].usage);
        const r = vmw.sim.deleteSnapshot(vm.id, name);
        return r.ok
          ? waited(vmw, vm.id, VMWARE_BLOCKS['snapshot.remove'], `${vm.name}'s snapshot ${name} to go`, () => output('', true))
          : failure(r.error.code === 'not-found' ? `govc: snapshot "${name}" not found` : `govc: ${r.error.message}`);
      }),
  },
  'snapshot.tree': {
    flags: {
      ...VM_FLAG,
      D: { type: 'boolean' },
      c: { type: 'boolean' },
      C: { type: 'boolean' },
      i: { type: 'boolean', ignored: true },
      f: { type: 'boolean', ignored: true },
      s: { type: 'boolean' },
    },
    usage: 'snapshot.tree [OPTIONS]',
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const tree = vmw.sim.workloadRow(vm.id)!.snapshots;
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
        `${hosts
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
          .join('\n')}\n`,
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
    flags: {
      vm: { type: 'string' },
      'ha-restart-priority': { type: 'string' },
      'drs-enabled': { type: 'boolean', ignored: true },
      'drs-mode': { type: 'string', ignored: true },
      'ha-isolation-response': { type: 'string', ignored: true },
    },
    usage: 'cluster.override.change -vm VM [-ha-restart-priority PRIORITY] [CLUSTER]',
    run: (vmw, f) =>
      withVm(vmw, f, (vm) => {
        const priority = str(f, 'ha-restart-priority');
        if (!priority) return failure('govc: give -ha-restart-priority (disabled, lowest, low, medium, high, highest)');
        const r = vmw.sim.setHaPriority(vm.id, priority);
        return r.ok ? output('', true) : failure(`govc: ${r.error.message}`);
      }),
  },
  'cluster.change': {
    flags: {
      'drs-enabled': { type: 'boolean' },
      'drs-mode': { type: 'string' },
      'drs-vmotion-rate': { type: 'number' },
      'ha-enabled': { type: 'boolean', ignored: true },
      'vsan-enabled': { type: 'boolean', ignored: true },
    },
    usage: 'cluster.change [OPTIONS] CLUSTER...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('cluster.change', COMMANDS['cluster.change'].usage);
      for (const path of f.positionals) {
        const cluster = path.split('/').filter(Boolean).pop()!;
        const mode = str(f, 'drs-mode') as DrsMode | undefined;
        const r = vmw.setDrs(cluster, {
          ...(f.values.has('drs-enabled') ? { enabled: bool(f, 'drs-enabled') } : {}),
          ...(num(f, 'drs-vmotion-rate') === undefined ? {} : { threshold: num(f, 'drs-vmotion-rate')! }),
          ...(mode ? { mode } : {}),
        });
        if (!r.ok) return failure(`govc: ${r.error.message}`);
      }
      return output('', true);
    },
  },
});

/** The inventory paths a path with wildcards names (itself when it has none), each part matched against the children of the one before. */
function expandPath(vmw: VmwareDriver, path: string): string[] {
  if (!/[*?]/.test(path)) return [path];
  const dcs = [...new Set(vmw.hosts().map((h) => h.site))];
  const parts = [...(path.startsWith('/') || dcs.length !== 1 ? [] : [dcs[0]!]), ...path.split('/').filter(Boolean)];
  let at = ['/'];
  for (const part of parts) {
    at = at.flatMap((base) => {
      const here = base === '/' ? `/${part}` : `${base}/${part}`;
      if (!/[*?]/.test(part)) return [here];
      return ls(vmw, base).filter((child) => wildcardMatch(part, child.slice(child.lastIndexOf('/') + 1)));
    });
  }
  return at;
}

function ls(vmw: VmwareDriver, path: string): string[] {
  const dcs = [...new Set([...vmw.hosts().map((h) => h.site)])];
  // A relative path is the default datacenter's, when there is one (govc's -dc, else the only one).
  const parts = [...(path.startsWith('/') || dcs.length !== 1 ? [] : [dcs[0]!]), ...path.split('/').filter(Boolean)];
  if (parts.length === 0) return dcs.map((d) => `/${d}`);
  const [dc, folder, cluster] = parts;
  if (!dcs.includes(dc)) return [];
  if (!folder) return ['vm', 'network', 'host', 'datastore'].map((x) => `/${dc}/${x}`);
  const hosts = vmw.hosts().filter((h) => h.site === dc);
  // An object that is no folder lists as itself (ManagedObjectListChildren of a leaf gives the leaf).
  const leaf = parts.length > (folder === 'host' ? 3 : 2) ? parts.slice(0, folder === 'host' ? 4 : 3) : undefined;
  if (leaf) {
    const name = leaf[leaf.length - 1];
    const there =
      folder === 'vm'
        ? vmw.workloads().some((v) => v.name === name && v.host && vmw.sim.host(v.host)?.site === dc && vmw.maySee(v))
        : folder === 'host'
          ? name === 'Resources' || hosts.some((h) => h.cluster === cluster && h.id === name)
          : folder === 'datastore'
            ? govcDatastores(vmw, dc).some((d) => d.name === name)
            : folder === 'network' && networksOf(vmw, dc).includes(name);
    return there ? [`/${leaf.join('/')}`] : [];
  }
  if (folder === 'vm')
    return (
      vmw
        .workloads()
        // Only what the user acting may see, as the inventory finder gives it (objects without System.View are not there).
        .filter((v) => v.host && vmw.sim.host(v.host)?.site === dc && vmw.maySee(v))
        .map((v) => `/${dc}/vm/${v.name}`)
    );
  if (folder === 'host' && !cluster) return [...new Set(hosts.map((h) => h.cluster))].map((c) => `/${dc}/host/${c}`);
  if (folder === 'host')
    return [...hosts.filter((h) => h.cluster === cluster).map((h) => `/${dc}/host/${cluster}/${h.id}`), `/${dc}/host/${cluster}/Resources`];
  if (folder === 'datastore') return govcDatastores(vmw, dc).map((d) => `/${dc}/datastore/${d.name}`);
  if (folder === 'network') return networksOf(vmw, dc).map((n) => `/${dc}/network/${n}`);
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
    `  IP address:   ${addressesOf(vmw, vm)[0] ?? ''}`,
    `  Host:         ${vm.host ?? ''}`,
  ];
  if (resources) {
    const mhz = Math.round(((vm.cpuPct / 100) * vm.cpuMilli * CORE_MHZ) / 1000);
    const snaps = vmw.sim.workloadRow(vm.id)!.snapshotsMiB;
    lines.push(
      `  CPU usage:    ${mhz}MHz`,
      `  Host memory usage: ${Math.round((vm.memoryPct / 100) * vm.memoryMiB)}MB`,
      `  Storage:      ${formatMiB(vm.diskMiB + snaps)} (snapshots ${formatMiB(snaps)})`,
      `  Network:      ${[...new Set(nicsOf(vm.attrs).map((n) => n.network))].join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function maintenance(vmw: VmwareDriver, f: ParsedFlags, enter: boolean): ExecResult {
  const name = enter ? 'host.maintenance.enter' : 'host.maintenance.exit';
  const hosts = [...(str(f, 'host') ? [str(f, 'host')!] : []), ...f.positionals].map((p) => p.split('/').filter(Boolean).pop()!);
  if (hosts.length === 0) return usage(name, COMMANDS[name].usage);
  for (const id of hosts) if (!vmw.hosts().some((h) => h.id === id)) return failure(`govc: host '${id}' not found`);
  // Each host in turn, its progress line naming its inventory path (cli/host/maintenance/enter.go: "%s entering maintenance mode... ").
  const tasks: Task[] = hosts.map((id) => {
    const h = vmw.hosts().find((x) => x.id === id)!;
    return {
      prefix: `/${h.site}/host/${h.cluster}/${id} ${enter ? 'entering' : 'exiting'} maintenance mode... `,
      logged: true,
      start: () => {
        if (!enter) {
          const r = vmw.sim.exitMaintenance(id);
          return r.ok ? { finished: () => true } : { error: r.error.message };
        }
        const r = vmw.sim.enterMaintenance(id);
        return r.ok ? { finished: () => drained(vmw, id, r.value.moving) } : { error: r.error.message };
      },
    };
  });
  return runTasks(tasks, () => vmw.sim.now, `${hosts.join(', ')} to ${enter ? 'enter' : 'exit'} maintenance mode`);
}

/** vm.power -reset: a powered-on VM is turned off and on again at once; any other is refused as vSphere refuses it. */
function reset(vmw: VmwareDriver, vm: ProviderWorkload): { ok: true } | { ok: false; error: CoreError } {
  const now = vmw.workload(vm.id) ?? vm;
  if (now.nativeState !== 'poweredOn')
    return { ok: false, error: { code: 'invalid-state', message: `cannot reset ${vm.name}: it is ${now.state}`, facts: { state: now.state } } };
  const off = vmw.perform(vm.id, 'force-stop');
  if (!off.ok) return off;
  const on = vmw.perform(vm.id, 'start');
  return on.ok ? { ok: true } : on;
}

/** Whether the VMs that had to leave host `id` have left it (or stopped, or gone). */
function drained(vmw: VmwareDriver, id: string, moving: readonly string[]): boolean {
  return moving.every((w) => {
    const v = vmw.sim.workload(w);
    return !v || v.state === 'deleted' || (v.state !== 'migrating' && (v.host !== id || v.state !== 'running'));
  });
}

/** Whether a workload has got where a govc task waits for it to get. */
function arrived(vmw: VmwareDriver, id: string, wait: GovcWait): boolean {
  if (wait === 'at-once' || wait === 'drained') return true;
  if (wait === 'migrated') return vmw.sim.workload(id)?.state !== 'migrating';
  return reached(vmw.sim, id, wait);
}

/** A command that waits for one workload's task: at once if it is already there. */
function waited(vmw: VmwareDriver, id: string, wait: GovcWait, waitingFor: string, answer: () => ExecResult): ExecResult {
  if (arrived(vmw, id, wait)) return answer();
  return { exitCode: 0, stdout: '', stderr: '', changed: true, blocking: { waitingFor, done: () => arrived(vmw, id, wait), answer } };
}

/** A command that prints nothing of its tasks (vm.destroy): only its error, if any. */
function silent(r: ExecResult): ExecResult {
  const b = r.blocking;
  return { ...r, stdout: '', ...(b ? { blocking: { ...b, answer: () => ({ ...b.answer(), stdout: '' }) } } : {}) };
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

function moref(vmw: VmwareDriver, vm: ProviderWorkload): string {
  return vmMoref(vmw, vm.id);
}

/** How vSphere's faults name a power state ("... in the current state (Powered on)."). */
const POWER_STATE_WORDS: Readonly<Record<string, string>> = table<string>({ poweredOn: 'Powered on', poweredOff: 'Powered off', suspended: 'Suspended' });

/** vSphere's InvalidPowerState fault, by the power state the VM was in (the core's state, not its words). */
function invalidState(error: CoreError): string {
  const state = error.code === 'invalid-state' ? error.facts?.state : undefined;
  const power = state === undefined ? undefined : POWER_STATE_WORDS[POWER_STATE[state]];
  return power ? `The attempted operation cannot be performed in the current state (${power}).` : error.message;
}

/** What the console says vm.power is waiting for, by flag. */
const WAITING: Readonly<Record<string, string>> = table<string>({ on: 'power on', off: 'power off', reset: 'power on again', suspend: 'suspend' });

/** Runs `govc ARGS...`. */
export function govc(vmw: VmwareDriver, args: readonly string[]): ExecResult {
  const [name, ...rest] = args;
  if (!name) return output(`Usage of govc (simulated):\n  ${Object.keys(COMMANDS).join('\n  ')}\n`);
  const cmd = COMMANDS[name];
  if (!cmd) return failure(`govc: unknown command "${name}"\nhint: this simulation's govc knows: ${Object.keys(COMMANDS).join(', ')}`);
  const parsed = parseFlags(rest, cmd.flags, 'go');
  if (!parsed.ok) {
    // The flag set's output is discarded (fs.SetOutput(io.Discard)): only Run's "govc: %s", exit 1 (Go's flag package words the error).
    if (parsed.kind === 'unknown') return failure(`govc: flag provided but not defined: ${parsed.flag}`);
    if (parsed.kind === 'missing-value') return failure(`govc: flag needs an argument: ${parsed.flag}`);
    const spec = cmd.flags[parsed.flag.replace(/^-+/, '')];
    if (spec?.type === 'boolean') return failure(`govc: invalid boolean value ${JSON.stringify(parsed.detail ?? '')} for ${parsed.flag}: parse error`);
    return failure(`govc: invalid value ${JSON.stringify(parsed.detail ?? '')} for flag ${parsed.flag}: parse error`);
  }
  return cmd.run(vmw, parsed.value);
}

/** Every command govc answers here, for completion. */
export const GOVC_COMMANDS = Object.keys(COMMANDS);

/** Each command's flags, for completion in the console's prompt. */
export const GOVC_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = Object.fromEntries(
  Object.entries(COMMANDS).map(([n, c]) => [n, c.flags]),
);

/** Whether a host (by id) mounts a datastore. */
function mountedAt(vmw: VmwareDriver, ds: GovcDatastore, host: string | undefined): boolean {
  const cluster = host === undefined ? undefined : vmw.sim.host(host)?.cluster;
  return cluster !== undefined && ds.mountedBy.includes(cluster);
}

/** Starts moving a VM's disk to a datastore (Storage vMotion): why it cannot, or undefined. */
function relocate(vmw: VmwareDriver, id: string, ds: GovcDatastore): CoreError | undefined {
  const disk = vmw.sim.diskOn(id);
  // Already there: nothing to copy (vCenter relocates to where the disk is as a no-op).
  if (disk ? ds.id === disk.datastore : ds.host === vmw.workload(id)?.host) return undefined;
  if (ds.id === undefined) return { code: 'unsupported', message: `moving a disk onto a host's own datastore is not simulated: choose a shared datastore` };
  const r = vmw.sim.relocateStorage(id, ds.id);
  return r.ok ? undefined : r.error;
}
