// virsh list, dominfo, domstate, domid, domname, domuuid, nodeinfo and undefine,
// laid out as virsh lays them out.
// Sources: libvirt tools/virsh-domain-monitor.c (cmdList: active domains by ID,
// then inactive ones by name, case-insensitively (virshDomainSorter); "saved" for
// a shut off domain with a managed save under --managed-save; --name, --uuid and
// --id print bare lines; cmdDominfo's "%-15s %s" lines, CPU time only when not
// 0; cmdDomstate "STATE (REASON)"), tools/vsh-table.c (the table), tools/
// virsh-host.c (cmdNodeinfo's "%-20s %s" lines), tools/virsh-domain.c
// (cmdUndefine: --remove-all-storage takes every <disk> of the domain's XML, in its
// order, and after "Domain '%s' has been undefined" prints "Volume '%s'(%s) removed."
// for each, target and source, or "Failed to remove storage volume '%s'(%s)" and, at
// the end, the last error), src/qemu/qemu_driver.c (qemuDomainUndefineFlags' refusals),
// src/storage/storage_driver.c (storageVolDeleteInternal: "storage pool does not
// support vol deletion", an iscsi pool's),
// tests/virshtestdata/lifecycle.out, info-default.out and
// script-friendly-options.out.
import type { VolumeView } from '../../core/volumes.js';
import { bool, type FlagSpec } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { stableUuid } from '../common.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { consoleLog } from '../workload-logs.js';
import type { KvmDriver } from './driver.js';
import { caseless, DOMAIN_FLAG, isActive, lookupDomain, noDomain, printed, type Virsh, type VirshCommand, virshError } from './virsh-common.js';
import { blockDevices, type Pool, poolsOf } from './virsh-storage.js';

/** A serial terminal's screen: what connecting shows of what the guest wrote last. */
const CONSOLE_ROWS = 24;

const B = (ignored = false): FlagSpec => ({ type: 'boolean', ...(ignored ? { ignored } : {}) });

export const INFO_COMMANDS: Readonly<Record<string, VirshCommand>> = {
  list: {
    flags: {
      all: B(),
      inactive: B(),
      name: B(),
      uuid: B(),
      id: B(),
      table: B(),
      title: B(),
      'managed-save': B(),
      'state-running': B(),
      'state-shutoff': B(),
      'state-paused': B(),
      'state-other': B(),
      'with-managed-save': B(),
      'without-managed-save': B(),
      'with-snapshot': B(),
      'without-snapshot': B(),
      persistent: B(),
      transient: B(),
      autostart: B(),
      'no-autostart': B(),
    },
    operands: [],
    run: (v, _o, f) => list(v, (n) => bool(f, n)),
  },
  dominfo: {
    flags: DOMAIN_FLAG,
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain);
      return d ? printed(dominfo(v.kvm, d)) : noDomain(o.domain);
    },
  },
  domstate: {
    flags: { ...DOMAIN_FLAG, reason: B() },
    operands: ['domain'],
    run: (v, o, f) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      return printed(bool(f, 'reason') ? `${state(d)} (${reason(d)})\n` : `${state(d)}\n`);
    },
  },
  // virsh console NAME, read-only: libvirt's banner (tools/virsh-domain.c cmdRunConsole: "Connected to domain '%1$s'",
  // "Escape character is %1$s" and " (Ctrl + %c)" for a ^ escape), then the last screenful the guest wrote on its
  // serial console (providers/workload-logs.ts). Typing into it is not simulated.
  console: {
    flags: { ...DOMAIN_FLAG, devname: { type: 'string', ignored: true }, force: B(), safe: B(), resume: B() },
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      if (!isActive(d.nativeState)) return virshError('The domain is not running');
      const log = consoleLog(v.kvm.sim, d.id) ?? [];
      const screen = log.slice(Math.max(0, log.length - CONSOLE_ROWS)).map((l) => `${l.text}\n`);
      return { exitCode: 0, stdout: `Connected to domain '${d.name}'\nEscape character is ^] (Ctrl + ])\n${screen.join('')}`, stderr: '', changed: false };
    },
  },
  domid: {
    flags: DOMAIN_FLAG,
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain, ['name', 'uuid']);
      if (!d) return noDomain(o.domain);
      return printed(isActive(d.nativeState) ? `${v.kvm.domainId(d.id)}\n` : '-\n');
    },
  },
  domname: {
    flags: DOMAIN_FLAG,
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain, ['id', 'uuid']);
      return d ? printed(`${d.name}\n`) : noDomain(o.domain);
    },
  },
  domuuid: {
    flags: DOMAIN_FLAG,
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain, ['id', 'name']);
      return d ? printed(`${stableUuid(d.id)}\n`) : noDomain(o.domain);
    },
  },
  undefine: {
    flags: {
      ...DOMAIN_FLAG,
      'remove-all-storage': B(),
      'snapshots-metadata': B(),
      'managed-save': B(),
      'checkpoints-metadata': B(true),
      nvram: B(true),
      'keep-nvram': B(true),
      'delete-storage-volume-snapshots': B(true),
      'wipe-storage': B(true),
      storage: { type: 'string', ignored: true },
    },
    operands: ['domain'],
    run: (v, o, f) => undefine(v, o.domain, (n) => bool(f, n)),
  },
  nodeinfo: {
    flags: {},
    operands: [],
    run: (v) => {
      // The host virsh is connected to: -c's, or (qemu:///system) the first KVM host.
      const h = v.kvm.hosts().find((x) => x.id === v.host) ?? v.kvm.hosts()[0];
      if (!h) return virshError('this estate has no KVM host');
      const lines: [string, string][] = [
        ['CPU model:', 'x86_64'],
        ['CPU(s):', String(h.cores)],
        // CPU frequency: printed only when the host reports one; the simulation gives KVM hosts no clock speed.
        ['CPU socket(s):', '1'],
        ['Core(s) per socket:', String(h.cores)],
        ['Thread(s) per core:', '1'],
        ['NUMA cell(s):', '1'],
        ['Memory size:', `${h.memoryMiB * 1024} KiB`],
      ];
      return printed(lines.map(([k, x]) => `${k.padEnd(20)} ${x}\n`).join(''));
    },
  },
};

