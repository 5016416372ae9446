// virsh migrate, domjobinfo and domjobabort. A live migration is pre-copy as
// QEMU does it (core/migration-plan.ts): one whose guest outruns the link, with
// auto-converge off (libvirt's default), never converges by itself; virsh
// migrate then keeps waiting, the domain keeps its claim on both hosts, virsh
// domjobinfo shows the passes going round, and virsh domjobabort (or --timeout,
// which pauses the guest so the rest goes at once) ends it.
// Sources: libvirt tools/virsh-domain.c (cmdMigrate and doMigrate: nothing
// printed on success, "\rMigration: [%3d %%]" on stderr with --verbose; "migrate:
// Unexpected timeout for offline migration"; cmdDomjobinfo's "%-17s %-12s" lines;
// cmdDomjobabort prints nothing), src/qemu/qemu_migration.c ("%s: %s" with
// "migration out job" and "canceled by client"), src/qemu/qemu_driver.c
// (qemuDomainAbortJob: "no job is active on the domain"), src/rpc/virnetsocket.c
// (a destination ssh cannot reach: "End of file while reading data: %s"),
// src/util/virerror.c (VIR_ERR_OPERATION_ABORTED: "operation aborted: %s").
import { dirtyRate } from '../../core/migration-plan.js';
import { bool, type FlagSpec, num } from '../cli/flags.js';
import { stableUuid } from '../common.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { KvmDriver } from './driver.js';
import { DOMAIN_FLAG, hostOfUri, isActive, lookupDomain, noDomain, printed, type VirshCommand, virshError } from './virsh-common.js';

const B = (ignored = false): FlagSpec => ({ type: 'boolean', ...(ignored ? { ignored } : {}) });
const CANCELED = 'canceled by client';

export const MIGRATE_COMMANDS: Readonly<Record<string, VirshCommand>> = {
  migrate: {
    flags: {
      ...DOMAIN_FLAG,
      desturi: { type: 'string' },
      live: B(),
      offline: B(),
      'auto-converge': B(),
      verbose: B(),
      timeout: { type: 'number' },
      'timeout-suspend': B(),
      'timeout-postcopy': B(true),
      persistent: B(true),
      undefinesource: B(true),
      suspend: B(true),
      compressed: B(true),
      'copy-storage-all': B(),
      'copy-storage-inc': B(),
      p2p: B(true),
      direct: B(true),
      tunnelled: B(true),
      unsafe: B(true),
      'abort-on-error': B(true),
      postcopy: B(true),
      'postcopy-after-precopy': B(true),
      tls: B(true),
      parallel: B(true),
      'parallel-connections': { type: 'number', ignored: true },
      bandwidth: { type: 'number', ignored: true },
      migrateuri: { type: 'string', ignored: true },
      'listen-address': { type: 'string', ignored: true },
      dname: { type: 'string', ignored: true },
      xml: { type: 'string', ignored: true },
      'persistent-xml': { type: 'string', ignored: true },
      'migrate-disks': { type: 'string', ignored: true },
      'auto-converge-initial': { type: 'number', ignored: true },
      'auto-converge-increment': { type: 'number', ignored: true },
    },
    operands: ['domain', 'desturi'],
    run: (v, o, f) => {
      const kvm = v.kvm;
      const d = lookupDomain(kvm, o.domain);
      if (!d) return noDomain(o.domain);
      const timeout = num(f, 'timeout');
      if (timeout !== undefined && !bool(f, 'live')) return virshError('migrate: Unexpected timeout for offline migration');
      if (bool(f, 'timeout-suspend') && timeout === undefined) return virshError('migrate: Unexpected --timeout-* option without --timeout');
      const target = hostOfUri(o.desturi);
      if (target === undefined || target === d.host) return virshError(`internal error: Attempt to migrate guest to the same host ${stableUuid(d.host ?? '')}`);
      if (!kvm.hosts().some((h) => h.id === target)) return virshError(unreachable(o.desturi, target));
      const running = isActive(d.nativeState);
      if (!running && !bool(f, 'offline')) return virshError('Requested operation is not valid: domain is not running');
      if (running && !bool(f, 'live')) {
        return {
          exitCode: 1,
          stdout: '',
          stderr: `hyperpane: a migration that pauses ${d.name} for the whole copy (virsh migrate without --live) is not simulated: add --live\n`,
          changed: false,
        };
      }
      const refused = kvm.networkRefusal(d.id, target, running);
      if (refused) return virshError(refused);
      const copyStorage = bool(f, 'copy-storage-all') || bool(f, 'copy-storage-inc');
      const r = kvm.sim.migrate(d.id, target, {
        live: running,
        copyStorage,
        autoConverge: bool(f, 'auto-converge') || undefined,
        pauseAfterMs: timeout === undefined ? undefined : timeout * 1000,
      });
      // QEMU on the destination opens the disk where the source has it: on the source's own storage it is not there
      // (libvirt src/storage_file/storage_source.c virStorageSourceReportBrokenChain, as RHEL's qemu user, uid and gid 107).
      // With --copy-storage-all libvirt copies every disk; this simulation copies a domain's own disk only, and says so.
      if (!r.ok && copyStorage && r.error.facts?.ownStorage !== undefined) return virshError(`hyperpane: ${r.error.message}`);
      if (!r.ok && r.error.facts?.ownStorage !== undefined)
        return virshError(`Cannot access storage file '/var/lib/libvirt/images/${d.name}.qcow2' (as uid:107, gid:107): No such file or directory`);
      if (!r.ok) return virshError(`operation failed: ${r.error.message}`);
      // Nothing is printed until the job ends: then the progress line ends at 100 %, or the error comes.
      const row = kvm.sim.workloadRow(d.id)!;
      const token = r.value.token;
      // The job ends when the migration lands or is called off (its record goes).
      const done = () => row.migration?.token !== token;
      return {
        exitCode: 0,
        stdout: '',
        stderr: '',
        changed: true,
        blocking: { waitingFor: `${d.name} to migrate to ${target}`, done, answer: () => ended(kvm, d, target, bool(f, 'verbose')) },
      };
    },
  },
  domjobabort: {
    flags: { ...DOMAIN_FLAG, postcopy: B(true) },
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      if (!v.kvm.sim.abortMigration(d.id, `${CANCELED} (virsh domjobabort)`))
        return virshError('Requested operation is not valid: no job is active on the domain');
      return printed('', true);
    },
  },
  domjobinfo: {
    flags: { ...DOMAIN_FLAG, completed: B(true), 'keep-completed': B(true), anystats: B(true), rawstats: B(true) },
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain);
      return d ? printed(jobInfo(v.kvm, d)) : noDomain(o.domain);
    },
  },
};

