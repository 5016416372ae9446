// Pre-copy live migration, as vMotion, Hyper-V Live Migration and QEMU do it: the
// first pass sends all of the guest's memory while it runs; each later pass sends
// what the guest dirtied during the one before; when what is left would go within
// the maximum downtime, the guest pauses for that last copy (stop-and-copy). A
// guest that dirties memory as fast as the link sends it never gets there by
// itself, and each hypervisor deals with that its own way:
//  - QEMU (KVM) keeps iterating, with no limit on passes, until it converges or
//    is cancelled (migration/migration.c migration_iteration_run: only the
//    pending size against bandwidth x downtime-limit ends pre-copy). With
//    auto-converge it throttles the guest's vCPUs: at each dirty-bitmap sync at
//    least 1 s after the last, if the guest dirtied more than half of what was
//    sent (throttle-trigger-threshold 50), a count goes up; at 2 the throttle
//    starts at cpu-throttle-initial 20% or grows by cpu-throttle-increment 10%,
//    up to max-cpu-throttle 99% (migration/ram.c migration_trigger_throttle,
//    mig_throttle_guest_down; migration/options.c defaults). `virsh migrate
//    --timeout N` pauses the guest after N s so the rest goes at once
//    (tools/virsh-domain.c virshMigrateTimeout, suspend by default).
//  - vMotion's SDPS (Slow Down During Page Send, vSphere 5.0 and later) puts the
//    source vCPUs to sleep for milliseconds at a time when the guest dirties
//    pages faster than vMotion sends them, so the migration does not fail (Duncan
//    Epping, "Clearing up a misunderstanding around CPU throttling with
//    vMotion", yellow-bricks.com, 2012, quoting his vSphere 5.0 article).
//  - Hyper-V copies memory in a limited number of passes, five since Windows
//    Server 2012 R2, then pauses the VM and sends whatever is left (John Savill,
//    "Mastering Hyper-V 2012 R2", ch. 7, Live Migration; ten passes in Microsoft's
//    "Windows Server 2008 R2 Hyper-V Live Migration" white paper).
// Pure arithmetic, in MiB and ms. A migration that has not converged within a
// planning horizon is planned that far and carried on from there (see
// continuePreCopy), so one that never converges runs until it is cancelled.

export interface PreCopyRound {
  readonly sentMiB: number;
  readonly ms: number;
}

export interface MigrationPlan {
  readonly rounds: readonly PreCopyRound[];
  /** The stop-and-copy pause (0 while it has not converged). */
  readonly downtimeMs: number;
  /** To the end of the stop-and-copy; while it has not converged, to the end of the planned passes. */
  readonly totalMs: number;
  /** The CPU throttle applied to the guest at the end, 0-0.99. */
  readonly throttle: number;
  readonly converged: boolean;
}

/** How a hypervisor slows a guest that dirties memory faster than it is sent. */
export type PreCopyThrottle = 'none' | 'auto-converge' | 'sdps';

export interface PreCopyInput {
  readonly memoryMiB: number;
  readonly dirtyMiBps: number;
  readonly bandwidthMiBps: number;
  readonly maxDowntimeMs: number;
  readonly throttle: PreCopyThrottle;
  /** Passes after which the guest is paused and the rest sent, whatever is left (Hyper-V). */
  readonly maxPasses?: number;
  /** The guest is paused once this long has gone (virsh migrate --timeout): the next pass is the last. */
  readonly pauseAfterMs?: number;
}

/** Where a migration in progress has got to, to carry it on. */
export interface PreCopyProgress {
  /** What the guest has dirtied since the last pass. */
  readonly pendingMiB: number;
  readonly throttle: number;
  readonly passes: number;
  readonly elapsedMs: number;
}

/** QEMU's throttle-trigger-threshold: a sync period is "high" when the guest dirtied more than this share of what was sent. */
export const THROTTLE_TRIGGER = 0.5;
/** QEMU's cpu-throttle-initial, cpu-throttle-increment and max-cpu-throttle. */
export const THROTTLE_INITIAL = 0.2;
export const THROTTLE_INCREMENT = 0.1;
export const THROTTLE_MAX = 0.99;
/** QEMU evaluates the trigger at a bitmap sync only when more than 1 s has gone since the last evaluation (migration_bitmap_sync). */
export const SYNC_PERIOD_MS = 1000;
/**
 * The dirty rate SDPS holds a guest to, as a share of the transmission rate.
 * VMware publishes no figure, only that the vCPUs sleep until the guest dirties
 * pages slower than they are sent; hyperpane holds it at half (the share QEMU's
 * trigger uses), so each pass at least halves what is left.
 */
export const SDPS_DIRTY_SHARE = 0.5;
/** How far ahead one plan goes before a migration that has not converged is planned again (at least one pass). */
export const PLAN_HORIZON_MS = 300_000;
/** Passes one plan lists at most (an estate file keeps up to 1,000). */
export const PLAN_MAX_PASSES = 500;

