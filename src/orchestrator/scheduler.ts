// Where kube-scheduler puts one pod, and why not when it cannot: its default
// profile's filters and resource scores as pkg/scheduler has them (the plugin
// named on each), over the nodes as they stand. Pure: the orchestrator gives
// it the nodes and a seeded draw for ties, and binds what it chooses.
//
// As of Kubernetes 1.32 (later versions score BalancedAllocation only for pods
// that request something, and word the taint refusal "untolerated taint(s)").
// Modelled: NodeUnschedulable, TaintToleration (filter, and its score of
// PreferNoSchedule taints, weight 3), NodeAffinity (nodeSelector, required
// terms, and the score of preferred ones, weight 2), NodeResourcesFit (filter
// and LeastAllocated score, weight 1), InterPodAffinity on kubernetes.io/hostname
// (pod-affinity.ts: required affinity and anti-affinity, the bound pods'
// anti-affinity, and the score of preferred terms both ways, weight 2),
// NodeResourcesBalancedAllocation (weight 1), the sampling of feasible nodes on
// large clusters, and DefaultPreemption's verdict when every pod has the same
// priority (no victims). Not modelled yet: ImageLocality, PodTopologySpread's
// default constraints, and topologies other than the hostname.

import { matches, type Requirement } from './labels.js';
import { NodeTable } from './node-table.js';
import {
  affinityMatchedAnywhere,
  antiAffinityPods,
  type IncomingPod,
  interPodRefusal,
  interPodScore,
  normalizedInterPod,
  type PodOnNode,
  type WeightedTerm,
} from './pod-affinity.js';

/** CPU in millicores, memory in bytes (Quantity.MilliValue and Value: quantity.ts). */
export interface Resources {
  readonly milliCpu: number;
  readonly memory: number;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: TaintEffect;
}

/** A node as the scheduler's snapshot has it (framework.NodeInfo). */
export interface NodeInfo {
  readonly name: string;
  readonly allocatable: Resources;
  /** Node.Status.Allocatable's pods (110 by default: kubelet's maxPods). */
  readonly maxPods: number;
  /** The requests of the pods bound to it. */
  readonly requested: Resources;
  /** The same with a container's missing requests at the scheduler's defaults (NON_ZERO_DEFAULTS): what scores use. */
  readonly nonZeroRequested: Resources;
  readonly pods: number;
  /** Cordoned (spec.unschedulable). */
  readonly unschedulable: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** The pods on it, as InterPodAffinity reads them (pod-affinity.ts). */
  readonly podsOn?: readonly PodOnNode[];
  /** How many of them have required anti-affinity (counted here when not given). */
  readonly antiAffinityPods?: number;
  /** Those of its pods whose affinity terms score others (required affinity, preferred terms); all of podsOn when not given. */
  readonly podsWithTerms?: readonly PodOnNode[];
}

/** What of a pod the scheduler looks at (its namespace, labels and pod (anti-)affinity: IncomingPod). */
export interface PodToPlace extends IncomingPod {
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node affinity: the node's labels must meet one term's every requirement. */
  readonly nodeAffinity?: readonly (readonly Requirement[])[];
  /** Preferred node affinity: the weights of the terms a node's labels meet add up to its score. */
  readonly preferredNodeAffinity?: readonly WeightedTerm[];
  readonly tolerations: readonly Toleration[];
}

/**
 * The requests a container without its own counts for in scores
 * (pkg/scheduler/util: DefaultMilliCPURequest 100, DefaultMemoryRequest 200 MB).
 */
export const NON_ZERO_DEFAULTS: Resources = { milliCpu: 100, memory: 200 * 1024 * 1024 };

/** framework.MaxNodeScore. */
const MAX_NODE_SCORE = 100;
/** TaintToleration's weight in the default profile (default_plugins.go), NodeAffinity's and InterPodAffinity's. */
const TAINT_TOLERATION_WEIGHT = 3;
const NODE_AFFINITY_WEIGHT = 2;
const INTER_POD_AFFINITY_WEIGHT = 2;
/** schedule_one.go: below this many nodes every node is filtered; the least searched on larger clusters. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** Why a node cannot take the pod: the reasons of the first filter that refused it. */
export interface Refusal {
  readonly reasons: readonly string[];
  /** UnschedulableAndUnresolvable: evicting pods would not help (preemption skips the node). */
  readonly unresolvable: boolean;
}

