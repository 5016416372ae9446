// virsh attach-disk and detach-disk: a storage volume (vol-create-as, virsh-volumes.ts)
// attached to a domain as a data disk, and detached again, through the core's data
// disks (sim.attachVolume, sim.detachVolume). Sources (libvirt): tools/virsh-domain.c
// (opts_attach_disk, cmdAttachDisk: VSH_EXCLUSIVE_OPTIONS_VAR's "Options --%s and --%s
// are mutually exclusive", "Unknown source type: '%s'", "--source-protocol option
// requires --sourcetype network", "No support for %s in command 'attach-disk'", the
// <disk> XML it builds and --print-xml prints before it looks the domain up, "Failed to
// attach disk", "Disk attached successfully"; cmdDetachDisk, virshFindDisk: "No disk
// found whose source path or target is %s", "Failed to detach disk", "Disk detached
// successfully"), src/qemu/qemu_driver.c (qemuDomainAttachDevice and DetachDevice are
// the Flags calls with VIR_DOMAIN_AFFECT_LIVE; qemuDomainAttachDeviceLiveAndConfig does
// the config before the live domain; qemuDomainAttachDeviceConfig: "target %s already
// exists", VIR_ERR_OPERATION_INVALID), src/conf/domain_conf.c
// (virDomainObjUpdateModificationImpact: --current is live on an active domain, config
// on an inactive one, and "domain is not running" for live on an inactive one;
// virDomainDiskDefCheckDuplicateInfo: "target '%s' duplicated for disk sources '%s' and
// '%s'", VIR_ERR_XML_ERROR), src/qemu/qemu_hotplug.c
// (qemuDomainAttachDeviceDiskLiveInternal: that duplicate check, then the source is
// opened), src/storage_file/storage_source.c (virStorageSourceReportBrokenChain:
// "Cannot access storage file '%s' (as uid:%u, gid:%u)", with strerror), src/util/virutil.c
// (virIndexToDiskName), src/qemu/qemu_monitor_json.c ("unable to execute QEMU command
// '%s': %s") and QEMU's block/qcow2.c ("Image is not in qcow2 format").
//
// How it maps onto the simulation, decided here:
// - SOURCE is a volume's path as vol-list prints it, on the domain's host: its default
//   pool (/var/lib/libvirt/images, the host's own storage) or a shared pool its cluster
//   mounts (/var/lib/libvirt/images/POOL). libvirt takes any path; a path that is no
//   volume there fails as a file that is not there does when QEMU opens it (a live
//   attach), with where that volume is, if it is one elsewhere. A --config attach, which
//   libvirt writes unchecked, is refused here rather than left to fail at the next start.
// - live and config are one state here: a disk attached with --config alone is attached
//   at once, not at the domain's next boot, and --live alone keeps it past a restart.
// - TARGET may be any virtio target no disk of the domain has (vdb, vdf, vdaa...), as
//   libvirt takes any unused one; the domain keeps it in its `diskTargets` attribute
//   (recordTargets, virsh-storage.ts), so each disk keeps its target when others are
//   detached or the disks move to another datastore. A target of another bus (sdb, hdb)
//   or no disk name at all is refused as not simulated.
// - a domain's own disk (vda) is not detached: the core keeps no domain without its disk.
// - virtio disks only (vd*): --targetbus other than virtio, --type other than disk,
//   --mode readonly or shareable, --sourcetype block or network, --driver other than
//   qemu, --iothread and --address are refused as not simulated (--print-xml prints them).
// - --subdriver is not checked against the volume's format but for qcow2 on a raw volume,
//   which QEMU cannot open. libvirt takes a missing --subdriver as raw, so a qcow2 volume
//   attached without --subdriver qcow2 shows its guest the qcow2 container: not simulated.
// - a volume attached to a domain already (or a domain's own disk) is refused with the
//   core's reason (QEMU's image lock would refuse the second writer).
// - a domain migrating live holds libvirt's job lock: the command waits 30 s for it, as
//   virsh shutdown does, and then runs or fails to acquire it.
import { table } from '../../core/own.js';
import type { VolumeStore } from '../../core/volumes.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { DOMAIN_FLAG, isActive, lookupDomain, noDomain, printed, refused, type Virsh, type VirshCommand, virshError } from './virsh-common.js';
import { waitForLock } from './virsh-lifecycle.js';
import { type BlockDevice, blockDevices, diskIndex, freeTarget, type Pool, poolsOf, recordTargets, type Volume, volumeType } from './virsh-storage.js';

