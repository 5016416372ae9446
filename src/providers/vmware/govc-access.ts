// What each govc command asks vCenter's authorization manager for, and on
// which object: the privilege its vSphere API method declares (pyVmomi
// _typeinfo_vim.py, govmomi vim25/types "Required privileges") and those the
// API reference adds (RelocateVM_Task: Resource.HotMigrate for a powered-on VM;
// CreateVM_Task then PowerOnVM_Task, since govc's -on defaults to true). Every
// object named must first be visible (System.View): one that is not is
// "not found", as govc's finder says (govmomi find/error.go); a missing
// privilege is the NoPermission fault, which govc prints as
// "govc: ServerFaultCode: Permission to perform this operation was denied."
// (cli/command.go, soap/error.go; govmomi#1367 shows the line).
import type { AccessRequest } from '../../access/policy.js';
import type { LineAccess } from '../access/line-access.js';
import { type FlagSpec, type ParsedFlags, parseFlags, str } from '../cli/flags.js';
import { failure, isExecResult } from '../exec-result.js';
import type { VmwareDriver } from './driver.js';
import { findVm } from './govc-common.js';
import { flagDatastore, target } from './govc-disks.js';
import { findDatastore } from './govc-storage.js';
import { clusterEntity, datacenterEntity, datastoreEntity, type Entity, entityAt, hostEntity, ROOT, vmEntity } from './inventory-paths.js';

type Target = 'vms' | 'vm' | 'hosts' | 'host' | 'ds' | 'clusters' | 'dc' | 'root' | 'paths' | 'vm-cluster';

interface Rule {
  readonly on: Target;
  /** The privileges needed on each object; none for a command that only looks (it needs the object visible). */
  readonly privileges: (f: ParsedFlags, running: boolean) => readonly string[];
  readonly changes: boolean | ((f: ParsedFlags) => boolean);
}

const looks = (on: Target): Rule => ({ on, privileges: () => [], changes: false });
const needs = (on: Target, ...privileges: string[]): Rule => ({ on, privileges: () => privileges, changes: true });
const flagOn = (f: ParsedFlags, name: string) => f.values.has(name) && f.values.get(name) !== false;

/** vm.power's privilege by flag (PowerOnVM_Task, PowerOffVM_Task/ShutdownGuest, ResetVM_Task/RebootGuest, SuspendVM_Task/StandbyGuest). */
function powerPrivilege(f: ParsedFlags): string {
  if (flagOn(f, 'on')) return 'VirtualMachine.Interact.PowerOn';
  if (flagOn(f, 'reset') || flagOn(f, 'r')) return 'VirtualMachine.Interact.Reset';
  if (flagOn(f, 'suspend') || flagOn(f, 'standby')) return 'VirtualMachine.Interact.Suspend';
  return 'VirtualMachine.Interact.PowerOff';
}

/** "-on" defaults to true for vm.create and vm.clone (cli/vm/create.go, clone.go). */
const powersOn = (f: ParsedFlags) => f.values.get('on') !== false;