/** The node's taints the pod does not tolerate (v1 helper ToleratesTaint). */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/** The filters in the default profile's order; the first to refuse decides (the framework stops there). */
export function filterNode(pod: PodToPlace, node: NodeInfo, affinityMatchedAnywhere = false): Refusal | undefined {
  // NodeUnschedulable: a cordoned node, unless the pod tolerates the unschedulable taint.
  if (node.unschedulable && !pod.tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return UNSCHEDULABLE_REFUSAL;
  // TaintToleration: the first NoSchedule or NoExecute taint not tolerated.
  if (node.taints.length > 0) {
    const taint = node.taints.find((x) => x.effect !== 'PreferNoSchedule' && !pod.tolerations.some((t) => tolerates(t, x)));
    if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], unresolvable: true };
  }
  // NodeAffinity: every label the pod's nodeSelector names.
  for (const k in pod.nodeSelector) if (node.labels[k] !== pod.nodeSelector[k]) return SELECTOR_REFUSAL;
  // A term with no requirements matches no node (NodeSelectorRequirementsAsSelector gives labels.Nothing()).
  if (pod.nodeAffinity && !pod.nodeAffinity.some((term) => term.length > 0 && matches(term, node.labels))) return SELECTOR_REFUSAL;
  const fit = fitsRequest(pod.requests, node);
  if (fit) return fit;
  // InterPodAffinity, after the resource filters in the default profile: the node's pods are read only when
  // some term is in play (a node of 110 pods, 500 nodes a cycle).
  if (pod.podAffinity || pod.antiAffinity || antiAffinityPods(node) > 0) return interPodRefusal(pod, node.podsOn ?? [], affinityMatchedAnywhere);
  return undefined;
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const UNSCHEDULABLE_REFUSAL: Refusal = { reasons: ['node(s) were unschedulable'], unresolvable: true };
const SELECTOR_REFUSAL: Refusal = { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };

/** NodeResourcesFit's filter (fit.go fitsRequest): pods, then CPU, then memory. */
function fitsRequest(req: Resources, node: NodeInfo): Refusal | undefined {
  // The usual answer, that it fits, without building a list of reasons.
  if (
    node.pods + 1 <= node.maxPods &&
    (req.milliCpu <= 0 || req.milliCpu <= node.allocatable.milliCpu - node.requested.milliCpu) &&
    (req.memory <= 0 || req.memory <= node.allocatable.memory - node.requested.memory)
  )
    return undefined;
  const reasons: string[] = [];
  let unresolvable = false;
  if (node.pods + 1 > node.maxPods) reasons.push('Too many pods');
  if (req.milliCpu !== 0 || req.memory !== 0) {
    if (req.milliCpu > 0 && req.milliCpu > node.allocatable.milliCpu - node.requested.milliCpu) {
      reasons.push('Insufficient cpu');
      unresolvable ||= req.milliCpu > node.allocatable.milliCpu;
    }
    if (req.memory > 0 && req.memory > node.allocatable.memory - node.requested.memory) {
      reasons.push('Insufficient memory');
      unresolvable ||= req.memory > node.allocatable.memory;
    }
  }
  return reasons.length > 0 ? { reasons, unresolvable } : undefined;
}