const B = { type: 'boolean' } as const;
const S = { type: 'string' } as const;

/** The qemu user and group on RHEL and Fedora, as libvirt names them when it cannot open a disk. */
const QEMU_IDS = 'uid:107, gid:107';

const AFFECT = { persistent: B, config: B, live: B, current: B } as const;

/** VSH_EXCLUSIVE_OPTIONS_VAR(persistent, current), (current, live), (current, config). */
function exclusive(f: ParsedFlags): ExecResult | undefined {
  for (const [a, b] of [
    ['persistent', 'current'],
    ['current', 'live'],
    ['current', 'config'],
  ])
    if (bool(f, a) && bool(f, b)) return virshError(`Options --${a} and --${b} are mutually exclusive`);
  return undefined;
}

/**
 * What a change affects, as virsh asks and the QEMU driver decides: --config and --persistent the
 * configuration, --live (and --persistent on an active domain) the running domain; no option at all is
 * the live domain (virDomainAttachDevice), --current the live domain if active, else its configuration.
 */
function affected(f: ParsedFlags, active: boolean): { live: boolean; config: boolean } {
  const config = bool(f, 'config') || bool(f, 'persistent');
  const live = bool(f, 'live') || (bool(f, 'persistent') && active);
  if (config || live) return { live, config };
  return bool(f, 'current') && !active ? { live: false, config: true } : { live: true, config: false };
}