/** Converts a NIC's Mbit/s, of which a migration may use `share`, to MiB/s. */
export function migrationBandwidth(nicMbps: number, share: number): number {
  return ((nicMbps * 1e6) / 8 / 1048576) * share;
}

/** The link between two sites (a WAN circuit): what a cross-site cold migration copies the disk over. */
export const SITE_LINK_MBPS = 1_000;

/** How fast a guest dirties its memory: a little always, up to 5% of it a second when its CPU is busy. */
export function dirtyRate(memoryMiB: number, cpuPct: number): number {
  return memoryMiB * (0.002 + (0.05 * Math.min(100, Math.max(0, cpuPct))) / 100);
}

/** A migration's plan from its start: the whole memory first. */
export function planPreCopy(p: PreCopyInput): MigrationPlan {
  return plan(p, { pendingMiB: p.memoryMiB, throttle: 0, passes: 0, elapsedMs: 0 });
}

/**
 * The next stretch of a migration that had not converged by the end of its last
 * plan: `plan` is that plan, `p` the guest as it is now (its dirty rate may have
 * changed). Its rounds are appended to the plan's, so the plan still runs from
 * the migration's start.
 */
export function continuePreCopy(p: PreCopyInput, before: MigrationPlan): MigrationPlan {
  const last = before.rounds[before.rounds.length - 1];
  const dirtied = last ? Math.min(p.memoryMiB, (p.dirtyMiBps * (1 - before.throttle) * last.ms) / 1000) : p.memoryMiB;
  const next = plan(p, { pendingMiB: dirtied, throttle: before.throttle, passes: before.rounds.length, elapsedMs: before.totalMs });
  const rounds = [...before.rounds, ...next.rounds];
  // Within what an estate file keeps: the oldest passes are summed into one.
  while (rounds.length > 2 * PLAN_MAX_PASSES) {
    const [a, b] = rounds.splice(0, 2);
    rounds.unshift({ sentMiB: a.sentMiB + b.sentMiB, ms: a.ms + b.ms });
  }
  return { ...next, rounds, totalMs: before.totalMs + next.totalMs };
}

function plan(p: PreCopyInput, from: PreCopyProgress): MigrationPlan {
  const rounds: PreCopyRound[] = [];
  let toSend = from.pendingMiB;
  let throttle = from.throttle;
  let passes = from.passes;
  let elapsed = from.elapsedMs;
  let segment = 0;
  // One QEMU sync period's totals, and how many periods ran "high".
  let periodSent = 0;
  let periodDirty = 0;
  let periodMs = 0;
  let high = 0;
  const openEnded = p.throttle === 'none' && p.maxPasses === undefined && p.pauseAfterMs === undefined;
  for (;;) {
    const ms = (toSend / p.bandwidthMiBps) * 1000;
    const paused = p.pauseAfterMs !== undefined && elapsed >= p.pauseAfterMs;
    const lastPass = p.maxPasses !== undefined && passes >= p.maxPasses;
    if ((passes > 0 && ms <= p.maxDowntimeMs) || paused || lastPass) return { rounds, downtimeMs: ms, totalMs: segment + ms, throttle, converged: true };
    // Open-ended (nothing slows the guest, nothing ends pre-copy): planned a stretch at a time. The others end on their own.
    const cut = openEnded ? rounds.length > 0 && (segment >= PLAN_HORIZON_MS || rounds.length >= PLAN_MAX_PASSES) : rounds.length >= 2 * PLAN_MAX_PASSES;
    if (cut) return { rounds, downtimeMs: 0, totalMs: segment, throttle, converged: false };
    rounds.push({ sentMiB: toSend, ms });
    passes++;
    elapsed += ms;
    segment += ms;
    const dirtied = Math.min(p.memoryMiB, (p.dirtyMiBps * (1 - throttle) * ms) / 1000);
    if (p.throttle === 'auto-converge') {
      periodSent += toSend;
      periodDirty += dirtied;
      periodMs += ms;
      if (periodMs > SYNC_PERIOD_MS) {
        if (periodDirty > periodSent * THROTTLE_TRIGGER && ++high >= 2) {
          high = 0;
          throttle = throttle === 0 ? THROTTLE_INITIAL : Math.min(THROTTLE_MAX, throttle + THROTTLE_INCREMENT);
        }
        periodSent = periodDirty = periodMs = 0;
      }
    } else if (p.throttle === 'sdps' && p.dirtyMiBps * (1 - throttle) > p.bandwidthMiBps) {
      throttle = Math.min(THROTTLE_MAX, 1 - (SDPS_DIRTY_SHARE * p.bandwidthMiBps) / p.dirtyMiBps);
    }
    toSend = dirtied;
  }
}
