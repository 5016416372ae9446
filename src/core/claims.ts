// Moving a workload's claim: the one place that keeps the ledger, the groups,
// HA's count of powered-on claims and the per-host workload count in step.

import { allowedHosts } from './allowed-hosts.js';
import { recharge, usedFor } from './datastores.js';
import { insufficient } from './placement/reasons.js';
import { fail, ok, type Result } from './result.js';
import type { Core } from './state.js';
import { type Amounts, DISK, formatMiB, MEM, RESOURCE_NAMES, RESOURCES, type ResourceName } from './units.js';
import { CLAIM_DISK, CLAIM_FULL, CLAIM_NONE, type ClaimLevel } from './workloads.js';

export function amountsAt(claim: Amounts, level: ClaimLevel): Amounts {
  if (level === CLAIM_FULL) return claim;
  if (level === CLAIM_DISK) return [0, 0, claim[2]];
  return [0, 0, 0];
}

/** What workload w holds on its host at `level` with `claim`: no disk there when its disk is on a datastore (datastores.ts). */
export function hostAmounts(core: Core, w: number, claim: Amounts, level: ClaimLevel = CLAIM_FULL): Amounts {
  const a = amountsAt(claim, level);
  return a[DISK] !== 0 && core.datastores.disks.has(w) ? [a[0], a[1], 0] : a;
}

/**
 * Sets workload w's claim to `level` on `host` (its current host unless given).
 * All or nothing: if the new claim does not fit, nothing changes and the result
 * says which resources fell short.
 */
export function setClaim(core: Core, w: number, level: ClaimLevel, host = core.workloads.host[w]): Result<void> {
  const { workloads: wl, ledger } = core;
  const record = wl.records[w];
  const oldHost = wl.host[w];
  const oldLevel = wl.level[w] as ClaimLevel;
  const oldClaim = wl.claimId[w];
  if (level === oldLevel && host === oldHost) return ok(undefined);
  if (level !== CLAIM_NONE && host < 0) throw new RangeError(`workload ${record.id} needs a host for its claim`);
  const amounts = hostAmounts(core, w, record.claim, level);

  if (level === CLAIM_NONE) {
    if (oldClaim >= 0) ledger.release(oldClaim);
    wl.claimId[w] = -1;
  } else if (host === oldHost && oldClaim >= 0) {
    if (!ledger.resize(oldClaim, amounts)) return shortfall(core, host, amounts, ledger.claimAmounts(oldClaim));
  } else {
    const id = ledger.claim(host, amounts);
    if (id < 0) return shortfall(core, host, amounts, [0, 0, 0]);
    if (oldClaim >= 0) ledger.release(oldClaim);
    wl.claimId[w] = id;
  }

  leave(core, w, oldHost, oldLevel);
  wl.host[w] = level === CLAIM_NONE ? -1 : host;
  wl.level[w] = level;
  join(core, w, wl.host[w], level);
  // Off and holding no memory now, a VM with Dynamic Memory claims its startup memory again: it boots next with
  // that (a resize that holds no memory on its host, so it cannot fall short). A saved one keeps what it had.
  const dm = wl.dynamic.get(w);
  if (dm && level !== CLAIM_FULL && wl.stateOf(w) === 'stopped' && record.claim[MEM] !== dm.startupMiB)
    return resizeClaim(core, w, [record.claim[0], dm.startupMiB, record.claim[2]]);
  return ok(undefined);
}

function leave(core: Core, w: number, host: number, level: ClaimLevel): void {
  if (host < 0 || level === CLAIM_NONE) return;
  const r = core.workloads.records[w];
  if (r.placement.affinityGroup) core.groups.remove(r.placement.affinityGroup, host);
  if (r.placement.antiAffinityGroup) core.groups.remove(r.placement.antiAffinityGroup, host);
  if (level === CLAIM_FULL) poweredOn(core, w, host, -1);
  core.hostWorkloads[host]--;
}

function join(core: Core, w: number, host: number, level: ClaimLevel): void {
  if (host < 0 || level === CLAIM_NONE) return;
  const r = core.workloads.records[w];
  if (r.placement.affinityGroup) core.groups.add(r.placement.affinityGroup, host);
  if (r.placement.antiAffinityGroup) core.groups.add(r.placement.antiAffinityGroup, host);
  if (level === CLAIM_FULL) poweredOn(core, w, host, 1);
  core.hostWorkloads[host]++;
}

