// virsh blkdeviotune: a domain disk's I/O throttle. Only total_iops_sec is
// simulated (the core caps a disk's IOPS, in 8 KiB I/Os); asked for the rest,
// virsh says so rather than pretend. Sources (libvirt): tools/virsh-domain.c
// (cmdBlkdeviotune: each field "%-15s: %s\n", "Unable to get block I/O throttle
// parameters", "Unable to change block I/O throttle", "Unable to parse integer
// parameter"; nothing printed on a change), src/qemu/qemu_driver.c
// (qemuDomainGetBlockIoTune's 20 fields in BLOCK_IOTUNE_ASSIGN order;
// qemuDomainCheckBlockIoTuneMutualExclusion; the 1e15 cap, QEMU_BLOCK_IOTUNE_MAX
// in qemu_command.h), src/qemu/qemu_domain.c (qemuDomainDiskByName: "disk '%s'
// not found in domain"), src/conf/domain_conf.c ("domain is not running" for
// --live on a shut-off domain). A group's name when none was given is the
// drive's alias, drive-virtio-disk0, as a CentOS 7 libvirt printed it. A data disk
// (vdb, vdc... virsh attach-disk) has no throttle: it reads as none, and setting one
// is refused as not simulated (the core caps a domain's own disk only).
import { table } from '../../core/own.js';
import { MAX_IOPS } from '../../core/storage-io.js';
import { bool, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { DOMAIN_FLAG, isActive, lookupDomain, noDomain, printed, refused, type VirshCommand, virshError } from './virsh-common.js';
import { blockDevices, diskOf } from './virsh-storage.js';

const B = { type: 'boolean' } as const;
const S = { type: 'string' } as const;

/** The throttle's fields, in the order the QEMU driver returns them. */
const FIELDS = [
  'total_bytes_sec',
  'read_bytes_sec',
  'write_bytes_sec',
  'total_iops_sec',
  'read_iops_sec',
  'write_iops_sec',
  'total_bytes_sec_max',
  'read_bytes_sec_max',
  'write_bytes_sec_max',
  'total_iops_sec_max',
  'read_iops_sec_max',
  'write_iops_sec_max',
  'size_iops_sec',
  'group_name',
  'total_bytes_sec_max_length',
  'read_bytes_sec_max_length',
  'write_bytes_sec_max_length',
  'total_iops_sec_max_length',
  'read_iops_sec_max_length',
  'write_iops_sec_max_length',
] as const;

/** The options that set a field, as virsh spells them; all but total-iops-sec are refused. */
const SETTERS = FIELDS.filter((f) => f !== 'group_name').map((f) => f.replaceAll('_', '-'));

export const IOTUNE_COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  blkdeviotune: {
    flags: {
      ...DOMAIN_FLAG,
      device: S,
      ...Object.fromEntries(SETTERS.map((s) => [s, S])),
      'group-name': S,
      live: B,
      config: B,
      current: B,
    },
    operands: ['domain', 'device'],
    run: (v, o, f) => {
      for (const mode of ['live', 'config'])
        if (bool(f, 'current') && bool(f, mode)) return virshError(`Options --current and --${mode} are mutually exclusive`);
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      const setting = SETTERS.filter((s) => str(f, s) !== undefined);
      const failed = setting.length > 0 ? 'Unable to change block I/O throttle' : 'Unable to get number of block I/O throttle parameters';
      const running = isActive(d.nativeState);
      if (bool(f, 'live') && !running) return virshError(failed, 'Requested operation is not valid: domain is not running');
      const path = diskOf(v, d.id)?.path;
      const disk = path !== undefined && (o.device === 'vda' || o.device === path);
      // A data disk (vdb, vdc...) is never throttled here: it reads as no limit, and a limit on it is refused.
      const data = blockDevices(v, d.id).find((x) => x.volume !== undefined && (x.target === o.device || x.path === o.device));
      if (data) {
        if (setting.length === 0 && str(f, 'group-name') === undefined) return printed(`${query(undefined)}\n`);
        return refused(failed, `an I/O throttle on a data disk (${data.target}) is not simulated: the core caps a domain's own disk (vda) only`);
      }
      if (!disk) {
        const why = running ? `disk '${o.device}' not found in domain` : `disk '${o.device}' was not found in the domain config`;
        return virshError(setting.length > 0 ? failed : 'Unable to get block I/O throttle parameters', `invalid argument: ${why}`);
      }
      if (setting.length === 0 && str(f, 'group-name') === undefined) return printed(`${query(v.kvm.sim.diskIo(d.id)?.limitIops)}\n`);
      return change(v, d.id, f, setting);
    },
  },
});

function query(limit: number | undefined): string {
  const value = (field: (typeof FIELDS)[number]) =>
    field === 'total_iops_sec' ? String(limit ?? 0) : field === 'group_name' ? (limit === undefined ? '' : 'drive-virtio-disk0') : '0';
  return FIELDS.map((field) => `${field.padEnd(15)}: ${value(field)}`).join('\n');
}

function change(v: Parameters<VirshCommand['run']>[0], id: string, f: Parameters<VirshCommand['run']>[2], setting: string[]): ExecResult {
  const failed = 'Unable to change block I/O throttle';
  const values = new Map<string, number>();
  for (const s of setting) {
    const text = str(f, s)!;
    if (!/^\d+$/.test(text)) return virshError('Unable to parse integer parameter');
    values.set(s, Number(text));
  }
  for (const kind of ['bytes-sec', 'iops-sec', 'bytes-sec-max', 'iops-sec-max'])
    if (values.has(`total-${kind}`) && (values.has(`read-${kind}`) || values.has(`write-${kind}`)))
      return virshError(failed, `invalid argument: total and read/write of ${kind.replaceAll('-', '_')} cannot be set at the same time`);
  if ([...values.values()].some((n) => n > MAX_IOPS))
    return virshError(failed, `invalid argument: block I/O throttle limit value must be no more than ${MAX_IOPS}`);
  const other = setting.find((s) => s !== 'total-iops-sec' && values.get(s) !== 0) ?? (str(f, 'group-name') === undefined ? undefined : 'group-name');
  if (other !== undefined) return virshError(failed, `hyperpane simulates --total-iops-sec only (a disk's IOPS, 8 KiB each), not --${other}`);
  const iops = values.get('total-iops-sec');
  if (iops !== undefined) {
    const r = v.kvm.sim.limitIops(id, iops);
    if (!r.ok) return virshError(failed, r.error.message);
  }
  // Nothing of its own: only the blank line virsh prints after every command (vsh.c vshCommandRun).
  return printed('', iops !== undefined);
}
