// The scheduler's nodes as columns: what its usual question (does a pod that asks
// only for room fit, and how well) reads of each node, in typed arrays. A scheduling
// cycle visits hundreds of nodes (500 of 5,000), and reading them from the nodes'
// objects, a few cache lines each, was most of its time. The objects stay the
// truth: whoever changes a node's requests calls update() for it.
import { antiAffinityPods } from './pod-affinity.js';
import type { NodeInfo, PodToPlace } from './scheduler.js';

export class NodeTable {
  /** 1 where the node is schedulable, untainted and has no pod with required anti-affinity: a plain pod's filters are then the resource fit alone. */
  readonly plainNode: Uint8Array;
  /** Pods the node may still take (maxPods less the pods on it). */
  readonly podRoom: Float64Array;
  /** Allocatable less requested, as NodeResourcesFit subtracts them. */
  readonly freeCpu: Float64Array;
  readonly freeMemory: Float64Array;
  /** How many nodes have a taint of any effect. */
  taintedNodes = 0;
  private readonly tainted: Uint8Array;
  /** How many nodes have a pod whose affinity terms score others (required affinity, preferred terms). */
  affinityTermNodes = 0;
  private readonly withTerms: Uint8Array;
  /**
   * Each node's resource score for the requests of the pod being placed, kept while
   * neither changes (the pods of one template ask alike, and a cycle changes one
   * node): NaN where not known. The scheduler's loop reads it in place; only score(),
   * update() and scoring() write it.
   */
  readonly scores: Float64Array;
  private cpu = Number.NaN;
  private memory = Number.NaN;
  private nonZeroCpu = Number.NaN;
  private nonZeroMemory = Number.NaN;

  private constructor(n: number) {
    this.plainNode = new Uint8Array(n);
    this.tainted = new Uint8Array(n);
    this.withTerms = new Uint8Array(n);
    this.podRoom = new Float64Array(n);
    this.freeCpu = new Float64Array(n);
    this.freeMemory = new Float64Array(n);
    this.scores = new Float64Array(n).fill(Number.NaN);
  }

  static of(nodes: readonly NodeInfo[]): NodeTable {
    const table = new NodeTable(nodes.length);
    for (let i = 0; i < nodes.length; i++) table.update(i, nodes[i]);
    return table;
  }

  /** Reads node i again (its requests, pods, cordon or taints changed). */
  update(i: number, node: NodeInfo): void {
    const tainted = node.taints.length > 0 ? 1 : 0;
    this.taintedNodes += tainted - this.tainted[i];
    this.tainted[i] = tainted;
    const on = node.podsOn ?? [];
    const withTerms = (node.podsWithTerms ?? on.filter((p) => p.affinity || p.preferred)).length > 0 ? 1 : 0;
    this.affinityTermNodes += withTerms - this.withTerms[i];
    this.withTerms[i] = withTerms;
    // A pod with required anti-affinity on it can turn others away: such a node takes the filters' whole path.
    const guarded = antiAffinityPods(node) > 0;
    this.plainNode[i] = !node.unschedulable && tainted === 0 && !guarded ? 1 : 0;
    this.podRoom[i] = node.maxPods - node.pods;
    this.freeCpu[i] = node.allocatable.milliCpu - node.requested.milliCpu;
    this.freeMemory[i] = node.allocatable.memory - node.requested.memory;
    this.scores[i] = Number.NaN;
  }

  /** Whether node i has a pod whose affinity terms score others. */
  hasTerms(i: number): boolean {
    return this.withTerms[i] === 1;
  }

  /** Starts a cycle for this pod: scores kept for other requests are forgotten. */
  scoring(pod: PodToPlace): void {
    const r = pod.requests;
    const z = pod.nonZeroRequests;
    if (r.milliCpu === this.cpu && r.memory === this.memory && z.milliCpu === this.nonZeroCpu && z.memory === this.nonZeroMemory) return;
    this.cpu = r.milliCpu;
    this.memory = r.memory;
    this.nonZeroCpu = z.milliCpu;
    this.nonZeroMemory = z.memory;
    this.scores.fill(Number.NaN);
  }

  /** Node i's score for this cycle's pod, made by `score` the first time it is asked for. */
  score(i: number, pod: PodToPlace, node: NodeInfo, score: (pod: PodToPlace, node: NodeInfo) => number): number {
    let s = this.scores[i];
    if (Number.isNaN(s)) this.scores[i] = s = score(pod, node);
    return s;
  }
}
