// virsh start, shutdown, reboot, destroy, suspend, resume, managedsave: each in
// virsh's words, each returning when the real one returns (KVM_BLOCKS).
// Sources: libvirt tools/virsh-domain.c (cmdStart, cmdShutdown, cmdReboot,
// cmdDestroy, cmdSuspend, cmdResume, cmdManagedSave: the messages, and which
// word they name: start prints the domain's name, the others the word typed),
// src/qemu/qemu_driver.c (qemuDomainSuspend pauses a paused domain again without
// complaint; qemuDomainResume refuses a running one: "domain is already
// running"), src/conf/domain_conf.c virDomainObjCheckActive ("domain is not
// running"), src/qemu/qemu_domainjob.c (a job waits QEMU_JOB_WAIT_TIME, 30 s, for
// the migration's lock, then fails), tests/virshtestdata/lifecycle.out.
import { blockOn, reached } from '../blocking.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { KVM_BLOCKS, LOCK_WAIT_MS, MIGRATION_JOB_OWNER } from './defaults.js';
import type { KvmDriver } from './driver.js';
import { DOMAIN_FLAG, isActive, lookupDomain, noDomain, printed, type VirshCommand, virshError } from './virsh-common.js';

type Verb = 'start' | 'shutdown' | 'reboot' | 'destroy' | 'suspend' | 'resume' | 'managedsave';

const NOT_RUNNING = 'Requested operation is not valid: domain is not running';

export const LIFECYCLE_COMMANDS: Readonly<Record<Verb, VirshCommand>> = {
  start: {
    flags: {
      ...DOMAIN_FLAG,
      paused: { type: 'boolean', ignored: true },
      console: { type: 'boolean', ignored: true },
      autodestroy: { type: 'boolean', ignored: true },
      'bypass-cache': { type: 'boolean', ignored: true },
      'force-boot': { type: 'boolean', ignored: true },
      'reset-nvram': { type: 'boolean', ignored: true },
    },
    operands: ['domain'],
    run: (v, o) => start(v.kvm, o.domain),
  },
  shutdown: verb(
    'shutdown',
    (kvm, d, word) => {
      if (!isActive(d.nativeState)) return failed('shutdown', word, NOT_RUNNING);
      // Another ACPI request to a guest already shutting down is accepted like the first.
      if (d.nativeState === 'in shutdown') return printed(`Domain '${word}' is being shutdown\n`);
      return act(kvm, d, 'stop', 'shutdown', word, `Domain '${word}' is being shutdown\n`);
    },
    { mode: { type: 'string', ignored: true } },
  ),
  reboot: verb(
    'reboot',
    (kvm, d, word) => {
      if (!isActive(d.nativeState)) return failed('reboot', word, NOT_RUNNING);
      return act(kvm, d, 'restart', 'reboot', word, `Domain '${word}' is being rebooted\n`);
    },
    { mode: { type: 'string', ignored: true } },
  ),
  destroy: verb(
    'destroy',
    (kvm, d, word) => {
      if (!isActive(d.nativeState)) return failed('destroy', word, NOT_RUNNING);
      // Destroy is one of the jobs a migration lets through: the source's QEMU is killed, and the migration with it.
      if (d.state === 'migrating') kvm.sim.abortMigration(d.id, `${d.name} was destroyed (virsh destroy)`);
      return act(kvm, d, 'force-stop', 'destroy', word, `Domain '${word}' destroyed\n`);
    },
    { graceful: { type: 'boolean', ignored: true } },
    true,
  ),
  suspend: verb(
    'suspend',
    (kvm, d, word) => {
      if (!isActive(d.nativeState)) return failed('suspend', word, NOT_RUNNING);
      if (d.state === 'paused') return printed(`Domain '${word}' suspended\n`);
      return act(kvm, d, 'pause', 'suspend', word, `Domain '${word}' suspended\n`);
    },
    {},
    true,
  ),
  resume: verb('resume', (kvm, d, word) => {
    if (!isActive(d.nativeState)) return failed('resume', word, NOT_RUNNING);
    if (d.state !== 'paused') return failed('resume', word, 'Requested operation is not valid: domain is already running');
    return act(kvm, d, 'resume', 'resume', word, `Domain '${word}' resumed\n`);
  }),
  managedsave: verb(
    'managedsave',
    (kvm, d, word) => {
      if (!isActive(d.nativeState)) return virshError(`Failed to save domain '${word}' state`, NOT_RUNNING);
      const r = kvm.perform(d.id, 'suspend');
      if (!r.ok) return virshError(`Failed to save domain '${word}' state`, `Requested operation is not valid: ${r.error.message}`);
      // cmdManagedSave watches the save job, then says so on a line of its own.
      return {
        exitCode: 0,
        stdout: '',
        stderr: '',
        changed: true,
        blocking: blockOn(kvm.sim, d.id, KVM_BLOCKS.managedsave, `${d.name}'s memory to be saved`, () =>
          printed(`\nDomain '${word}' state saved by libvirt\n`, true),
        ),
      };
    },
    {
      'bypass-cache': { type: 'boolean', ignored: true },
      running: { type: 'boolean', ignored: true },
      paused: { type: 'boolean', ignored: true },
      verbose: { type: 'boolean', ignored: true },
    },
  ),
};

