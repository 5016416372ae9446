// govc's datastore commands and the out-of-space question, in govc's words.
// Sources (govmomi): cli/datastore/info.go (tabwriter(2, 0, 2, ' '); Capacity
// and Free as "%.1f GB" of GiB; Remote only for NAS), find/error.go ("%s '%s' not found"),
// cli/vm/question.go ("No pending question", "Question:\n%s\n\nPossible
// answers:\n" and "%s) %s" per choice), units/size.go (ByteSize.String, and
// Set: strconv.ParseInt of the digits, the unit's product in int64).
// The question's text: vmware/vic#6163's vmware.log (msg.hbacommon.outofspace).
// A datastore's files (datastore.ls, .rm, .disk.*) are in govc-disks.ts.
import { table } from '../../core/own.js';
import type { CoreError } from '../../core/result.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { goTabwriter } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, hostMoref, usage, withVm } from './govc-common.js';

/** A host's own datastore's name ("datastore1 (2)"). */
export function localDatastoreOf(vmw: VmwareDriver, host: string): string {
  return govcDatastores(vmw, vmw.sim.host(host)?.site).find((d) => d.host === host)?.name ?? 'datastore1';
}

/** A datastore as govc sees it: a shared one, or a host's own local VMFS volume. */
export interface GovcDatastore {
  readonly name: string;
  /** A shared datastore's id in the simulation (a host's own has none). */
  readonly id?: string;
  readonly dc: string;
  readonly type: 'VMFS' | 'NFS';
  readonly url: string;
  readonly capacityMiB: number;
  readonly freeMiB: number;
  /** NFS: the server and export. */
  readonly remote?: string;
  /** A host's own datastore: the host. */
  readonly host?: string;
  /** The clusters whose hosts mount it (a host's own: its cluster). */
  readonly mountedBy: readonly string[];
  /** The VMs whose disks are on it, by name, and what each allocates there, MiB. */
  readonly vms: readonly { readonly name: string; readonly usedMiB: number; readonly provisionedMiB: number }[];
}

/** The datastores of a datacenter (every one, if undefined): shared ones first, then the hosts' own. */
export function govcDatastores(vmw: VmwareDriver, dc?: string): GovcDatastore[] {
  const sim = vmw.sim;
  const out: GovcDatastore[] = [];
  const hostsOfVmware = vmw.hosts();
  const vmwareClusters = new Set(hostsOfVmware.map((h) => h.cluster));
  for (const d of sim.datastoreViews()) {
    if (!d.clusters.some((c) => vmwareClusters.has(c)) || (dc !== undefined && d.site !== dc)) continue;
    const nfs = d.medium === 'nas';
    out.push({
      name: d.name,
      id: d.id,
      dc: d.site,
      mountedBy: d.clusters,
      type: nfs ? 'NFS' : 'VMFS',
      url: `ds:///vmfs/volumes/${volumeId(d.id, nfs)}/`,
      capacityMiB: d.capacityMiB,
      freeMiB: d.freeMiB,
      ...(nfs ? { remote: `nas.${d.site}:/${d.name}` } : {}),
      vms: d.disks.map((k) => ({ name: sim.workload(k.workload)?.name ?? k.workload, usedMiB: k.usedMiB, provisionedMiB: k.provisionedMiB })),
    });
  }
  // ESXi's installer names its local VMFS volume datastore1, and vCenter makes a name it already has unique with a
  // suffix (the vSphere API reference, HostDatastoreSystem: "made unique by appending a suffix"; seen as
  // "datastore1 (1)", "datastore1 (2)"), here in the order the datacenter's hosts were added.
  const ordinal = new Map<string, number>();
  // Each host's VMs whose disks are on its own storage, gathered in one pass.
  const own = new Map<string, { name: string; usedMiB: number; provisionedMiB: number }[]>();
  for (const v of vmw.workloads())
    if (v.host !== undefined && !sim.diskOn(v.id))
      (own.get(v.host) ?? own.set(v.host, []).get(v.host)!).push({ name: v.name, usedMiB: v.diskMiB, provisionedMiB: v.diskMiB });
  for (const h of hostsOfVmware) {
    const n = ordinal.get(h.site) ?? 0;
    ordinal.set(h.site, n + 1);
    if (dc !== undefined && h.site !== dc) continue;
    const view = sim.host(h.id);
    if (!view) continue;
    const vms = own.get(h.id) ?? [];
    out.push({
      name: n === 0 ? 'datastore1' : `datastore1 (${n})`,
      host: h.id,
      mountedBy: [h.cluster],
      dc: h.site,
      type: 'VMFS',
      url: `ds:///vmfs/volumes/${volumeId(h.id, false)}/`,
      capacityMiB: view.capacity.diskMiB,
      freeMiB: view.capacity.diskMiB - view.allocated.diskMiB,
      vms,
    });
  }
  return out;
}