/** What follows a powered-on claim: HA's slot count and page sharing between identical guests. */
function poweredOn(core: Core, w: number, host: number, delta: 1 | -1): void {
  const r = core.workloads.records[w];
  core.ha.track(core.hosts.records[host].clusterIndex, r.claim, delta);
  const sharing = core.policies[r.platform].pageSharing;
  if (sharing) core.sharing.track(host, r.image, r.claim[MEM], sharing.sharedShare, delta);
}

/**
 * Changes what a workload claims (a resize, Dynamic Memory, a snapshot's disk):
 * all or nothing on its current host, at its current level.
 */
export function resizeClaim(core: Core, w: number, claim: Amounts, diskMiB = core.workloads.diskMiB[w]): Result<void> {
  const wl = core.workloads;
  const r = wl.records[w];
  const level = wl.level[w] as ClaimLevel;
  const host = wl.host[w];
  const short = datastoreShortfall(core, w, claim[DISK], diskMiB);
  if (short) return short;
  // A disk being copied to another datastore grows there too (the copy mirrors its writes): it needs the room on both.
  const move = core.datastores.moves.get(w);
  const p = core.datastores.disks.get(w);
  // Only a disk being copied (not one already where a move of its data disks goes).
  const copied = move !== undefined && (p === undefined || p.ds !== move.to);
  const grows = copied ? Math.max(0, p ? usedFor(p, claim[DISK], diskMiB) - p.chargedUsed : claim[DISK] - r.claim[DISK]) : 0;
  if (move && grows > core.datastores.free(move.to)) return roomShort(core, move.to, grows);
  if (level !== CLAIM_NONE && wl.claimId[w] >= 0) {
    const held = core.ledger.claimAmounts(wl.claimId[w]);
    const next = hostAmounts(core, w, claim, level);
    if (!core.ledger.resize(wl.claimId[w], next)) return shortfall(core, host, next, held);
  }
  if (level === CLAIM_FULL && host >= 0) poweredOn(core, w, host, -1);
  r.claim = claim;
  if (level === CLAIM_FULL && host >= 0) poweredOn(core, w, host, 1);
  recharge(core, w);
  if (move && grows > 0) {
    move.reservedMiB += grows;
    core.datastores.used[move.to] += grows;
  }
  return ok(undefined);
}

/** A disk on a datastore that would grow past the datastore's free space (with `held` claimed for a disk of `diskMiB`): why not. */
function datastoreShortfall(core: Core, w: number, held: number, diskMiB: number): Result<void> | undefined {
  const store = core.datastores;
  const p = store.disks.get(w);
  if (!p) return undefined;
  const grow = usedFor(p, held, diskMiB) - p.chargedUsed;
  if (grow <= 0 || grow <= store.free(p.ds)) return undefined;
  return roomShort(core, p.ds, grow);
}

/** "Insufficient disk space on datastore 'X': needs 2 GiB more, has 1 GiB free" (vSphere's NoDiskSpace, with the figures). */
function roomShort(core: Core, ds: number, grow: number): Result<void> {
  const store = core.datastores;
  const name = store.records[ds].name;
  const message = `Insufficient disk space on datastore '${name}': needs ${formatMiB(grow)} more, has ${formatMiB(Math.max(0, store.free(ds)))} free`;
  return fail('insufficient-capacity', message, [message], { short: ['disk'], datastore: name });
}

/** "Insufficient memory: needs 8 GiB, esx-03 has 6 GiB free", counting what the workload already holds there. */
function shortfall(core: Core, host: number, amounts: Amounts, held: Amounts): Result<void> {
  const id = core.hosts.records[host].id;
  const reasons: string[] = [];
  const short: ResourceName[] = [];
  for (let r = 0; r < RESOURCES; r++) {
    const available = core.ledger.free(host, r) + held[r];
    if (amounts[r] > available) {
      reasons.push(insufficient(r, amounts[r], id, available).message);
      short.push(RESOURCE_NAMES[r]);
    }
  }
  return fail('insufficient-capacity', reasons.join('; '), reasons, { short });
}