/**
 * A verb on a domain looked up by ID, UUID or name. A domain migrating live holds
 * libvirt's job lock: the verb waits 30 s for it and fails, unless it is one a
 * migration lets through (destroy; suspend, which hyperpane refuses, saying why).
 */
function verb(
  name: Verb,
  run: (kvm: KvmDriver, d: ProviderWorkload, word: string) => ExecResult,
  flags: VirshCommand['flags'] = {},
  letThrough = false,
): VirshCommand {
  return {
    flags: { ...DOMAIN_FLAG, ...flags },
    operands: ['domain'],
    run: (v, o) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      if (d.state === 'migrating' && isActive(d.nativeState)) {
        if (name === 'suspend')
          return {
            exitCode: 1,
            stdout: '',
            stderr:
              `error: Failed to suspend domain '${o.domain}'\n` +
              `hyperpane: a guest paused while it migrates is not simulated: let the migration finish, or cancel it (virsh domjobabort ${d.name})\n\n`,
            changed: false,
          };
        if (!letThrough)
          return waitForLock(v.kvm, d, name === 'managedsave' ? `save domain '${o.domain}' state` : `${name} domain '${o.domain}'`, () =>
            run(v.kvm, lookupDomain(v.kvm, d.id, ['name']) ?? d, o.domain),
          );
      }
      return run(v.kvm, d, o.domain);
    },
  };
}

/** virsh start: by name or UUID (an inactive domain has no ID); the domain's own name in what it prints. */
function start(kvm: KvmDriver, word: string): ExecResult {
  const d = lookupDomain(kvm, word, ['uuid', 'name']);
  if (!d) return noDomain(word);
  if (isActive(d.nativeState)) return virshError('Domain is already active');
  const fromSave = d.state === 'suspended';
  const r = kvm.perform(d.id, 'start');
  // The driver's start guard speaks libvirt already (virerror.c's templates); the core's refusals are an operation that failed.
  if (!r.ok) return failed('start', d.name, r.error.facts?.guard ? r.error.message : `operation failed: ${r.error.message}`);
  const answer = () => printed(`Domain '${d.name}' started\n`, true);
  const until = fromSave ? KVM_BLOCKS.startFromSave : KVM_BLOCKS.start;
  if (reached(kvm.sim, d.id, until)) return answer();
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    changed: true,
    blocking: blockOn(kvm.sim, d.id, until, fromSave ? `${d.name} to be restored from its saved memory` : `${d.name} to start`, answer),
  };
}

/** A change virsh asks for and returns from at once (shutdown, reboot, destroy, suspend, resume). */
function act(
  kvm: KvmDriver,
  d: ProviderWorkload,
  capability: 'stop' | 'restart' | 'force-stop' | 'pause' | 'resume',
  name: Verb,
  word: string,
  done: string,
): ExecResult {
  const r = kvm.perform(d.id, capability);
  if (!r.ok) return failed(name, word, `Requested operation is not valid: ${r.error.message}`);
  return printed(done, true);
}

/** Waits up to QEMU_JOB_WAIT_TIME for the lock a migration holds: the verb runs if it is let go, else fails. */
export function waitForLock(kvm: KvmDriver, d: ProviderWorkload, what: string, then: () => ExecResult): ExecResult {
  const migrating = () => kvm.sim.workload(d.id)?.state === 'migrating';
  const deadline = kvm.sim.now + LOCK_WAIT_MS;
  // (What the verb then waits for itself, managedsave's save, is not waited for as well: it answers at once.)
  const answer = () =>
    migrating()
      ? virshError(`Failed to ${what}`, `Timed out during operation: cannot acquire state change lock (held by monitor=${MIGRATION_JOB_OWNER})`)
      : then();
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    changed: false,
    blocking: { waitingFor: `${d.name}'s migration to let go of libvirt's lock`, done: () => kvm.sim.now >= deadline || !migrating(), answer },
  };
}

function failed(name: Verb, word: string, why: string): ExecResult {
  return virshError(`Failed to ${name} domain '${word}'`, why);
}