/** What virsh migrate prints when its job ends: nothing (or the last progress line), or why it failed. */
function ended(kvm: KvmDriver, d: ProviderWorkload, target: string, verbose: boolean): ExecResult {
  const now = kvm.workload(d.id);
  if (now?.host === target) return verbose ? { exitCode: 0, stdout: '', stderr: 'Migration: [100 %]\n', changed: true } : printed('', true);
  const why = kvm.sim.log.forSubject(d.id, 20).find((e) => e.kind === 'migration.aborted')?.message ?? '';
  if (why.includes(CANCELED)) return virshError(`operation aborted: migration out job: ${CANCELED}`);
  if (!now || !isActive(now.nativeState)) return virshError('Requested operation is not valid: domain is not running');
  return virshError('operation failed: migration out job: unexpectedly failed');
}

/** A destination libvirt cannot reach: ssh's own complaint, or the TCP socket's. */
function unreachable(uri: string, host: string): string {
  const scheme = /^[a-z0-9]+\+([a-z]+):/i.exec(uri)?.[1] ?? 'tls';
  if (scheme === 'ssh' || scheme === 'libssh' || scheme === 'libssh2')
    return `End of file while reading data: ssh: Could not resolve hostname ${host}: Name or service not known: Input/output error`;
  return `unable to connect to server at '${host}:${scheme === 'tcp' ? 16509 : 16514}': Name or service not known`;
}

/** cmdDomjobinfo for the domain's migration, as far as the plan has got; "None" without one. */
function jobInfo(kvm: KvmDriver, d: ProviderWorkload): string {
  const line = (k: string, x: string) => `${k.padEnd(17)} ${x}\n`;
  const row = kvm.sim.workloadRow(d.id)!;
  const m = row.migration;
  if (!m) return line('Job type:', 'None'.padEnd(12));
  const now = kvm.now();
  const elapsed = now - m.startedAt;
  const memoryMiB = row.memoryMiB;
  // Walk the passes to now: what has gone, which pass this is, what is left of it.
  let t = m.startedAt;
  let processed = 0;
  let pass = m.plan.rounds.length;
  let remaining = 0;
  for (let i = 0; i < m.plan.rounds.length; i++) {
    const r = m.plan.rounds[i];
    if (now < t + r.ms) {
      const done = r.ms > 0 ? (now - t) / r.ms : 1;
      processed += r.sentMiB * done;
      remaining = r.sentMiB * (1 - done);
      pass = i;
      break;
    }
    processed += r.sentMiB;
    t += r.ms;
  }
  const first = m.plan.rounds[0];
  const bandwidth = first && first.ms > 0 ? (first.sentMiB / first.ms) * 1000 : 0;
  const dirtyPages = Math.round(dirtyRate(memoryMiB, row.cpuPct) * (1 - m.plan.throttle) * 256);
  const size = (mib: number) => pretty(mib * 1048576);
  const lines = [
    line('Job type:', 'Unbounded'.padEnd(12)),
    line('Operation:', 'Outgoing migration'.padEnd(12)),
    line('Time elapsed:', `${String(elapsed).padEnd(12)} ms`),
    line('Data processed:', size(processed)),
    line('Data remaining:', size(remaining)),
    line('Data total:', size(m.live ? memoryMiB : row.diskMiB)),
  ];
  if (m.live) {
    lines.push(
      line('Memory processed:', size(processed)),
      line('Memory remaining:', size(remaining)),
      line('Memory total:', size(memoryMiB)),
      line('Memory bandwidth:', `${size(bandwidth)}/s`),
      line('Dirty rate:', `${String(dirtyPages).padEnd(12)} pages/s`),
      line('Page size:', `${String(4096).padEnd(12)} bytes`),
      // QEMU's dirty-sync-count: 1 during the first pass, one more at each pass after.
      line('Iteration:', String(pass + 1).padEnd(12)),
    );
    // QEMU's expected-downtime: what is left of this pass, at the link's speed.
    if (bandwidth > 0) lines.push(line('Expected downtime:', `${String(Math.round((remaining / bandwidth) * 1000)).padEnd(12)} ms`));
    if (m.plan.throttle > 0) lines.push(line('Auto converge throttle:', String(Math.round(m.plan.throttle * 100)).padEnd(13)));
  }
  return lines.join('');
}

/** vshPrettyCapacity, printed "%-.3lf %s": bytes in the largest unit under 1024. */
function pretty(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(3)} ${units[u]}`;
}