/** Raises a workload's claim to power it on: on its host if that host can take it, else wherever placement finds room. */
export function claimForPowerOn(core: Core, w: number, level: ClaimLevel): Result<void> {
  const record = core.workloads.records[w];
  const host = core.workloads.host[w];
  const powerOn = level === CLAIM_FULL && record.kind === 'vm';
  if (host >= 0 && core.hosts.isConnected(host)) {
    const refusal = powerOn ? core.ha.refusal(core.hosts.records[host].clusterIndex, record.claim) : undefined;
    if (refusal) return fail('admission-control', refusal);
    return setClaim(core, w, level);
  }
  // A container belongs to its Docker host; a VM (or a deallocated cloud VM) may be placed anew.
  if (record.kind === 'container' && host >= 0) {
    return fail('invalid-state', `${record.name} cannot start: its host ${core.hosts.records[host].id} is ${core.hosts.state(host)}`);
  }
  const outcome = core.placer.place({
    platform: record.platform,
    amounts: hostAmounts(core, w, record.claim),
    powerOn,
    label: record.name,
    ...record.placement,
    // Only where its driver lets it go and its datastore is mounted.
    ...allowedHosts(core, w),
    record: true,
  });
  if (!outcome.ok) return fail(outcome.haRefused ? 'admission-control' : 'insufficient-capacity', outcome.message, undefined, { short: outcome.short });
  return setClaim(core, w, level, outcome.host);
}

/**
 * Claims the workload's current level on a second host: a migration's target holds a claim while in flight, with no
 * disk when its disk is on its way to a datastore (a vMotion with storage: `toDatastore`).
 */
export function claimTarget(core: Core, w: number, target: number, toDatastore = false): Result<void> {
  const wl = core.workloads;
  const amounts = targetAmounts(hostAmounts(core, w, wl.records[w].claim, wl.level[w] as ClaimLevel), toDatastore);
  const id = core.ledger.claim(target, amounts);
  if (id < 0) return shortfall(core, target, amounts, [0, 0, 0]);
  wl.claimId2[w] = id;
  wl.host2[w] = target;
  return ok(undefined);
}

/** What a migration's target claims: no disk when the disk goes to a datastore with it. */
function targetAmounts(amounts: Amounts, toDatastore: boolean): Amounts {
  return toDatastore ? [amounts[0], amounts[1], 0] : amounts;
}

/** A migration finished: the source claim goes, the target claim becomes the workload's one claim. */
export function moveToTarget(core: Core, w: number): void {
  const wl = core.workloads;
  const level = wl.level[w] as ClaimLevel;
  const source = wl.host[w];
  leave(core, w, source, level);
  core.ledger.release(wl.claimId[w]);
  wl.claimId[w] = wl.claimId2[w];
  wl.host[w] = wl.host2[w];
  wl.claimId2[w] = -1;
  wl.host2[w] = -1;
  join(core, w, wl.host[w], level);
}

/** A migration stopped short: the target claim goes, the workload stays where it was. */
export function dropTarget(core: Core, w: number): void {
  const wl = core.workloads;
  if (wl.claimId2[w] >= 0) core.ledger.release(wl.claimId2[w]);
  wl.claimId2[w] = -1;
  wl.host2[w] = -1;
}

/**
 * Loading a saved estate: gives workload w the claim it had, on its host (and on
 * a migration's target), with everything that follows a claim. Fails only if the
 * file asks for more than the host has.
 */
export function restoreClaims(core: Core, w: number, host: number, level: ClaimLevel, target: number, toDatastore = false): Result<void> {
  const wl = core.workloads;
  const amounts = hostAmounts(core, w, wl.records[w].claim, level);
  if (level !== CLAIM_NONE && host >= 0) {
    const id = core.ledger.claim(host, amounts);
    if (id < 0) return shortfall(core, host, amounts, [0, 0, 0]);
    wl.claimId[w] = id;
  }
  wl.host[w] = level === CLAIM_NONE ? -1 : host;
  wl.level[w] = level;
  join(core, w, wl.host[w], level);
  if (target >= 0) {
    const there = targetAmounts(amounts, toDatastore);
    const id = core.ledger.claim(target, there);
    if (id < 0) return shortfall(core, target, there, [0, 0, 0]);
    wl.claimId2[w] = id;
    wl.host2[w] = target;
  }
  return ok(undefined);
}
