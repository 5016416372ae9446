// Placement: filters (fit, compatible hypervisor, host state, scope, affinity and
// anti-affinity, HA failover capacity), then a policy score; ties go to the stable
// host order or to a seeded rotation of it. One index per platform keeps each
// placement far from a scan of every host; a failure explains every host.
import type { HostTable } from '../hosts.js';
import type { Ledger } from '../ledger.js';
import { HYPERVISOR_LABEL, isCloudPool, PLATFORMS, type PlacementPolicy, type Platform } from '../model.js';
import { naturalCompare } from '../natural-compare.js';
import type { Prng } from '../prng.js';
import type { Topology } from '../topology.js';
import { ensureLength } from '../typed.js';
import { type Amounts, CPU, MEM, RESOURCE_NAMES, RESOURCES, type ResourceName } from '../units.js';
import { PoolIndex } from './pool-index.js';
import {
  countReason,
  describeAmounts,
  emptyCounts,
  type HostRejection,
  insufficient,
  insufficientKind,
  noteHa,
  type Reason,
  type ReasonKind,
  type RefusalCounts,
  summarize,
} from './reasons.js';
import { hostScore } from './score.js';

export interface PlacementRequest {
  readonly platform: Platform;
  readonly amounts: Amounts;
  readonly policy: PlacementPolicy;
  readonly tieBreak?: 'id' | 'random';
  readonly site?: string;
  readonly cluster?: string;
  /** Only these hosts (by id) may be chosen. */
  readonly hosts?: readonly string[];
  /** What the hosts have that the others lack, for a refusal's words ("the port groups web-01's adapters use"). */
  readonly hostsWhy?: string;
  readonly affinityGroup?: string;
  readonly antiAffinityGroup?: string;
  /** Host indices that may not be chosen (a migration's source, for example). */
  readonly excludeHosts?: readonly number[];
  /** The claim powers the workload on, so HA admission control applies. */
  readonly powerOn?: boolean;
  /** What is being placed, for messages ("web-01"). */
  readonly label?: string;
  /** Someone asked for it (a create, a clone, a start): a refusal is kept for them to ask why (lastRefusal). */
  readonly record?: boolean;
}

export type PlacementOutcome =
  | { readonly ok: true; readonly host: number; readonly score: number }
  | {
      readonly ok: false;
      /** kube-scheduler's kind of summary: "No host can take x (...): 0/12 hosts are available: 9 run another hypervisor, ...". */
      readonly message: string;
      /** Every host's reasons, in words: built when asked for, since a refusal is counted without them. */
      readonly rejections: () => readonly HostRejection[];
      /** HA admission control refused it somewhere (vSphere's "Insufficient resources to satisfy configured failover level"). */
      readonly haRefused: boolean;
      /** The resources that hosts which would otherwise have taken it had too little of. */
      readonly short: readonly ResourceName[];
    };

/** The last placement that found no host, for a user who asks why host by host. */
export interface Refusal {
  /** Counts refusals: a caller sees whether one happened since it last looked. */
  readonly seq: number;
  readonly message: string;
  /** Each host's reasons, worked out on the first ask (as the hosts stand then) and kept. */
  readonly rejections: () => readonly HostRejection[];
  /** When it was refused (simulated ms). */
  readonly at: number;
}

export interface PlacementContext {
  readonly hosts: HostTable;
  readonly topology: Topology;
  readonly ledger: Ledger;
  readonly rng: Prng;
  /** Hosts running members of a group, with how many members each. */
  groupHosts(group: string): ReadonlyMap<number, number> | undefined;
  /** Why HA admission control refuses `amounts` on a cluster, or undefined if it allows them. */
  haRefusal(cluster: number, amounts: Amounts): string | undefined;
  /** The simulated time, to say when a refusal happened. */
  now(): number;
}

interface Pool {
  hosts: number[];
  index: PoolIndex;
  clusterRange: Map<number, [number, number]>;
  siteRange: Map<number, [number, number]>;
}