/** What virsh calls a domain's state: "running", "shut off"; "saved" only where list --managed-save asks. */
function state(d: ProviderWorkload): string {
  return d.nativeState;
}

/** A state's reason, as far as the simulation knows it (domstate --reason). */
function reason(d: ProviderWorkload): string {
  switch (d.nativeState) {
    case 'running':
      return d.state === 'migrating' ? 'migrating' : 'booted';
    case 'paused':
      return d.state === 'stopping' ? 'saving' : 'user';
    case 'in shutdown':
      return 'user';
    case 'shut off':
      return d.state === 'suspended' ? 'saved' : d.state === 'stopped' ? 'shutdown' : 'unknown';
    default:
      return 'unknown';
  }
}

function list(v: Virsh, has: (flag: string) => boolean): ExecResult {
  const { kvm } = v;
  const stateFilter = ['state-running', 'state-shutoff', 'state-paused', 'state-other'].filter(has);
  const domains = kvm
    .workloads()
    .filter((d) => v.host === undefined || d.host === v.host)
    .filter((d) => {
      const active = isActive(d.nativeState);
      if (has('inactive') && active) return false;
      if (!has('all') && !has('inactive') && !active && stateFilter.length === 0) return false;
      if (stateFilter.length > 0) {
        const s =
          d.nativeState === 'running'
            ? 'state-running'
            : d.nativeState === 'shut off'
              ? 'state-shutoff'
              : d.nativeState === 'paused'
                ? 'state-paused'
                : 'state-other';
        if (!stateFilter.includes(s)) return false;
      }
      const saved = d.state === 'suspended';
      if (has('with-managed-save') && !saved) return false;
      if (has('without-managed-save') && saved) return false;
      const snapshots = kvm.snapshotsOf(d.id).length > 0;
      if (has('with-snapshot') && !snapshots) return false;
      if (has('without-snapshot') && snapshots) return false;
      // Every domain here is persistent and not autostarted.
      if (has('transient') || has('autostart')) return false;
      return true;
    })
    .sort((a, b) => {
      const ia = isActive(a.nativeState) ? kvm.domainId(a.id) : Infinity;
      const ib = isActive(b.nativeState) ? kvm.domainId(b.id) : Infinity;
      return ia !== ib ? ia - ib : caseless(a.name, b.name);
    });
  const id = (d: ProviderWorkload) => (isActive(d.nativeState) ? String(kvm.domainId(d.id)) : '-');
  if (has('name') || has('uuid') || (has('id') && !has('table'))) {
    const lines = domains.flatMap((d) => {
      if (has('id') && !has('uuid') && !has('name') && !isActive(d.nativeState)) return [];
      return [[has('uuid') ? stableUuid(d.id) : '', has('id') ? id(d) : '', has('name') ? d.name : ''].filter((x) => x !== '').join(' ')];
    });
    return printed(lines.map((l) => `${l}\n`).join(''));
  }
  const stateOf = (d: ProviderWorkload) => (has('managed-save') && d.state === 'suspended' ? 'saved' : d.nativeState);
  const headers = has('title') ? ['Id', 'Name', 'State', 'Title'] : ['Id', 'Name', 'State'];
  return printed(
    `${virshTable(
      headers,
      domains.map((d) => [id(d), d.name, stateOf(d), ...(has('title') ? [''] : [])]),
      v.quiet,
    )}\n`,
  );
}

