// InterPodAffinity over kubernetes.io/hostname, as kube-scheduler's plugin has it
// (pkg/scheduler/framework/plugins/interpodaffinity, filtering.go and
// scoring.go, with its fast path for host-scoped terms): the filter's three
// checks in its order (the pod's required affinity, its required anti-affinity,
// then the anti-affinity of the pods already on the node), and the score's raw
// sum (the pod's preferred terms against the pods on the node; theirs against
// the pod, with hardPodAffinityWeight 1 for their required affinity). A term
// looks at pods of its own pod's namespace (namespaces and namespaceSelector
// are not modelled and are refused at apply).
import { matches, type Requirement } from './labels.js';

/** A preferred term: + weight for affinity, - weight for anti-affinity. */
export interface WeightedTerm {
  readonly weight: number;
  readonly requirements: readonly Requirement[];
}

/** A pod bound to a node, as InterPodAffinity reads it. */
export interface PodOnNode {
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Its required anti-affinity terms: a pod they match may not join it. */
  readonly antiAffinity?: readonly (readonly Requirement[])[];
  /** Its required affinity terms: a pod they match scores hardPodAffinityWeight (1) for each. */
  readonly affinity?: readonly (readonly Requirement[])[];
  readonly preferred?: readonly WeightedTerm[];
}

/** The incoming pod's side. */
export interface IncomingPod {
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Required pod affinity: some pod on the node must match every term. */
  readonly podAffinity?: readonly (readonly Requirement[])[];
  /** Required pod anti-affinity: no pod on the node may match any term. */
  readonly antiAffinity?: readonly (readonly Requirement[])[];
  readonly preferredPodAffinity?: readonly WeightedTerm[];
}

/** A node's pods with required anti-affinity: as the snapshot counted them, else counted here. */
export function antiAffinityPods(node: { readonly antiAffinityPods?: number; readonly podsOn?: readonly PodOnNode[] }): number {
  return node.antiAffinityPods ?? node.podsOn?.filter((p) => p.antiAffinity !== undefined).length ?? 0;
}

/** scheduling.go's HardPodAffinityWeight default (InterPodAffinityArgs). */
const HARD_POD_AFFINITY_WEIGHT = 1;

export const AFFINITY_REFUSAL = { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true } as const;
/** Evicting the matching pods could make room, so preemption may help (Unschedulable, not Unresolvable). */
export const ANTI_AFFINITY_REFUSAL = { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false } as const;
export const EXISTING_ANTI_AFFINITY_REFUSAL = { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false } as const;

const sameNamespace = (a: string | undefined, b: string | undefined) => (a ?? 'default') === (b ?? 'default');

/** Whether `other` (in its namespace) matches every term of a pod in `namespace`. */
function matchesAll(terms: readonly (readonly Requirement[])[], namespace: string | undefined, other: PodOnNode | IncomingPod): boolean {
  return sameNamespace(namespace, other.namespace) && terms.every((t) => matches(t, other.labels ?? {}));
}

/** Whether `other` matches one term of a pod in `namespace`. */
function matchesTerm(term: readonly Requirement[], namespace: string | undefined, other: PodOnNode | IncomingPod): boolean {
  return sameNamespace(namespace, other.namespace) && matches(term, other.labels ?? {});
}

function matchesAny(terms: readonly (readonly Requirement[])[], namespace: string | undefined, other: PodOnNode | IncomingPod): boolean {
  return sameNamespace(namespace, other.namespace) && terms.some((t) => matches(t, other.labels ?? {}));
}

/** Whether any pod anywhere matches every one of the pod's affinity terms (else it may be the first of its group). */
export function affinityMatchedAnywhere(pod: IncomingPod, podsOnNodes: readonly (readonly PodOnNode[] | undefined)[]): boolean {
  const terms = pod.podAffinity;
  if (!terms) return false;
  return podsOnNodes.some((on) => on?.some((p) => matchesAll(terms, pod.namespace, p)) ?? false);
}

/** The filter: why the node's pods keep the pod off it, in filtering.go's order; undefined if they do not. */
export function interPodRefusal(
  pod: IncomingPod,
  on: readonly PodOnNode[],
  matchedAnywhere: boolean,
): typeof AFFINITY_REFUSAL | typeof ANTI_AFFINITY_REFUSAL | typeof EXISTING_ANTI_AFFINITY_REFUSAL | undefined {
  const terms = pod.podAffinity;
  if (terms && !on.some((p) => matchesAll(terms, pod.namespace, p))) {
    // satisfiesSelfAffinityCheck: no pod anywhere matches, and the pod matches its own terms.
    if (matchedAnywhere || !matchesAll(terms, pod.namespace, pod)) return AFFINITY_REFUSAL;
  }
  const anti = pod.antiAffinity;
  if (anti && on.some((p) => matchesAny(anti, pod.namespace, p))) return ANTI_AFFINITY_REFUSAL;
  if (on.some((p) => p.antiAffinity !== undefined && matchesAny(p.antiAffinity, p.namespace, pod))) return EXISTING_ANTI_AFFINITY_REFUSAL;
  return undefined;
}

/**
 * scoring.go's sum for one node, before normalising: the pod's preferred terms against every pod
 * on the node (read only when it has some), and the terms of the pods that have any (`withTerms`,
 * a node's few: PreScore reads only the nodes' pods with affinity) against the pod.
 */
export function interPodScore(pod: IncomingPod, on: readonly PodOnNode[], withTerms: readonly PodOnNode[] = on): number {
  let score = 0;
  const preferred = pod.preferredPodAffinity;
  if (preferred) for (const p of on) for (const t of preferred) if (matchesTerm(t.requirements, pod.namespace, p)) score += t.weight;
  for (const p of withTerms) {
    if (p.affinity) for (const t of p.affinity) if (matchesTerm(t, p.namespace, pod)) score += HARD_POD_AFFINITY_WEIGHT;
    if (p.preferred) for (const t of p.preferred) if (matchesTerm(t.requirements, p.namespace, pod)) score += t.weight;
  }
  return score;
}

/** scoring.go NormalizeScore: a node's sum placed between the least and the most, 0-100 (0 for all when they are equal). */
export function normalizedInterPod(score: number, least: number, greatest: number): number {
  const diff = greatest - least;
  return diff > 0 ? Math.trunc(100 * ((score - least) / diff)) : 0;
}