export class Placer {
  private pools = new Map<Platform, Pool>();
  private stale = new Set<Platform>(PLATFORMS);
  private position = new Int32Array(64);
  private dirty: number[] = [];
  private isDirty = new Uint8Array(64);
  /** Live hosts per platform, for a refusal's "0/N hosts". */
  private live: Map<Platform, number> | undefined;

  /** The last refused placement (its per-host reasons are worked out only if asked for). */
  lastRefusal: Refusal | undefined;

  constructor(private readonly ctx: PlacementContext) {}

  /** A host was added or its capacity changed: its platform's pool is rebuilt before the next placement. */
  hostReshaped(platform: Platform): void {
    this.stale.add(platform);
    this.live = undefined;
  }

  /** A host's usage, capacity or state changed: its leaf is refreshed before the next placement. */
  hostChanged(host: number): void {
    if (host >= this.isDirty.length) return; // its pool is stale and will be rebuilt anyway
    if (this.isDirty[host]) return;
    this.isDirty[host] = 1;
    this.dirty.push(host);
  }

  place(req: PlacementRequest): PlacementOutcome {
    const pool = this.pool(req.platform);
    const candidates = this.directCandidates(req);
    const accept = this.filter(req);
    let hit: { host: number; score: number } | undefined;
    if (candidates) {
      hit = this.bestOf(
        candidates.filter((h) => this.inScope(pool, req, h) && accept(h)),
        req,
      );
    } else {
      const [lo, hi] = this.scopeRange(pool, req);
      const tieOffset = req.tieBreak === 'random' && req.policy !== 'first-fit' && pool.hosts.length > 0 ? this.ctx.rng.int(0, pool.hosts.length - 1) : 0;
      hit = pool.index.search({ amounts: req.amounts, policy: req.policy, lo, hi, tieOffset, accept });
    }
    if (hit) return { ok: true, host: hit.host, score: hit.score };
    const label = req.label ? `${req.label} (${describeAmounts(req.amounts)})` : describeAmounts(req.amounts);
    const counts = this.countRefusals(req, pool, accept);
    const message = counts.total === 0 ? `No host can take ${label}: the estate has no hosts` : `No host can take ${label}: ${summarize(counts, req.amounts)}`;
    let explained: readonly HostRejection[] | undefined;
    const rejections = () => (explained ??= this.explain(req));
    if (req.record) this.lastRefusal = { seq: (this.lastRefusal?.seq ?? 0) + 1, message, rejections, at: this.ctx.now() };
    const short = RESOURCE_NAMES.filter((_, r) => counts.mostFree[r] !== undefined);
    return { ok: false, message, rejections, haRefused: counts.kinds.has('ha-admission'), short };
  }

  /**
   * Every host's reasons for refusing the request, in words (hosts that would
   * accept it are left out). A cloud region's capacity pool is not a host to a
   * VM or a container, nor a host to a cloud VM: each request looks at its own kind.
   */
  explain(req: PlacementRequest): HostRejection[] {
    const pool = this.pool(req.platform);
    const accept = this.filter(req);
    const out: HostRejection[] = [];
    for (const host of this.ctx.hosts.live()) {
      if (isCloudPool(host.platform) !== isCloudPool(req.platform)) continue;
      const reasons: Reason[] = [];
      this.visitReasons(host.index, req, pool, accept, (kind, message) => reasons.push({ kind, message: message() }));
      if (reasons.length > 0) out.push({ host: host.id, reasons });
    }
    return out;
  }

  /** One host's reasons for refusing the request, in words (none if it would take it). */
  reasonsOf(req: PlacementRequest, h: number): Reason[] {
    const reasons: Reason[] = [];
    this.visitReasons(h, req, this.pool(req.platform), this.filter(req), (kind, message) => reasons.push({ kind, message: message() }));
    return reasons;
  }