/** least_allocated.go leastRequestedScore: the share left free, 0-100, in whole points. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** balanced_allocation.go balancedResourceScorer: 100 x (1 - the spread of the used shares), for CPU and memory. */
function balanced(cpu: number, memory: number, allocatable: Resources): number {
  // With one resource (or none) allocatable the spread is 0.
  if (allocatable.milliCpu === 0 || allocatable.memory === 0) return MAX_NODE_SCORE;
  const std = Math.abs((Math.min(cpu / allocatable.milliCpu, 1) - Math.min(memory / allocatable.memory, 1)) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** The node's resource scores for the pod: LeastAllocated (weight 1) and BalancedAllocation (weight 1). */
export function scoreNode(pod: PodToPlace, node: NodeInfo): number {
  // LeastAllocated counts missing requests at their defaults, the pod's own included, over the resources the
  // node has (least_allocated.go skips one with nothing allocatable); BalancedAllocation the requests as set.
  let fitSum = 0;
  let weights = 0;
  const a = node.allocatable;
  if (a.milliCpu !== 0) {
    fitSum += leastRequested(node.nonZeroRequested.milliCpu + pod.nonZeroRequests.milliCpu, a.milliCpu);
    weights++;
  }
  if (a.memory !== 0) {
    fitSum += leastRequested(node.nonZeroRequested.memory + pod.nonZeroRequests.memory, a.memory);
    weights++;
  }
  const fit = weights ? Math.trunc(fitSum / weights) : 0;
  return fit + balanced(node.requested.milliCpu + pod.requests.milliCpu, node.requested.memory + pod.requests.memory, a);
}

/** TaintToleration's score before normalising: the node's PreferNoSchedule taints none of these tolerations tolerate. */
function intolerablePreferNoSchedule(tolerations: readonly Toleration[], node: NodeInfo): number {
  return node.taints.filter((x) => x.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, x))).length;
}

