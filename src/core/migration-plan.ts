// Pre-copy live migration, as vMotion, Hyper-V Live Migration and QEMU do it: the
// first round sends all of the guest's memory while it runs; each later round
// sends what the guest dirtied during the one before; when what is left would go
// within the maximum downtime, the guest pauses for that last copy (stop-and-copy).
// A guest that dirties memory as fast as the link sends it never converges: it is
// throttled (QEMU's auto-converge: 20%, then 10% more each round, up to 99%) or
// the migration fails. Pure arithmetic, in MiB and ms.

export interface PreCopyRound {
  readonly sentMiB: number;
  readonly ms: number;
}

export interface MigrationPlan {
  readonly rounds: readonly PreCopyRound[];
  readonly downtimeMs: number;
  readonly totalMs: number;
  /** The CPU throttle auto-converge had to apply, 0-0.99. */
  readonly throttle: number;
  readonly converged: boolean;
}

export interface PreCopyInput {
  readonly memoryMiB: number;
  readonly dirtyMiBps: number;
  readonly bandwidthMiBps: number;
  readonly maxDowntimeMs: number;
  readonly maxRounds: number;
  readonly autoConverge: boolean;
}

/** Converts a NIC's Mbit/s, of which a migration may use `share`, to MiB/s. */
/** The link between two sites (a WAN circuit): what a cross-site cold migration copies the disk over. */
export const SITE_LINK_MBPS = 1_000;

export function migrationBandwidth(nicMbps: number, share: number): number {
  return ((nicMbps * 1e6) / 8 / 1048576) * share;
}

/** How fast a guest dirties its memory: a little always, up to 5% of it a second when its CPU is busy. */
export function dirtyRate(memoryMiB: number, cpuPct: number): number {
  return memoryMiB * (0.002 + (0.05 * Math.min(100, Math.max(0, cpuPct))) / 100);
}

export function planPreCopy(p: PreCopyInput): MigrationPlan {
  const rounds: PreCopyRound[] = [];
  let toSend = p.memoryMiB;
  let rate = p.dirtyMiBps;
  let throttle = 0;
  let total = 0;
  // Bounded: with throttling at 99% any guest converges long before this.
  for (let i = 0; i < 1000; i++) {
    const ms = (toSend / p.bandwidthMiBps) * 1000;
    if (i > 0 && ms <= p.maxDowntimeMs) return { rounds, downtimeMs: ms, totalMs: total + ms, throttle, converged: true };
    rounds.push({ sentMiB: toSend, ms });
    total += ms;
    toSend = Math.min(p.memoryMiB, (rate * ms) / 1000);
    if (rounds.length >= p.maxRounds) {
      if (!p.autoConverge) break;
      throttle = throttle === 0 ? 0.2 : Math.min(0.99, throttle + 0.1);
      rate = p.dirtyMiBps * (1 - throttle);
    }
  }
  return { rounds, downtimeMs: Infinity, totalMs: Infinity, throttle, converged: false };
}