  /**
   * The same look at every host as explain's, counted without words. The pool's
   * index counts the hosts short of each resource and finds the most free among
   * them; only hosts that need a closer look are visited one by one (those in
   * maintenance or failed, those a filter refused), so a refusal costs about what
   * a placement does. An explicit host list or an affinity group looks at every host.
   */
  private countRefusals(req: PlacementRequest, pool: Pool, accept: (h: number) => boolean) {
    const members = req.affinityGroup ? this.ctx.groupHosts(req.affinityGroup) : undefined;
    if (req.hosts || (members && members.size > 0)) return this.countByVisiting(req, pool, accept);
    const counts = this.countOtherHypervisors(req, pool);
    const { hosts } = this.ctx;
    // Hosts in maintenance or failed: few, and each has its own mix of reasons.
    pool.index.forEachIneligible((h) => this.countHost(counts, h, req, pool, accept));
    const add = (kind: ReasonKind, n: number) => n > 0 && counts.kinds.set(kind, (counts.kinds.get(kind) ?? 0) + n);
    const [lo, hi] = this.scopeRange(pool, req);
    const eligible = pool.index.eligibleIn(0, pool.hosts.length);
    add('scope', eligible - pool.index.eligibleIn(lo, hi));
    const anti = req.antiAffinityGroup ? this.ctx.groupHosts(req.antiAffinityGroup) : undefined;
    const excluded = (h: number) => req.excludeHosts?.includes(h) === true;
    const clashes = (h: number) => (anti?.get(h) ?? 0) > 0;
    const connectedMember = (h: number) =>
      Number.isInteger(h) && h >= 0 && h < hosts.count && hosts.records[h].platform === req.platform && !hosts.isRemoved(h) && hosts.isConnected(h);
    add('excluded', new Set(req.excludeHosts?.filter(connectedMember)).size);
    if (anti) add('anti-affinity', [...anti.keys()].filter((h) => clashes(h) && connectedMember(h)).length);
    for (let r = 0; r < RESOURCES; r++) {
      add(insufficientKind(r), pool.index.countShort(r, req.amounts[r]));
      // "Most free" only among hosts that would take it but for that resource: not one out of scope, failed or excluded.
      const most = pool.index.mostFreeShort(r, req.amounts[r], lo, hi, (h) => excluded(h) || clashes(h));
      if (most) counts.mostFree[r] = { free: most.free, host: hosts.records[most.host].id };
    }
    // Hosts with room that a filter turned away: HA admission control (asked once a
    // cluster), or the filter itself. The words kept are the first cluster's in the stable order.
    const haByCluster = new Map<number, string | undefined>();
    const haRefusal = (c: number) => {
      if (!haByCluster.has(c)) haByCluster.set(c, this.ctx.haRefusal(c, req.amounts));
      return haByCluster.get(c);
    };
    pool.index.forEachFitting(req.amounts, lo, hi, (h) => {
      if (excluded(h) || clashes(h)) return;
      const refusal = req.powerOn ? haRefusal(hosts.records[h].clusterIndex) : undefined;
      if (refusal) {
        add('ha-admission', 1);
        noteHa(counts, hosts.records[h].clusterIndex, () => refusal);
      } else if (!accept(h)) add('excluded', 1);
    });
    return counts;
  }

  /**
   * countRefusals the long way: every host of the request's platform looked at in
   * turn, in the stable order (as the index meets them: the most free on a tie and
   * HA admission control's words come from the earliest); hosts of another
   * hypervisor have that one reason and are counted.
   */
  private countByVisiting(req: PlacementRequest, pool: Pool, accept: (h: number) => boolean) {
    const counts = this.countOtherHypervisors(req, pool);
    if (req.hostsWhy) counts.lacks = req.hostsWhy;
    for (const h of pool.hosts) this.countHost(counts, h, req, pool, accept);
    return counts;
  }