/** A VMFS volume's UUID (8-8-4-12 hex digits) or an NFS mount's (8-8), stable for a name. */
function volumeId(name: string, nfs: boolean): string {
  const hex = stableUuid(`ds:${name}`).replaceAll('-', '');
  return nfs ? `${hex.slice(0, 8)}-${hex.slice(8, 16)}` : `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The datastore a name or inventory path (/DC/datastore/NAME) names, in its datacenter. */
export function findDatastore(vmw: VmwareDriver, nameOrPath: string): GovcDatastore | undefined {
  const parts = nameOrPath.split('/').filter(Boolean);
  const name = parts.pop() ?? nameOrPath;
  const dc = parts.length >= 2 ? parts[0] : undefined;
  return govcDatastores(vmw, dc).find((d) => d.name === name);
}

/** units.ByteSize's String: binary units, one decimal, no space ("10.0GB", "12B"). */
export function byteSize(bytes: number): string {
  const units: [string, number][] = [
    ['EB', 2 ** 60],
    ['PB', 2 ** 50],
    ['TB', 2 ** 40],
    ['GB', 2 ** 30],
    ['MB', 2 ** 20],
    ['KB', 2 ** 10],
  ];
  for (const [u, n] of units) if (bytes >= n) return `${Math.fround(bytes / n).toFixed(1)}${u}`;
  return `${Math.round(bytes)}B`;
}

/** vSphere's fault text for a refusal: a datastore short of room is NoDiskSpace's "Insufficient disk space on datastore 'X'." */
export function vsphereFault(error: CoreError): string {
  return error.facts?.datastore === undefined ? error.message : `Insufficient disk space on datastore '${error.facts.datastore}'.`;
}

/** The out-of-space question a stunned VM asks (msg.hbacommon.outofspace), as the API's question text gives it, naming the disk's file. */
export function outOfSpaceQuestion(diskFile: string): string {
  return (
    `msg.hbacommon.outofspace:There is no more space for virtual disk '${diskFile}'. ` +
    'You might be able to continue this session by freeing disk space on the relevant volume, and clicking Retry. Click Cancel to terminate this session.'
  );
}

const RETRY = '0';
const CANCEL = '1';

export const STORAGE_COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  'datastore.info': {
    flags: { H: { type: 'boolean' }, dc: { type: 'string' } },
    usage: 'datastore.info [OPTIONS] [PATH]...',
    run: (vmw, f) => {
      const dc = str(f, 'dc');
      if (dc !== undefined && !vmw.hosts().some((h) => h.site === dc)) return failure(`govc: datacenter '${dc}' not found`);
      const all = govcDatastores(vmw, dc);
      const chosen: GovcDatastore[] = [];
      if (bool(f, 'H')) {
        // -H: the datastores every host named mounts (info.go: the intersection of the hosts' datastores; no host, the usage).
        if (f.positionals.length === 0) return usage('datastore.info', STORAGE_COMMANDS['datastore.info'].usage);
        let shared: GovcDatastore[] | undefined;
        for (const arg of f.positionals) {
          const host = vmw.hosts().find((h) => h.id === (arg.split('/').filter(Boolean).pop() ?? arg));
          if (!host) return failure(`govc: object '${arg}' not found`);
          const seen = all.filter((d) => d.host === host.id || (d.host === undefined && d.mountedBy.includes(host.cluster)));
          shared = shared === undefined ? seen : shared.filter((d) => seen.includes(d));
          if (shared.length === 0) return failure(`govc: host ${host.id} (HostSystem:${hostMoref(vmw, host.id)}) has no shared datastores`);
        }
        chosen.push(...(shared ?? []));
      } else
        for (const path of f.positionals.length ? f.positionals : ['*']) {
          // A name or a path's last element, as path.Match takes it ("prod-*").
          const pattern = glob(path.split('/').filter(Boolean).pop() ?? path);
          const found = all.filter((d) => pattern.test(d.name));
          if (found.length === 0) return failure(`govc: datastore '${path}' not found`);
          chosen.push(...found);
        }
      const rows: [string, string][] = [];
      for (const d of chosen) {
        rows.push(['Name:', d.name], ['  Path:', `/${d.dc}/datastore/${d.name}`], ['  Type:', d.type], ['  URL:', d.url]);
        rows.push(['  Capacity:', `${(d.capacityMiB / 1024).toFixed(1)} GB`], ['  Free:', `${(Math.max(0, d.freeMiB) / 1024).toFixed(1)} GB`]);
        if (d.remote) rows.push(['  Remote:', d.remote]);
      }
      // tabwriter.NewWriter(os.Stdout, 2, 0, 2, ' ', 0) (info.go).
      return output(goTabwriter(rows, { minWidth: 2, padding: 2, width: (x) => x.length }));
    },
  },
  'vm.disk.change': {
    flags: {
      vm: { type: 'string' },
      size: { type: 'string' },
      'disk.key': { type: 'integer' },
      'disk.name': { type: 'string' },
      'disk.label': { type: 'string' },
      'disk.filePath': { type: 'string' },
      mode: { type: 'string', ignored: true },
      sharing: { type: 'string', ignored: true },
      'disk.io.limit': { type: 'integer', ignored: true },
    },
    usage: 'vm.disk.change [OPTIONS]',
    run: (vmw, f) => {
      // -size is read with the flags (a bad value fails first); no -vm: flag.ErrHelp, the usage (cli/vm/disk/change.go).
      const bytes = byteFlag(f, 'size') ?? 0;
      if (typeof bytes !== 'number') return bytes;
      if (!str(f, 'vm')) return usage('vm.disk.change', STORAGE_COMMANDS['vm.disk.change'].usage);
      return withVm(vmw, f, (vm) => {
        // The VM's one disk: the first SCSI controller's (key 1000) unit 0, device key 2000, "Hard disk 1", its VMDK in the VM's folder.
        const disk = mainDisk(vmw, vm.id, vm.name);
        const key = f.values.has('disk.key') ? Number(f.values.get('disk.key')) : undefined;
        const picks = [
          key === undefined || key === 0 || key === disk.key,
          str(f, 'disk.name') === undefined || str(f, 'disk.name') === disk.name,
          str(f, 'disk.label') === undefined || str(f, 'disk.label') === disk.label,
          str(f, 'disk.filePath') === undefined || str(f, 'disk.filePath') === disk.file,
        ];
        if (!picks.every(Boolean)) return failure('govc: no disk found using the given values');
        // change.go: a -size of 0 bytes changes nothing; one that wrapped negative in int64 is a smaller disk. Whole MiB here: a part of one rounds up.
        if (bytes === 0) return output('', false);
        const sizeMiB = bytes < 0 ? -1 : Math.ceil(bytes / 1_048_576);
        const row = vmw.sim.workloadRow(vm.id);
        // vCenter extends no disk with snapshots or a linked clone's delta (InvalidDeviceOperation), none while a
        // Storage vMotion copies it (InvalidState), and reconfigures no template (NotSupported).
        const refusal =
          vm.attrs.template === true
            ? 'The operation is not supported on the object.'
            : vmw.sim.diskMoving(vm.id)
              ? 'The operation is not allowed in the current state.'
              : (row?.snapshots.list.length ?? 0) > 0 || vm.attrs.linkedClone === true
                ? "Invalid operation for device '0'."
                : undefined;
        if (refusal !== undefined) return failure(`govc: error resizing main disk\nLogged Item:  ${refusal}`);
        // A disk only grows: vCenter's InvalidDeviceOperation for a smaller one, wrapped as govc words any reconfigure failure.
        if (sizeMiB < vm.diskMiB) return failure("govc: error resizing main disk\nLogged Item:  Invalid operation for device '0'.");
        if (sizeMiB === vm.diskMiB) return output('', false);
        const r = vmw.sim.resize(vm.id, { diskMiB: Math.round(sizeMiB) });
        if (r.ok) return output('', true);
        // A host's own datastore short of room is the same NoDiskSpace as a shared one.
        const fault =
          r.error.facts?.datastore === undefined && r.error.facts?.short?.includes('disk')
            ? `Insufficient disk space on datastore '${mainDiskStore(vmw, vm.id)}'.`
            : vsphereFault(r.error);
        return failure(`govc: error resizing main disk\nLogged Item:  ${fault}`);
      });
    },
  },
  'vm.question': {
    flags: { vm: { type: 'string' }, answer: { type: 'string' } },
    usage: 'vm.question [OPTIONS]',
    run: (vmw, f) =>
      withVm(
        vmw,
        f,
        (vm) => {
          if (!vmw.sim.stunned(vm.id)) return output('No pending question\n');
          const answer = str(f, 'answer');
          // The disk that could not grow: a data disk's file (its name in its folder), else the VM's own.
          const file = vmw.sim.stunnedOn(vm.id)?.split('/').pop() ?? `${vm.name}.vmdk`;
          if (answer === undefined) return output(`Question:\n${outOfSpaceQuestion(file)}\n\nPossible answers:\n${RETRY}) Retry\n${CANCEL}) Cancel\n`);
          if (answer !== RETRY && answer !== CANCEL) return failure('govc: A specified parameter was not correct: answer');
          // Retry: the guest goes on (and, with still no room, stops again at its next write); Cancel ends the session.
          const r = vmw.sim.act(vm.id, answer === RETRY ? 'resume' : 'force-stop');
          return r.ok ? output('', true) : failure(`govc: ${r.error.message}`);
        },
        'govc: no VM specified',
      ),
  },
});

/** A VM's one disk as govc's device list names it (vcsim's layout: pvscsi-1000's unit 0, key 2000). */
export function mainDisk(vmw: VmwareDriver, id: string, name: string): { key: number; name: string; label: string; file: string } {
  return { key: 2000, name: 'disk-1000-0', label: 'Hard disk 1', file: `[${mainDiskStore(vmw, id)}] ${name}/${name}.vmdk` };
}

/** The datastore a VM's disk is on, by name (a host's own: "datastore1 (N)"). */
function mainDiskStore(vmw: VmwareDriver, id: string): string {
  return vmw.sim.diskOn(id)?.datastoreName ?? localDatastoreOf(vmw, vmw.workload(id)?.host ?? '');
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * units.ByteSize's Set: whole digits and an optional unit (B, K[i][B] ... E[i][B]), powers of 1024, in Go's int64:
 * digits past int64 fail as strconv.ParseInt does, and the unit's product wraps as int64 multiplication does
 * ("16E" is 0, "9E" negative), as real govc sends it. The bytes, or the error Go's flag package puts after the flag.
 */
export function byteValue(text: string): number | { readonly error: string } {
  const m = /^(\d+)([BKMGTPE]?)(ib|b)?$/i.exec(text);
  if (!m) return { error: 'invalid byte value' };
  const digits = BigInt(m[1]);
  if (digits > INT64_MAX) return { error: `strconv.ParseInt: parsing ${JSON.stringify(m[1])}: value out of range` };
  const power = ['', 'K', 'M', 'G', 'T', 'P', 'E'].indexOf((m[2] ?? '').toUpperCase().replace('B', ''));
  return Number(BigInt.asIntN(64, digits * 1024n ** BigInt(Math.max(0, power))));
}

/** A size flag's bytes (`fallback`, its default, when not given; undefined with none), or govc's error for its value. */
export function byteFlag(f: ParsedFlags, flag: string, fallback?: string): number | undefined | ExecResult {
  const text = str(f, flag) ?? fallback;
  if (text === undefined) return undefined;
  const bytes = byteValue(text);
  return typeof bytes === 'number' ? bytes : failure(`govc: invalid value ${JSON.stringify(text)} for flag -${flag}: ${bytes.error}`);
}

/** path.Match's * and ? over a name. */
export function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
}