/** virBufferEscapeString's escapes. */
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
/** An attribute virBufferEscapeString writes when its value was given. */
const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}='${xmlEscape(value)}'`);

/** The <disk> element cmdAttachDisk builds (virXMLFormatElement leaves out an element with neither attributes nor children). */
function diskXml(f: ParsedFlags, source: string, target: string, type: string, mode: string | undefined): string {
  const lines: string[] = [];
  const driver = attr('name', str(f, 'driver')) + attr('type', str(f, 'subdriver')) + attr('iothread', str(f, 'iothread'));
  const tuning = attr('cache', str(f, 'cache')) + attr('io', str(f, 'io'));
  if (driver + tuning) lines.push(`<driver${driver}${tuning}/>`);
  if (type === 'network') {
    const [hostName, port] = (str(f, 'source-host-name') ?? '').split(/:(.*)/s);
    const host =
      attr('transport', str(f, 'source-host-transport')) +
      attr('socket', str(f, 'source-host-socket')) +
      (str(f, 'source-host-name') === undefined ? '' : attr('name', hostName) + attr('port', port));
    const at = attr('protocol', str(f, 'source-protocol')) + attr('name', source);
    lines.push(...(host ? [`<source${at}>`, `  <host${host}/>`, '</source>'] : [`<source${at}/>`]));
  } else lines.push(`<source${attr(type === 'block' ? 'dev' : 'file', source)}/>`);
  const bus = str(f, 'targetbus');
  lines.push(`<target dev='${target}'${bus === undefined ? '' : ` bus='${bus}'`}/>`);
  if (mode !== undefined) lines.push(`<${mode}/>`);
  const serial = str(f, 'serial');
  if (serial !== undefined) lines.push(`<serial>${serial}</serial>`);
  const alias = str(f, 'alias');
  if (alias !== undefined) lines.push(`<alias name='${alias}'/>`);
  const wwn = str(f, 'wwn');
  if (wwn !== undefined) lines.push(`<wwn>${wwn}</wwn>`);
  const head = `<disk type='${type}'${attr('device', str(f, 'type'))}${bool(f, 'rawio') ? " rawio='yes'" : ''}>`;
  return `${head}\n${lines.map((l) => `  ${l}\n`).join('')}</disk>\n`;
}

/** A domain's name, or the id of a workload that is no KVM domain. */
const nameOf = (v: Virsh, id: string) => v.kvm.workload(id)?.name ?? v.kvm.sim.workload(id)?.name ?? id;

/** Where a path (or a bare name) is a volume that the domain's host does not see, said for a hint; or undefined. */
function elsewhere(v: Virsh, d: ProviderWorkload, source: string): string | undefined {
  const here = poolsOf({ ...v, host: d.host });
  const byName = here.flatMap((p) => p.volumes).find((x) => x.name === source);
  if (byName) return `give a volume by its path: ${byName.path} (virsh vol-list POOL lists them)`;
  for (const h of v.kvm.hosts()) {
    if (h.id === d.host) continue;
    const pool = poolsOf({ ...v, host: h.id }).find((p) => p.volumes.some((x) => x.path === source));
    if (!pool) continue;
    const where = pool.type === 'dir' ? `on ${h.id}'s own storage (its default pool)` : `in pool ${pool.name}, which ${d.host}'s cluster does not mount`;
    return `${source} is a volume ${where}: ${d.host}, where ${d.name} is, cannot open it`;
  }
  return undefined;
}

/** The volume at a path in the pools of the domain's host, with its pool. */
function volumeAt(v: Virsh, d: ProviderWorkload, path: string): { pool: Pool; vol: Volume } | undefined {
  for (const pool of poolsOf({ ...v, host: d.host })) {
    const vol = pool.volumes.find((x) => x.path === path);
    if (vol) return { pool, vol };
  }
  return undefined;
}

/** The options this simulation does not attach with, and why, if one was given. */
function unsimulated(f: ParsedFlags, type: string, mode: string | undefined): string | undefined {
  if (type === 'network') return 'a network source is not simulated: attach a volume (a file or a logical volume in a pool) by its path';
  const bus = str(f, 'targetbus');
  if (bus !== undefined && bus !== 'virtio') return `a ${bus} disk is not simulated: data disks here are virtio disks (vdb, vdc...)`;
  const device = str(f, 'type');
  if (device !== undefined && device !== 'disk') return `a ${device} device is not simulated: attach a volume as a disk`;
  if (mode !== undefined) return `a ${mode} disk is not simulated: a volume here is a data disk of one domain at a time, read and written`;
  const driver = str(f, 'driver');
  if (driver !== undefined && driver !== 'qemu') return `the domains here run on QEMU: --driver qemu, or leave it out`;
  if (str(f, 'iothread') !== undefined) return 'I/O threads are not simulated: leave --iothread out';
  const sub = str(f, 'subdriver');
  if (sub !== undefined && sub !== 'raw' && sub !== 'qcow2') return `a volume here is a raw or qcow2 file, not ${sub}`;
  return undefined;
}

function attach(v: Virsh, o: Record<string, string>, f: ParsedFlags): ExecResult {
  const fault = exclusive(f);
  if (fault) return fault;
  const sourcetype = str(f, 'sourcetype');
  if (sourcetype !== undefined && !['', 'file', 'block', 'network'].includes(sourcetype)) return virshError(`Unknown source type: '${sourcetype}'`);
  const protocol = str(f, 'source-protocol');
  // cmdAttachDisk defaults to "block" where stat() finds a block device: here, a logical volume (/dev/VG/LV).
  const stat = o.source.startsWith('/dev/') ? 'block' : 'file';
  const type = sourcetype === undefined || sourcetype === '' ? (protocol === undefined ? stat : 'network') : sourcetype;
  if ((type === 'network') !== (protocol !== undefined)) return virshError('--source-protocol option requires --sourcetype network');
  // --shareable is virsh's alias of --mode shareable.
  const mode = bool(f, 'shareable') ? 'shareable' : str(f, 'mode');
  if (mode !== undefined && mode !== 'readonly' && mode !== 'shareable') return virshError(`No support for ${mode} in command 'attach-disk'`);
  if (str(f, 'address') !== undefined)
    return {
      exitCode: 1,
      stdout: '',
      stderr: 'hyperpane: --address is not simulated: a data disk here takes the next free slot; leave it out\n',
      changed: false,
    };
  if (bool(f, 'print-xml')) return printed(diskXml(f, o.source, o.target, type, mode));
  const d = lookupDomain(v.kvm, o.domain);
  if (!d) return noDomain(o.domain);
  const run = (dom: ProviderWorkload) => attachTo(v, dom, o, f, type, mode);
  if (d.state === 'migrating' && isActive(d.nativeState)) return waitForLock(v.kvm, d, 'attach disk', () => run(lookupDomain(v.kvm, d.id, ['name']) ?? d));
  return run(d);
}

function attachTo(v: Virsh, d: ProviderWorkload, o: Record<string, string>, f: ParsedFlags, type: string, mode: string | undefined): ExecResult {
  const fail = 'Failed to attach disk';
  const active = isActive(d.nativeState);
  const { live, config } = affected(f, active);
  if (live && !active) return virshError(fail, 'Requested operation is not valid: domain is not running');
  const why = unsimulated(f, type, mode);
  if (why) return refused(fail, why);
  if (d.host === undefined) return refused(fail, `${d.name} is on no host, so no pool's volume can be opened for it: start it first`);
  const disks = blockDevices(v, d.id);
  const taken = disks.find((x) => x.target === o.target);
  if (taken && config) return virshError(fail, `Requested operation is not valid: target ${o.target} already exists`);
  if (taken) return virshError(fail, `XML error: target '${o.target}' duplicated for disk sources '${taken.path ?? '<null>'}' and '${o.source}'`);
  if (diskIndex(o.target) === undefined)
    return refused(
      fail,
      `a disk named ${o.target} is not simulated: data disks here are virtio disks, vdb, vdc... (${d.name}'s first free one is ${freeTarget(disks.map((x) => x.target))})`,
    );

  const found = volumeAt(v, d, o.source);
  if (!found) {
    const hint = elsewhere(v, d, o.source);
    if (!live)
      return refused(
        fail,
        hint ??
          `${o.source} is no volume of ${d.host}: libvirt would add it to ${d.name}'s configuration unchecked, and the domain would fail to start; attach a volume (virsh vol-list POOL lists them)`,
      );
    const cannot = `Cannot access storage file '${o.source}' (as ${QEMU_IDS}): No such file or directory`;
    if (!hint) return virshError(fail, cannot);
    return { exitCode: 1, stdout: '', stderr: `error: ${fail}\nerror: ${cannot}\nhyperpane: ${hint}\n\n`, changed: false };
  }
  const { pool, vol } = found;
  if (pool.type === 'iscsi')
    return refused(
      fail,
      `${o.source} is the LUN under volume group ${pool.store.datastore ?? pool.name}: attach one of its logical volumes (virsh vol-list ${pool.store.datastore ?? pool.name})`,
    );
  if (type === 'block' && volumeType(pool) !== 'block')
    return refused(fail, `${o.source} is a file: a block source is a logical volume here (/dev/VG/LV); attach the file with --sourcetype file`);
  if (str(f, 'subdriver') === 'qcow2' && vol.format === 'raw') {
    if (live) return virshError(fail, "internal error: unable to execute QEMU command 'blockdev-add': Image is not in qcow2 format");
    return refused(fail, `${vol.name} is a raw file: libvirt would add it as qcow2 and the domain would fail to start; attach it with --subdriver raw`);
  }
  if (vol.domain !== undefined)
    return refused(
      fail,
      `${vol.name} is ${vol.domain === d.id ? `${d.name}'s own disk (vda)` : `domain ${nameOf(v, vol.domain)}'s disk (vda)`}: QEMU's image lock lets one guest write it`,
    );
  const user = vol.volume?.attachedTo;
  if (user !== undefined) {
    const as = user === d.id ? ` (${disks.find((x) => x.path === vol.path)?.target})` : '';
    return refused(fail, `${vol.name} is a data disk of ${nameOf(v, user)}${as} already: a volume is attached to one domain at a time`);
  }
  const r = v.kvm.sim.attachVolume(pool.store, vol.name, d.id);
  if (!r.ok) return refused(fail, r.error.message);
  // The disks it had keep their targets (one that had none recorded is given the one it showed).
  recordTargets(v, d.id, [...disks, { target: o.target, volume: r.value }]);
  return printed('Disk attached successfully\n', true);
}