  /** Counts one host's reasons for refusing the request. */
  private countHost(counts: RefusalCounts, h: number, req: PlacementRequest, pool: Pool, accept: (h: number) => boolean): void {
    const { hosts, ledger } = this.ctx;
    const seen = new Set<ReasonKind>();
    const short: number[] = [];
    this.visitReasons(h, req, pool, accept, (kind, message, resource) => {
      // A host counts once per reason (two scope reasons are one).
      if (!seen.has(kind)) countReason(counts, kind);
      seen.add(kind);
      if (kind === 'ha-admission') noteHa(counts, hosts.records[h].clusterIndex, message);
      if (resource !== undefined) short.push(resource);
    });
    // "Most free" only among hosts that would take it but for that resource: not one out of scope, failed or excluded.
    if (seen.size !== short.length) return;
    for (const r of short) {
      const free = ledger.free(h, r);
      const most = counts.mostFree[r];
      if (!most || free > most.free) counts.mostFree[r] = { free, host: hosts.records[h].id };
    }
  }

  /**
   * A refusal's counts begun: every live host of the request's kind (a cloud pool
   * is no host to a VM), those of another hypervisor counted as that. The live
   * hosts per platform are counted again only after a host is added or removed.
   */
  private countOtherHypervisors(req: PlacementRequest, pool: Pool): RefusalCounts {
    if (!this.live) {
      this.live = new Map(PLATFORMS.map((p) => [p, 0]));
      for (const host of this.ctx.hosts.live()) this.live.set(host.platform, (this.live.get(host.platform) ?? 0) + 1);
    }
    const counts = emptyCounts();
    for (const [p, n] of this.live) if (isCloudPool(p) === isCloudPool(req.platform)) counts.total += n;
    const others = counts.total - pool.hosts.length;
    if (others > 0) counts.kinds.set('incompatible', others);
    return counts;
  }

  /** Each reason host `h` refuses the request for; its words are built only if asked for. */
  private visitReasons(
    h: number,
    req: PlacementRequest,
    pool: Pool,
    accept: (h: number) => boolean,
    visit: (kind: ReasonKind, message: () => string, resource?: number) => void,
  ): void {
    const { hosts, ledger } = this.ctx;
    const host = hosts.records[h];
    if (host.platform !== req.platform) {
      visit(
        'incompatible',
        () => `Incompatible hypervisor: ${host.id} runs ${HYPERVISOR_LABEL[host.platform]}, the workload needs ${HYPERVISOR_LABEL[req.platform]}`,
      );
      return;
    }
    let any = false;
    const see = (kind: ReasonKind, message: () => string, resource?: number) => {
      any = true;
      visit(kind, message, resource);
    };
    const state = hosts.state(h);
    if (state === 'maintenance') see('maintenance', () => `${host.id} is in maintenance mode`);
    if (state === 'failed') see('failed', () => `${host.id} has failed`);
    if (!this.inScope(pool, req, h)) see('scope', () => `${host.id} is outside the requested ${req.cluster ? `cluster ${req.cluster}` : `site ${req.site}`}`);
    if (req.hosts && !req.hosts.includes(host.id))
      see(req.hostsWhy ? 'lacks' : 'scope', () => `${host.id} ${req.hostsWhy ? `lacks ${req.hostsWhy}` : 'is not among the requested hosts'}`);
    const members = req.affinityGroup ? this.ctx.groupHosts(req.affinityGroup) : undefined;
    if (members && members.size > 0 && !members.has(h)) {
      see(
        'affinity',
        () => `Affinity group ${req.affinityGroup}: its members run on ${[...members.keys()].map((i) => hosts.records[i].id).join(', ')}, not ${host.id}`,
      );
    }
    if (req.excludeHosts?.includes(h)) see('excluded', () => `${host.id} is excluded from this placement`);
    if (req.antiAffinityGroup && (this.ctx.groupHosts(req.antiAffinityGroup)?.get(h) ?? 0) > 0) {
      see('anti-affinity', () => `Anti-affinity group ${req.antiAffinityGroup}: ${host.id} already runs a member`);
    }
    for (let r = 0; r < RESOURCES; r++) {
      if (ledger.used(h, r) + req.amounts[r] > ledger.capacity(h, r))
        see(insufficientKind(r), () => insufficient(r, req.amounts[r], host.id, ledger.free(h, r)).message, r);
    }
    if (!any && req.powerOn) {
      const refusal = this.ctx.haRefusal(host.clusterIndex, req.amounts);
      if (refusal) see('ha-admission', () => refusal);
    }
    if (!any && !accept(h)) see('excluded', () => `${host.id} is excluded from this placement`);
  }