/** schedule_one.go numFeasibleNodesToFind, with percentageOfNodesToScore left at its adaptive default. */
export function feasibleNodesToFind(nodes: number): number {
  if (nodes < MIN_FEASIBLE_NODES_TO_FIND) return nodes;
  const percentage = Math.max(50 - Math.trunc(nodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  return Math.max(Math.trunc((nodes * percentage) / 100), MIN_FEASIBLE_NODES_TO_FIND);
}

export type Decision =
  | {
      readonly ok: true;
      readonly node: string;
      readonly score: number;
      /** Its position in the nodes given. */
      readonly index: number;
    }
  | {
      readonly ok: false;
      /** FitError.Error() with DefaultPreemption's message after it, as the FailedScheduling event says. */
      readonly message: string;
      /** Each node's refusal, for describe. */
      readonly refusals: ReadonlyMap<string, Refusal>;
    };

/**
 * One scheduling cycle. `start` is where the previous cycle's search stopped
 * (the scheduler's nextStartNodeIndex); `draw(n)` a seeded whole number below n
 * for ties. Returns where the next search starts. selectHost picks among the
 * nodes of the best score uniformly by reservoir sampling, a draw for every tie
 * (75 million at 150,000 pods on 5,000 alike nodes); one draw among them, made
 * once they are known, picks with the same odds.
 */
export function schedule(
  pod: PodToPlace,
  nodes: readonly NodeInfo[],
  start: number,
  draw: (n: number) => number,
  table: NodeTable = NodeTable.of(nodes),
): { decision: Decision; next: number } {
  const n = nodes.length;
  // schedule_one.go's ErrNoNodesAvailable.
  if (n === 0) return { decision: { ok: false, message: 'no nodes available to schedule pods', refusals: new Map() }, next: start };
  const wanted = feasibleNodesToFind(n);
  if (FEASIBLE.length < wanted) {
    FEASIBLE = new Int32Array(wanted);
    BASE = new Float64Array(wanted);
    TIES = new Int32Array(wanted);
  }
  // Filter (and give each feasible node its resource score) in one pass; refusals are kept only if nothing fits.
  let found = 0;
  let tainted = false;
  let processed = 0;
  // The usual pod asks only for room: on an untainted, schedulable node the filters come down to
  // NodeResourcesFit's three comparisons, read from the table's columns (75 million node visits at
  // 150,000 pods on 5,000 nodes: the nodes' objects, a few cache lines each, were most of the time).
  let plain = !pod.nodeAffinity && !pod.antiAffinity && !pod.podAffinity;
  for (const _ in pod.nodeSelector) plain = false;
  const { milliCpu: rc, memory: rm } = pod.requests;
  table.scoring(pod);
  const { plainNode, podRoom, freeCpu, freeMemory } = table;
  const matchedAnywhere =
    pod.podAffinity !== undefined &&
    affinityMatchedAnywhere(
      pod,
      nodes.map((x) => x.podsOn),
    );
  // Preferred terms, the pod's or the bound pods' (NodeAffinity's and InterPodAffinity's scores), are weighed after filtering.
  const weighed = pod.preferredNodeAffinity !== undefined || pod.preferredPodAffinity !== undefined || table.affinityTermNodes > 0;
  // With no tainted node at all and nothing to weigh, TaintToleration scores every node the same, so the nodes of the
  // best score are known as the nodes are found, not in a second pass.
  const untainted = table.taintedNodes === 0 && !weighed;
  let bestScore = -1;
  let ties = 0;
  const scores = table.scores;
  if (plain && untainted) {
    // The usual cycle, its own loop: a plain pod, no taint anywhere, nothing to weigh.
    const taintScore = TAINT_TOLERATION_WEIGHT * MAX_NODE_SCORE;
    for (let i = start % n; processed < n && found < wanted; processed++, i = i + 1 === n ? 0 : i + 1) {
      if (plainNode[i] === 1) {
        if (podRoom[i] < 1 || (rc > 0 && rc > freeCpu[i]) || (rm > 0 && rm > freeMemory[i])) continue;
      } else if (filterNode(pod, nodes[i], matchedAnywhere)) continue;
      let base = scores[i];
      if (Number.isNaN(base)) base = table.score(i, pod, nodes[i], scoreNode);
      const score = base + taintScore;
      if (score > bestScore) {
        bestScore = score;
        ties = 0;
      }
      if (score === bestScore) TIES[ties++] = i;
      found++;
    }
  } else {
    // Any other cycle: the filters' whole path where needed, the nodes and scores kept for a second pass.
    for (let i = start % n; processed < n && found < wanted; processed++, i = i + 1 === n ? 0 : i + 1) {
      if (plain && plainNode[i] === 1) {
        if (podRoom[i] < 1 || (rc > 0 && rc > freeCpu[i]) || (rm > 0 && rm > freeMemory[i])) continue;
      } else {
        if (filterNode(pod, nodes[i], matchedAnywhere)) continue;
        if (nodes[i].taints.length > 0) tainted = true;
      }
      const base = table.score(i, pod, nodes[i], scoreNode);
      if (untainted) {
        const score = base + TAINT_TOLERATION_WEIGHT * MAX_NODE_SCORE;
        if (score > bestScore) {
          bestScore = score;
          ties = 0;
        }
        if (score === bestScore) TIES[ties++] = i;
      } else {
        FEASIBLE[found] = i;
        BASE[found] = base;
      }
      found++;
    }
  }
  const next = (start + processed) % n;
  if (found === 0) {
    const refusals = new Map<string, Refusal>();
    for (let k = 0; k < processed; k++) {
      const node = nodes[(start + k) % n];
      refusals.set(node.name, filterNode(pod, node, matchedAnywhere)!);
    }
    return { decision: { ok: false, message: fitErrorMessage(n, refusals), refusals }, next };
  }
  if (untainted) return chosen(nodes, TIES[ties > 1 ? draw(ties) : 0], bestScore, next);
  // TaintToleration's counts normalised over the feasible nodes, fewest best (helper.DefaultNormalizeScore, reversed);
  // with no taint among them every node scores the same for it. The pod's tolerations that can speak to
  // PreferNoSchedule (PreScore's tolerationsPreferNoSchedule) are found once.
  let counts: number[] | undefined;
  let most = 0;
  if (tainted) {
    const preferTolerations = pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    counts = [];
    for (let k = 0; k < found; k++) {
      const node = nodes[FEASIBLE[k]];
      const c = node.taints.length === 0 ? 0 : intolerablePreferNoSchedule(preferTolerations, node);
      counts.push(c);
      if (c > most) most = c;
    }
  }
  const affinity = weighed ? affinityScores(pod, nodes, found, table) : undefined;
  for (let k = 0; k < found; k++) {
    const taints = most === 0 || !counts ? MAX_NODE_SCORE : MAX_NODE_SCORE - Math.trunc((MAX_NODE_SCORE * counts[k]) / most);
    const score = BASE[k] + TAINT_TOLERATION_WEIGHT * taints + (affinity ? affinity[k] : 0);
    if (score > bestScore) {
      bestScore = score;
      ties = 0;
    }
    if (score === bestScore) TIES[ties++] = FEASIBLE[k];
  }
  return chosen(nodes, TIES[ties > 1 ? draw(ties) : 0], bestScore, next);
}

function chosen(nodes: readonly NodeInfo[], index: number, score: number, next: number): { decision: Decision; next: number } {
  return { decision: { ok: true, node: nodes[index].name, score, index }, next };
}

/** The feasible nodes of the cycle and their resource scores, kept between cycles (a cluster schedules many pods). */
let FEASIBLE = new Int32Array(0);
let BASE = new Float64Array(0);
/** The nodes of the best score so far, in the order found: the host is one of them, drawn once. */
let TIES = new Int32Array(0);

/**
 * NodeAffinity's and InterPodAffinity's weighted scores of the feasible nodes: NodeAffinity's
 * sum of the preferred terms a node meets, normalised to the best (helper.DefaultNormalizeScore),
 * and InterPodAffinity's sums placed between the least and the most (scoring.go NormalizeScore).
 */
function affinityScores(pod: PodToPlace, nodes: readonly NodeInfo[], found: number, table: NodeTable): Float64Array {
  const preferred = pod.preferredNodeAffinity;
  const own = pod.preferredPodAffinity !== undefined;
  if (NODE_RAW.length < found) {
    NODE_RAW = new Float64Array(FEASIBLE.length);
    POD_RAW = new Float64Array(FEASIBLE.length);
  }
  let most = 0;
  let least = Infinity;
  let greatest = -Infinity;
  for (let k = 0; k < found; k++) {
    const i = FEASIBLE[k];
    let sum = 0;
    // An empty preferred term is dropped (NewPreferredSchedulingTerms), not a match everywhere.
    if (preferred) for (const t of preferred) if (t.requirements.length > 0 && matches(t.requirements, nodes[i].labels)) sum += t.weight;
    NODE_RAW[k] = sum;
    if (sum > most) most = sum;
    // Without terms of its own, the pod is scored only by the pods that have some (a node without any scores 0, unread).
    const raw = own || table.hasTerms(i) ? interPodScore(pod, nodes[i].podsOn ?? [], nodes[i].podsWithTerms) : 0;
    POD_RAW[k] = raw;
    if (raw < least) least = raw;
    if (raw > greatest) greatest = raw;
  }
  const out = new Float64Array(found);
  for (let k = 0; k < found; k++)
    out[k] =
      NODE_AFFINITY_WEIGHT * (most === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * NODE_RAW[k]) / most)) +
      INTER_POD_AFFINITY_WEIGHT * normalizedInterPod(POD_RAW[k], least, greatest);
  return out;
}

let NODE_RAW = new Float64Array(0);
let POD_RAW = new Float64Array(0);

/** "N reason, M reason" in Go's string order (sort.Strings of "count reason"). */
function histogram(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

/**
 * types.go FitError.Error(): "0/3 nodes are available: 1 node(s) were
 * unschedulable, 2 Insufficient memory." and then DefaultPreemption's own
 * (default_preemption.go PostFilter, "preemption: " and its FitError): with
 * every pod at one priority there is never a victim, so a node refused for
 * resources finds none and the rest are not helped by preemption.
 */
function fitErrorMessage(total: number, refusals: ReadonlyMap<string, Refusal>): string {
  const filter = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const r of refusals.values()) {
    for (const reason of r.reasons) filter.set(reason, (filter.get(reason) ?? 0) + 1);
    const verdict = r.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod';
    preemption.set(verdict, (preemption.get(verdict) ?? 0) + 1);
  }
  const main = `0/${total} nodes are available:${filter.size ? ` ${histogram(filter)}.` : ''}`;
  return `${main} preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}