export const GOVC_RULES: Readonly<Record<string, Rule>> = {
  ls: looks('dc'),
  'vm.info': looks('vms'),
  'vm.ip': looks('vms'),
  'vm.create': { on: 'dc', privileges: (f) => ['VirtualMachine.Inventory.Create', ...(powersOn(f) ? ['VirtualMachine.Interact.PowerOn'] : [])], changes: true },
  'vm.power': { on: 'vms', privileges: (f) => [powerPrivilege(f)], changes: true },
  // Destroy_Task powers a running VM off first (cli/vm/destroy.go), then needs VirtualMachine.Inventory.Delete.
  'vm.destroy': {
    on: 'vms',
    privileges: (_f, running) => [...(running ? ['VirtualMachine.Interact.PowerOff'] : []), 'VirtualMachine.Inventory.Delete'],
    changes: true,
  },
  'vm.migrate': {
    on: 'vms',
    privileges: (f, running) => [
      'Resource.ColdMigrate',
      ...(running ? ['Resource.HotMigrate'] : []),
      ...(str(f, 'ds') !== undefined ? ['Datastore.AllocateSpace'] : []),
    ],
    changes: true,
  },
  'vm.clone': {
    on: 'vm',
    privileges: (f) => ['VirtualMachine.Provisioning.Clone', ...(powersOn(f) ? ['VirtualMachine.Interact.PowerOn'] : [])],
    changes: true,
  },
  'vm.markastemplate': needs('vms', 'VirtualMachine.Provisioning.MarkAsTemplate'),
  'vm.markasvm': needs('vms', 'VirtualMachine.Provisioning.MarkAsVM', 'Resource.AssignVMToPool'),
  'snapshot.create': needs('vm', 'VirtualMachine.State.CreateSnapshot'),
  'snapshot.revert': needs('vm', 'VirtualMachine.State.RevertToSnapshot'),
  'snapshot.remove': needs('vm', 'VirtualMachine.State.RemoveSnapshot'),
  'snapshot.tree': looks('vm'),
  'vm.disk.create': needs('vm', 'VirtualMachine.Config.AddNewDisk'),
  'vm.disk.attach': needs('vm', 'VirtualMachine.Config.AddExistingDisk'),
  'vm.disk.change': needs('vm', 'VirtualMachine.Config.DiskExtend'),
  'device.ls': looks('vm'),
  'device.info': looks('vm'),
  'device.remove': needs('vm', 'VirtualMachine.Config.RemoveDisk'),
  'vm.network.add': needs('vm', 'VirtualMachine.Config.AddRemoveDevice'),
  'vm.network.change': needs('vm', 'VirtualMachine.Config.EditDevice'),
  'vm.question': {
    on: 'vm',
    privileges: (f) => (str(f, 'answer') === undefined ? [] : ['VirtualMachine.Interact.AnswerQuestion']),
    changes: (f) => str(f, 'answer') !== undefined,
  },
  'host.info': looks('hosts'),
  'host.maintenance.enter': needs('hosts', 'Host.Config.Maintenance'),
  'host.maintenance.exit': needs('hosts', 'Host.Config.Maintenance'),
  'host.portgroup.add': needs('host', 'Host.Config.Network'),
  'host.portgroup.remove': needs('host', 'Host.Config.Network'),
  'host.portgroup.info': looks('host'),
  'host.vswitch.info': looks('host'),
  'dvs.create': needs('dc', 'DVSwitch.Create'),
  'dvs.add': needs('dc', 'DVSwitch.HostOp'),
  'dvs.portgroup.add': needs('dc', 'DVPortgroup.Create'),
  'cluster.change': needs('clusters', 'Host.Inventory.EditCluster'),
  'cluster.override.change': needs('vm-cluster', 'Host.Inventory.EditCluster'),
  'datastore.info': looks('dc'),
  'datastore.ls': looks('ds'),
  'datastore.disk.info': looks('ds'),
  // VirtualDiskManager's methods need Datastore.FileManagement on the datastore (pyvmomi docs/vim/VirtualDiskManager.rst).
  'datastore.disk.create': needs('ds', 'Datastore.FileManagement'),
  'datastore.disk.extend': needs('ds', 'Datastore.FileManagement'),
  'datastore.rm': needs('ds', 'Datastore.FileManagement'),
  'role.ls': looks('root'),
  'role.usage': looks('root'),
  'role.create': needs('root', 'Authorization.ModifyRoles'),
  'role.update': needs('root', 'Authorization.ModifyRoles'),
  'role.remove': needs('root', 'Authorization.ModifyRoles'),
  // AcknowledgeAlarm needs Alarm.Acknowledge (vSphere API reference, AlarmManager.AcknowledgeAlarm).
  alarms: { on: 'paths', privileges: (f) => (flagOn(f, 'ack') ? ['Alarm.Acknowledge'] : []), changes: (f) => flagOn(f, 'ack') },
  'alarm.info': looks('paths'),
  'permissions.ls': looks('paths'),
  'permissions.set': needs('paths', 'Authorization.ModifyPermissions'),
  'permissions.remove': needs('paths', 'Authorization.ModifyPermissions'),
};

/** The NoPermission fault as govc prints it. */
const NO_PERMISSION = 'govc: ServerFaultCode: Permission to perform this operation was denied.';