function dominfo(kvm: KvmDriver, d: ProviderWorkload): string {
  const active = isActive(d.nativeState);
  const cpuSeconds = ((d.uptimeMs ?? 0) / 1000) * (d.cpuPct / 100) * (d.cpuMilli / 1000);
  const kib = d.memoryMiB * 1024;
  const lines: [string, string][] = [
    ['Id:', active ? String(kvm.domainId(d.id)) : '-'],
    ['Name:', d.name],
    ['UUID:', stableUuid(d.id)],
    ['OS Type:', 'hvm'],
    ['State:', d.nativeState],
    ['CPU(s):', String(d.cpuMilli / 1000)],
    // virDomainGetInfo's cpuTime is 0 for a domain that is not running: the line is left out.
    ...(active && cpuSeconds > 0 ? ([['CPU time:', `${cpuSeconds.toFixed(1)}s`]] as [string, string][]) : []),
    ['Max memory:', `${kib} KiB`],
    // An inactive domain reports its configured current memory, not 0.
    ['Used memory:', `${kib} KiB`],
    ['Persistent:', 'yes'],
    ['Autostart:', 'disable'],
    ['Managed save:', d.state === 'suspended' ? 'yes' : 'no'],
    ['Security model:', 'none'],
    ['Security DOI:', '0'],
  ];
  return lines.map(([k, x]) => `${k.padEnd(15)} ${x}\n`).join('');
}

function undefine(v: Virsh, word: string, has: (flag: string) => boolean): ExecResult {
  const kvm = v.kvm;
  const d = lookupDomain(kvm, word);
  if (!d) return noDomain(word);
  const failed = (why: string) => virshError(`Failed to undefine domain '${word}'`, why);
  if (isActive(d.nativeState)) {
    return {
      exitCode: 1,
      stdout: '',
      stderr:
        `error: Failed to undefine domain '${word}'\n` +
        `hyperpane: this simulation keeps no transient domains: libvirt would leave ${d.name} running, undefined, until it stops; shut it down or destroy it first\n\n`,
      changed: false,
    };
  }
  const snaps = kvm.snapshotsOf(d.id).length;
  if (snaps > 0 && !has('snapshots-metadata')) return failed(`Requested operation is not valid: cannot delete inactive domain with ${snaps} snapshots`);
  if (d.state === 'suspended' && !has('managed-save'))
    return failed('Requested operation is not valid: Refusing to undefine while domain managed save image exists');
  // Its disks as its XML lists them, looked up before it goes, each with the pool it is in.
  const at = { ...v, host: d.host };
  const pools = poolsOf(at);
  const disks = has('remove-all-storage')
    ? blockDevices(at, d.id).map((disk) => ({ disk, pool: pools.find((p) => p.volumes.some((x) => x.path === disk.path)) }))
    : [];
  const r = kvm.perform(d.id, 'delete');
  if (!r.ok) return failed(`operation failed: ${r.error.message}`);
  let stdout = `Domain '${word}' has been undefined\n`;
  let stderr = '';
  let last = '';
  for (const { disk, pool } of disks) {
    const path = disk.path ?? `/var/lib/libvirt/images/${d.name}.qcow2`;
    // vda went with the domain (the core keeps no disk of a domain that is gone); its data disks' volumes it left, detached.
    const why = disk.volume ? removeVolume(kvm, disk.volume, pool) : undefined;
    if (why === undefined) stdout += `Volume '${disk.target}'(${path}) removed.\n`;
    else {
      stderr += `error: Failed to remove storage volume '${disk.target}'(${path})\n`;
      last = why;
    }
  }
  if (last) return { exitCode: 1, stdout, stderr: `${stderr}error: ${last}\n\n`, changed: true };
  return printed(stdout, true);
}

/** Deletes a volume the core let go of with its domain, as virStorageVolDelete would: libvirt's error if it cannot. */
function removeVolume(kvm: KvmDriver, x: VolumeView, pool: Pool | undefined): string | undefined {
  if (pool?.type === 'iscsi') return 'this function is not supported by the connection driver: storage pool does not support vol deletion';
  const gone = kvm.sim.deleteVolume(x.datastore !== undefined ? { datastore: x.datastore } : { host: x.host ?? '' }, x.name);
  return gone.ok ? undefined : `operation failed: ${gone.error.message}`;
}