function detach(v: Virsh, o: Record<string, string>, f: ParsedFlags): ExecResult {
  const fault = exclusive(f);
  if (fault) return fault;
  const d = lookupDomain(v.kvm, o.domain);
  if (!d) return noDomain(o.domain);
  const run = (dom: ProviderWorkload) => detachFrom(v, dom, o, f);
  if (d.state === 'migrating' && isActive(d.nativeState)) return waitForLock(v.kvm, d, 'detach disk', () => run(lookupDomain(v.kvm, d.id, ['name']) ?? d));
  return run(d);
}

function detachFrom(v: Virsh, d: ProviderWorkload, o: Record<string, string>, f: ParsedFlags): ExecResult {
  // virshFindDisk: by target, or by source path.
  const disk: BlockDevice | undefined = blockDevices(v, d.id).find((x) => x.target === o.target || (x.path !== undefined && x.path === o.target));
  if (!disk) return virshError(`No disk found whose source path or target is ${o.target}`);
  if (bool(f, 'print-xml'))
    return {
      exitCode: 1,
      stdout: '',
      stderr: `hyperpane: domain XML is not simulated; virsh domblklist ${d.name} --details lists its disks\n`,
      changed: false,
    };
  const fail = 'Failed to detach disk';
  const active = isActive(d.nativeState);
  const { live } = affected(f, active);
  if (live && !active) return virshError(fail, 'Requested operation is not valid: domain is not running');
  const x = disk.volume;
  if (!x)
    return refused(
      fail,
      `${disk.target} is ${d.name}'s own disk, and this simulation keeps no domain without its disk: detach its data disks (vdb, vdc...) only`,
    );
  const store: VolumeStore = x.datastore !== undefined ? { datastore: x.datastore } : { host: x.host ?? '' };
  const r = v.kvm.sim.detachVolume(store, x.name);
  if (!r.ok) return refused(fail, r.error.message);
  // The others keep their targets; the detached one's entry goes.
  recordTargets(v, d.id, blockDevices(v, d.id));
  return printed('Disk detached successfully\n', true);
}

export const ATTACH_COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  'attach-disk': {
    flags: {
      ...DOMAIN_FLAG,
      source: S,
      target: S,
      targetbus: S,
      driver: S,
      subdriver: S,
      iothread: S,
      cache: S,
      io: S,
      type: S,
      shareable: B,
      mode: S,
      sourcetype: S,
      serial: S,
      wwn: S,
      alias: S,
      rawio: B,
      address: S,
      multifunction: B,
      'print-xml': B,
      'source-protocol': S,
      'source-host-name': S,
      'source-host-transport': S,
      'source-host-socket': S,
      ...AFFECT,
    },
    operands: ['domain', 'source', 'target'],
    run: attach,
  },
  'detach-disk': { flags: { ...DOMAIN_FLAG, target: S, ...AFFECT, 'print-xml': B }, operands: ['domain', 'target'], run: detach },
});