  /** The filters the index cannot hold: exclusions, anti-affinity, HA admission. */
  private filter(req: PlacementRequest): (h: number) => boolean {
    const { hosts } = this.ctx;
    const anti = req.antiAffinityGroup ? this.ctx.groupHosts(req.antiAffinityGroup) : undefined;
    if (!req.excludeHosts?.length && !anti?.size && !(req.powerOn && this.ctx.topology.haClusters > 0)) return ACCEPT_ALL;
    const haChecked = new Map<number, boolean>();
    return (h: number) => {
      if (req.excludeHosts?.includes(h)) return false;
      if (anti && (anti.get(h) ?? 0) > 0) return false;
      if (req.powerOn) {
        const c = hosts.records[h].clusterIndex;
        let allowed = haChecked.get(c);
        if (allowed === undefined) haChecked.set(c, (allowed = this.ctx.haRefusal(c, req.amounts) === undefined));
        if (!allowed) return false;
      }
      return true;
    };
  }

  /** Affinity to placed members, or an explicit host list, narrows the choice to a few hosts. */
  private directCandidates(req: PlacementRequest): number[] | undefined {
    let list: number[] | undefined;
    if (req.hosts) {
      list = req.hosts.map((id) => this.ctx.hosts.indexOf(id)).filter((h): h is number => h !== undefined);
    }
    const members = req.affinityGroup ? this.ctx.groupHosts(req.affinityGroup) : undefined;
    if (members && members.size > 0) {
      const together = [...members.keys()];
      list = list ? list.filter((h) => together.includes(h)) : together;
    }
    return list;
  }

  private bestOf(candidates: number[], req: PlacementRequest): { host: number; score: number } | undefined {
    const { hosts, ledger } = this.ctx;
    let best: { host: number; score: number; pos: number } | undefined;
    for (const h of candidates) {
      if (hosts.records[h].platform !== req.platform || !hosts.isConnected(h) || !ledger.fits(h, req.amounts)) continue;
      const s = hostScore(req.policy, ledger.used(h, CPU), ledger.scale(h, CPU), ledger.used(h, MEM), ledger.scale(h, MEM), req.amounts[CPU], req.amounts[MEM]);
      const pos = this.position[h];
      if (!best || s > best.score || (s === best.score && pos < best.pos)) best = { host: h, score: s, pos };
    }
    return best && { host: best.host, score: best.score };
  }

  private inScope(pool: Pool, req: PlacementRequest, h: number): boolean {
    const [lo, hi] = this.scopeRange(pool, req);
    const pos = this.position[h];
    return pos >= lo && pos < hi;
  }

  private scopeRange(pool: Pool, req: PlacementRequest): [number, number] {
    const { topology } = this.ctx;
    const none: [number, number] = [0, 0];
    let range: [number, number] = [0, pool.hosts.length];
    if (req.site !== undefined) {
      const s = topology.siteIndex(req.site);
      range = intersect(range, s === undefined ? none : (pool.siteRange.get(s) ?? none));
    }
    if (req.cluster !== undefined) {
      const c = topology.clusterIndex(req.cluster);
      range = intersect(range, c === undefined ? none : (pool.clusterRange.get(c) ?? none));
    }
    return range;
  }