/** What vm.power prints before it calls (cli/vm/power.go: "Powering on %s... " on stdout). */
function powerPrefix(f: ParsedFlags, moref: string): string {
  if (flagOn(f, 'on')) return `Powering on ${moref}... `;
  if (flagOn(f, 'reset')) return `Reset ${moref}... `;
  if (flagOn(f, 'suspend')) return `Suspend ${moref}... `;
  if (flagOn(f, 'r')) return `Reboot guest ${moref}... `;
  if (flagOn(f, 's')) return `Shutdown guest ${moref}... `;
  if (flagOn(f, 'standby')) return `Standby guest ${moref}... `;
  return `Powering off ${moref}... `;
}

/**
 * What a govc line asks for; undefined when govc would refuse it before calling vCenter (an unknown command or
 * flag, a missing argument, an object that does not exist): it says so itself.
 */
export function govcAccess(
  vmw: VmwareDriver,
  words: readonly string[],
  flags: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>>,
): LineAccess | undefined {
  const [name, ...rest] = words.slice(1);
  const rule = name === undefined ? undefined : GOVC_RULES[name];
  const spec = name === undefined ? undefined : flags[name];
  if (!rule || !spec) return undefined;
  const parsed = parseFlags(rest, spec, 'go');
  if (!parsed.ok) return undefined;
  const f = parsed.value;
  const dc = str(f, 'dc') ?? vmw.datacenterOf(undefined);
  const objects: { entity: Entity; kind: string; name: string; running: boolean; moref?: string }[] = [];
  const vm = (n: string) => {
    const w = findVm(vmw, n);
    if (w)
      objects.push({
        entity: vmEntity(vmw, w),
        kind: 'vm',
        name: n,
        running: w.state === 'running',
        moref: `VirtualMachine:vm-${1000 + vmw.sim.workloadRow(w.id)!.index}`,
      });
  };
  const host = (n: string) => {
    const id = n.split('/').filter(Boolean).pop() ?? n;
    if (vmw.hosts().some((h) => h.id === id)) objects.push({ entity: hostEntity(vmw, id), kind: 'host', name: n, running: false });
  };
  switch (rule.on) {
    case 'vms':
      for (const n of f.positionals) vm(n);
      if (name === 'vm.info' && str(f, 'vm.path')) vm(str(f, 'vm.path')!);
      break;
    case 'vm':
      if (str(f, 'vm')) vm(str(f, 'vm')!);
      break;
    case 'vm-cluster': {
      const w = str(f, 'vm') ? findVm(vmw, str(f, 'vm')!) : undefined;
      const c = w?.host ? vmw.sim.host(w.host)?.cluster : undefined;
      if (w && c) objects.push({ entity: clusterEntity(vmw.datacenterOf(w.host), c), kind: 'cluster', name: c, running: false });
      break;
    }
    case 'hosts':
      for (const n of f.positionals) host(n);
      if (str(f, 'host')) host(str(f, 'host')!);
      break;
    case 'host':
      if (str(f, 'host')) host(str(f, 'host')!);
      break;
    case 'clusters':
      // cluster.change finds a cluster by its path's last name, in any datacenter: so is it judged.
      for (const n of f.positionals) {
        const cluster = n.split('/').filter(Boolean).pop() ?? n;
        for (const site of new Set(vmw.hosts().flatMap((h) => (h.cluster === cluster ? [h.site] : []))))
          objects.push({ entity: clusterEntity(site, cluster), kind: 'cluster', name: n, running: false });
      }
      break;
    case 'ds': {
      // The datastore the command acts on: a "[DS] path" argument's, else -ds's (govc-disks.ts target).
      const arg = name === 'datastore.ls' ? f.positionals[0] : f.positionals[0];
      const t = arg === undefined ? flagDatastore(vmw, str(f, 'ds'), str(f, 'dc')) : target(vmw, f, arg);
      if (isExecResult(t)) return undefined;
      const d = 'ds' in t ? t.ds : t;
      if (!d || !('dc' in d)) return undefined;
      objects.push({ entity: datastoreEntity(d.dc, d.name), kind: 'datastore', name: d.name, running: false });
      break;
    }
    case 'dc':
      objects.push({ entity: datacenterEntity(dc), kind: 'datacenter', name: dc, running: false });
      break;
    case 'root':
      objects.push({ entity: ROOT, kind: 'folder', name: '/', running: false });
      break;
    case 'paths':
      for (const p of f.positionals.length > 0 ? f.positionals : ['/']) {
        const e = entityAt(vmw, p);
        if (e) objects.push({ entity: e, kind: 'object', name: p, running: false });
      }
      break;
  }
  // vm.clone's new VM is made in the datacenter's VM folder (VirtualMachine.Inventory.CreateFromExisting there).
  if (name === 'vm.clone') objects.push({ entity: datacenterEntity(dc), kind: 'datacenter', name: dc, running: false });
  // vm.migrate's destination: Resource.AssignVMToPool on its cluster's pool, Datastore.AllocateSpace on the datastore
  // (RelocateVM_Task's "additional permissions").
  const destinations: { entity: Entity; privilege: string; kind: string; name: string }[] = [];
  if (name === 'vm.migrate') {
    const to = str(f, 'host');
    const h = to === undefined ? undefined : vmw.sim.host(to);
    if (h)
      destinations.push({ entity: clusterEntity(vmw.datacenterOf(h.id), h.cluster), privilege: 'Resource.AssignVMToPool', kind: 'cluster', name: h.cluster });
    const ds = str(f, 'ds') === undefined ? undefined : findDatastore(vmw, str(f, 'ds')!);
    if (ds) destinations.push({ entity: datastoreEntity(ds.dc, ds.name), privilege: 'Datastore.AllocateSpace', kind: 'datastore', name: ds.name });
  }
  // A changing command whose object this could not find acts on something all the same (or fails): it is judged
  // as a change at the root, which only a permission over the whole inventory grants.
  const changes = typeof rule.changes === 'function' ? rule.changes(f) : rule.changes;
  if (changes && objects.length === 0) objects.push({ entity: ROOT, kind: 'folder', name: '/', running: false });
  const refusals = new Map<AccessRequest, () => ReturnType<typeof failure>>();
  const requests: AccessRequest[] = [];
  for (const o of objects) {
    const see: AccessRequest = { kind: 'vsphere', privilege: 'System.View', entity: o.entity.path, chains: o.entity.chains };
    // A datacenter or the root is browsable by whoever sees anything below it (vCenter grants System.View up the
    // tree implicitly): a look there lists what the user sees (govc ls filters), and asks nothing itself.
    if (!changes && (o.kind === 'datacenter' || o.kind === 'folder') && name !== 'permissions.ls' && !name.startsWith('role.')) continue;
    requests.push(see);
    refusals.set(see, () => failure(`govc: ${o.kind} '${o.name}' not found`));
    const wanted =
      name === 'vm.clone' && o.kind === 'datacenter'
        ? ['VirtualMachine.Inventory.CreateFromExisting']
        : rule.privileges(f, o.running).filter((x) => !(name === 'vm.migrate' && x === 'Datastore.AllocateSpace'));
    for (const privilege of wanted) {
      const r: AccessRequest = { kind: 'vsphere', privilege, entity: o.entity.path, chains: o.entity.chains };
      requests.push(r);
      refusals.set(r, () =>
        name === 'vm.power' && o.moref
          ? { exitCode: 1, stdout: powerPrefix(f, o.moref), stderr: `${NO_PERMISSION}\n`, changed: false }
          : failure(NO_PERMISSION),
      );
    }
  }
  for (const d of destinations) {
    const see: AccessRequest = { kind: 'vsphere', privilege: 'System.View', entity: d.entity.path, chains: d.entity.chains };
    const r: AccessRequest = { kind: 'vsphere', privilege: d.privilege, entity: d.entity.path, chains: d.entity.chains };
    requests.push(see, r);
    refusals.set(see, () => failure(`govc: ${d.kind} '${d.name}' not found`));
    refusals.set(r, () => failure(NO_PERMISSION));
  }
  return {
    requests,
    changes,
    object: objects.map((o) => o.entity.path).join(' ') || '/',
    refuse: (request) => (refusals.get(request) ?? (() => failure(NO_PERMISSION)))(),
  };
}