  private pool(platform: Platform): Pool {
    if (this.stale.has(platform)) this.buildPool(platform);
    this.flush();
    return this.pools.get(platform)!;
  }

  private flush(): void {
    for (const h of this.dirty) {
      this.isDirty[h] = 0;
      const pool = this.pools.get(this.ctx.hosts.records[h].platform);
      if (pool && !this.stale.has(this.ctx.hosts.records[h].platform)) pool.index.update(this.position[h]);
    }
    this.dirty.length = 0;
  }

  private buildPool(platform: Platform): void {
    const { hosts, ledger } = this.ctx;
    this.stale.delete(platform);
    this.position = ensureLength(this.position, hosts.count);
    this.isDirty = ensureLength(this.isDirty, hosts.count);
    const members = hosts
      .live()
      .filter((r) => r.platform === platform)
      .map((r) => r.index);
    members.sort(hostOrder(this.ctx));
    const clusterRange = new Map<number, [number, number]>();
    const siteRange = new Map<number, [number, number]>();
    members.forEach((h, pos) => {
      this.position[h] = pos;
      const r = hosts.records[h];
      extend(clusterRange, r.clusterIndex, pos);
      extend(siteRange, r.siteIndex, pos);
    });
    const index = new PoolIndex(members, {
      eligible: (h) => hosts.isConnected(h),
      capacity: (h, r) => ledger.capacity(h, r),
      scale: (h, r) => ledger.scale(h, r),
      used: (h, r) => ledger.used(h, r),
    });
    this.pools.set(platform, { hosts: members, index, clusterRange, siteRange });
  }
}

/**
 * The stable host order: site, cluster, host model (largest capacity first), id.
 * Placement ties go to the earliest host in it, first-fit takes the first that
 * fits, and hosts of one model sit side by side in the index, which keeps its
 * bounds tight.
 */
export function compareHosts(ctx: Pick<PlacementContext, 'hosts' | 'topology' | 'ledger'>, a: number, b: number): number {
  return hostOrder(ctx)(a, b);
}

/**
 * The stable order as a comparator: the sites' and clusters' places in their
 * natural order are worked out once (tens of ids), so that sorting 20,000 hosts
 * compares two ids in the natural order only where site, cluster and model tie.
 */
function hostOrder(ctx: Pick<PlacementContext, 'hosts' | 'topology' | 'ledger'>): (a: number, b: number) => number {
  const { hosts, topology, ledger } = ctx;
  const siteRank = ranks(topology.sites.map((s) => s.id));
  const clusterRank = ranks(topology.clusters.map((c) => c.id));
  return (a, b) => {
    const x = hosts.records[a];
    const y = hosts.records[b];
    return (
      siteRank[x.siteIndex] - siteRank[y.siteIndex] ||
      clusterRank[x.clusterIndex] - clusterRank[y.clusterIndex] ||
      ledger.scale(b, CPU) - ledger.scale(a, CPU) ||
      ledger.scale(b, MEM) - ledger.scale(a, MEM) ||
      naturalCompare(x.id, y.id)
    );
  };
}

/** Each id's place in the natural order; ids that compare equal share one. */
function ranks(ids: readonly string[]): Int32Array {
  const order = ids.map((_, i) => i).sort((a, b) => naturalCompare(ids[a], ids[b]));
  const rank = new Int32Array(ids.length);
  for (let k = 1; k < order.length; k++) rank[order[k]] = rank[order[k - 1]] + (naturalCompare(ids[order[k - 1]], ids[order[k]]) === 0 ? 0 : 1);
  return rank;
}

const ACCEPT_ALL = (): boolean => true;

function extend(ranges: Map<number, [number, number]>, key: number, pos: number): void {
  const r = ranges.get(key);
  if (r) r[1] = pos + 1;
  else ranges.set(key, [pos, pos + 1]);
}

function intersect(a: [number, number], b: [number, number]): [number, number] {
  return [Math.max(a[0], b[0]), Math.min(a[1], b[1])];
}
