// kube-scheduler's choices and its words. Sources: noderesources/fit_test.go
// (the reasons and when requests fit), least_allocated_test.go and
// balanced_allocation_test.go (the scores' formulas), tainttoleration and
// nodeunschedulable's tests (their reasons), types.go FitError.Error and
// default_preemption_test.go ("preemption: 0/1 nodes are available: 1 No
// preemption victims found for incoming pod."), schedule_one.go
// (numFeasibleNodesToFind, nextStartNodeIndex, selectHost).
import { describe, expect, it } from 'vitest';
import { feasibleNodesToFind, filterNode, type NodeInfo, type PodToPlace, schedule, scoreNode } from '../../src/orchestrator/scheduler.js';

const Mi = 1024 * 1024;
const node = (name: string, over: Partial<NodeInfo> = {}): NodeInfo => ({
  name,
  allocatable: { milliCpu: 4000, memory: 8192 * Mi },
  maxPods: 110,
  requested: { milliCpu: 0, memory: 0 },
  nonZeroRequested: { milliCpu: 0, memory: 0 },
  pods: 0,
  unschedulable: false,
  labels: {},
  taints: [],
  ...over,
});
const pod = (milliCpu: number, memoryMi: number, over: Partial<PodToPlace> = {}): PodToPlace => ({
  requests: { milliCpu, memory: memoryMi * Mi },
  nonZeroRequests: { milliCpu: milliCpu || 100, memory: (memoryMi || 200) * Mi },
  nodeSelector: {},
  tolerations: [],
  ...over,
});
/** The draw among the nodes of the best score: the first found, or the second. */
const first = () => 0;
const second = () => 1;

describe('kube-scheduler (default profile)', () => {
  it('fits on what is left of allocatable, and says which resource is short (fit_test.go)', () => {
    const busy = node('n1', { requested: { milliCpu: 3500, memory: 8000 * Mi } });
    expect(filterNode(pod(500, 200), busy)).toEqual({ reasons: ['Insufficient memory'], unresolvable: false });
    expect(filterNode(pod(600, 300), busy)).toEqual({ reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false });
    expect(filterNode(pod(500, 192), busy)).toBeUndefined();
    // More than the node has at all: preemption could not help.
    expect(filterNode(pod(5000, 0), node('n2'))).toEqual({ reasons: ['Insufficient cpu'], unresolvable: true });
    // A pod that requests nothing fits anywhere it has room to be a pod.
    expect(filterNode(pod(0, 0), busy)).toBeUndefined();
    expect(filterNode(pod(0, 0), node('full', { pods: 110 }))).toEqual({ reasons: ['Too many pods'], unresolvable: false });
  });

  it('refuses cordoned nodes, untolerated taints and unmatched selectors before resources, with their words', () => {
    expect(filterNode(pod(100, 100), node('c', { unschedulable: true }))?.reasons).toEqual(['node(s) were unschedulable']);
    expect(
      filterNode(
        pod(100, 100, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }),
        node('c', { unschedulable: true }),
      ),
    ).toBeUndefined();
    const notReady = node('nr', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    expect(filterNode(pod(100, 100), notReady)?.reasons).toEqual(['node(s) had untolerated taint {node.kubernetes.io/not-ready: }']);
    // The default tolerations of not-ready are for NoExecute only: they do not let a pod onto a NoSchedule taint.
    expect(
      filterNode(pod(100, 100, { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] }), notReady),
    ).toBeDefined();
    expect(filterNode(pod(100, 100, { tolerations: [{ operator: 'Exists' }] }), notReady)).toBeUndefined();
    expect(filterNode(pod(100, 100), node('p', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }))).toBeUndefined();
    expect(filterNode(pod(100, 100, { nodeSelector: { disktype: 'ssd' } }), node('hdd', { labels: { disktype: 'hdd' } }))?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
  });

  it('scores by the share left free and by balance (least_allocated and balanced_allocation formulas)', () => {
    // 4000m / 8 GiB node, nothing on it; a pod of 1000m and 2 GiB: free 75% and 75%, shares equal.
    expect(scoreNode(pod(1000, 2048), node('a'))).toBe(75 + 100);
    // Already 2000m and 1 GiB requested: cpu free 25%, memory 62% -> 43; shares 0.75 / 0.375 -> 100 x (1 - 0.1875) = 81.
    const half = node('b', { requested: { milliCpu: 2000, memory: 1024 * Mi }, nonZeroRequested: { milliCpu: 2000, memory: 1024 * Mi } });
    expect(scoreNode(pod(1000, 2048), half)).toBe(Math.trunc((25 + 62) / 2) + 81);
  });

  it('puts a pod on the emptiest node and spreads replicas; ties fall to the seeded draw', () => {
    const nodes = [node('n1', { requested: { milliCpu: 1000, memory: 0 }, nonZeroRequested: { milliCpu: 1000, memory: 0 } }), node('n2'), node('n3')];
    expect(schedule(pod(500, 512), nodes, 0, first).decision).toMatchObject({ ok: true, node: 'n2' });
    // n2 and n3 tie (n1, busier, is not among them): the draw picks one of the two.
    expect(schedule(pod(500, 512), nodes, 0, second).decision).toMatchObject({ ok: true, node: 'n3' });
    const asked: number[] = [];
    schedule(pod(500, 512), nodes, 0, (n) => {
      asked.push(n);
      return 0;
    });
    expect(asked).toEqual([2]);
  });

  it('prefers nodes without PreferNoSchedule taints the pod does not tolerate (TaintToleration score, weight 3; review finding)', () => {
    const tainted = node('tainted', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
    // Whatever the draw: the taint decides, not a tie.
    expect(schedule(pod(100, 100), [tainted, node('clean')], 0, first).decision).toMatchObject({ ok: true, node: 'clean' });
    const tolerating = pod(100, 100, { tolerations: [{ key: 'x', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    // Tolerated, the taint counts for nothing: the two tie and the draw decides.
    expect(schedule(tolerating, [tainted, node('clean')], 0, first).decision).toMatchObject({ ok: true, node: 'tainted' });
    expect(schedule(tolerating, [tainted, node('clean')], 0, second).decision).toMatchObject({ ok: true, node: 'clean' });
  });

  it('scores LeastAllocated over the resources a node has (a resource it has none of is left out)', () => {
    const noMemory = node('m0', { allocatable: { milliCpu: 4000, memory: 0 } });
    // CPU alone: 100m of 4000m free -> 97; balanced over CPU alone (one fraction): 100.
    expect(scoreNode(pod(100, 0), noMemory)).toBe(97 + 100);
  });

  it('says why a pod fits nowhere as FailedScheduling does, preemption included', () => {
    const nodes = [
      node('n1', { unschedulable: true }),
      node('n2', { requested: { milliCpu: 0, memory: 8000 * Mi } }),
      node('n3', { requested: { milliCpu: 0, memory: 8000 * Mi } }),
    ];
    const r = schedule(pod(100, 512), nodes, 0, first);
    expect(r.decision).toMatchObject({
      ok: false,
      message:
        '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
    const one = schedule(pod(100, 512), [nodes[1]], 0, first);
    expect(one.decision).toMatchObject({
      message: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
    expect(schedule(pod(100, 512), [], 7, first)).toMatchObject({ next: 7, decision: { ok: false, message: 'no nodes available to schedule pods' } });
    if (!r.decision.ok) expect([...r.decision.refusals.keys()]).toEqual(['n1', 'n2', 'n3']);
  });

  it('searches only part of a large cluster, starting where the last search stopped (numFeasibleNodesToFind)', () => {
    expect(feasibleNodesToFind(50)).toBe(50);
    expect(feasibleNodesToFind(100)).toBe(100);
    expect(feasibleNodesToFind(500)).toBe(230); // 500 x (50 - 4)%
    expect(feasibleNodesToFind(5000)).toBe(500); // 10%
    expect(feasibleNodesToFind(6000)).toBe(300); // 50 - 48 = 2%, held at 5%
    const many = Array.from({ length: 200 }, (_, i) => node(`n${i}`));
    // 200 nodes: 49% is 98, at least 100 are searched; the next search starts after them, round the end.
    expect(schedule(pod(100, 100), many, 0, first).next).toBe(100);
    expect(schedule(pod(100, 100), many, 150, first)).toMatchObject({ next: 50, decision: { ok: true, node: 'n150' } });
  });
});

// interpodaffinity scoring.go (preferred terms, both ways; hardPodAffinityWeight 1; NormalizeScore between the least and
// the most) and nodeaffinity's score (preferred terms' weights, helper.DefaultNormalizeScore), weight 2 each
// (default_plugins.go); filtering.go's three checks and their reasons.
describe('affinity in the scores and the filters', () => {
  // n1 is emptier, so the resource scores alone choose it: 200 against n2's 174.
  const nodesWith = (onN1: NodeInfo['podsOn'], n2: Partial<NodeInfo> = {}) => [
    node('n1', { podsOn: onN1 }),
    node('n2', { requested: { milliCpu: 1000, memory: 0 }, nonZeroRequested: { milliCpu: 1000, memory: 0 }, ...n2 }),
  ];
  const web = (over: Partial<PodToPlace> = {}) => pod(100, 100, { namespace: 'default', labels: { app: 'web' }, ...over });
  const req = (app: string) => [{ key: 'app', op: 'In' as const, values: [app] }];

  it('resources alone choose the emptier node', () => {
    expect(schedule(web(), nodesWith([{ namespace: 'default', labels: { app: 'cache' } }]), 0, first).decision).toMatchObject({ node: 'n1' });
  });

  it("a preferred anti-affinity term, the pod's or a bound pod's, turns it away from the node; a preferred node term draws it", () => {
    const bound = [{ namespace: 'default', labels: { app: 'cache' } }];
    expect(schedule(web({ preferredPodAffinity: [{ weight: -50, requirements: req('cache') }] }), nodesWith(bound), 0, first).decision).toMatchObject({
      node: 'n2',
    });
    // In another namespace the term does not see it.
    expect(
      schedule(
        web({ preferredPodAffinity: [{ weight: -50, requirements: req('cache') }] }),
        nodesWith([{ namespace: 'other', labels: { app: 'cache' } }]),
        0,
        first,
      ).decision,
    ).toMatchObject({ node: 'n1' });
    const shy = [{ namespace: 'default', labels: { app: 'cache' }, preferred: [{ weight: -1, requirements: req('web') }] }];
    expect(schedule(web(), nodesWith(shy), 0, first).decision).toMatchObject({ node: 'n2' });
    const ssd = { labels: { disktype: 'ssd' } };
    expect(
      schedule(web({ preferredNodeAffinity: [{ weight: 1, requirements: [{ key: 'disktype', op: 'In', values: ['ssd'] }] }] }), nodesWith(bound, ssd), 0, first)
        .decision,
    ).toMatchObject({ node: 'n2' });
  });

  it("a bound pod's required affinity toward the pod draws it (hardPodAffinityWeight)", () => {
    const friendly = [{ namespace: 'default', labels: { app: 'cache' }, affinity: [req('web')] }];
    const n = [node('n1'), node('n2', { podsOn: friendly, requested: { milliCpu: 1000, memory: 0 }, nonZeroRequested: { milliCpu: 1000, memory: 0 } })];
    expect(schedule(web(), n, 0, first).decision).toMatchObject({ node: 'n2' });
  });

  it('filters in filtering.go order: the pod affinity, its anti-affinity, then the bound pods anti-affinity', () => {
    const both = web({ podAffinity: [req('db')], antiAffinity: [req('cache')] });
    const on = [{ namespace: 'default', labels: { app: 'cache' }, antiAffinity: [req('web')] }];
    // A db pod elsewhere: this node has none, so the affinity refuses first.
    expect(filterNode(both, node('n1', { podsOn: on }), true)?.reasons).toEqual(["node(s) didn't match pod affinity rules"]);
    expect(filterNode(web({ antiAffinity: [req('cache')] }), node('n1', { podsOn: on }))?.reasons).toEqual(["node(s) didn't match pod anti-affinity rules"]);
    expect(filterNode(web(), node('n1', { podsOn: on }))?.reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"]);
    // No db pod anywhere, and the pod is not one itself: nowhere to go; a pod naming its own kind may start the group.
    expect(filterNode(web({ podAffinity: [req('db')] }), node('n1'), false)?.reasons).toEqual(["node(s) didn't match pod affinity rules"]);
    expect(filterNode(web({ podAffinity: [req('web')] }), node('n1'), false)).toBeUndefined();
  });

  it('a node selector term with no requirements matches no node; a preferred one with none is dropped', () => {
    expect(filterNode(web({ nodeAffinity: [[]] }), node('n1'))?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    // Counted, an empty term of 90 beside n2's term of 10 would give n1 90 of 100 and, with its emptier resources, the pod.
    const ssd = { labels: { disktype: 'ssd' } };
    const pref = web({
      preferredNodeAffinity: [
        { weight: 90, requirements: [] },
        { weight: 10, requirements: [{ key: 'disktype', op: 'In', values: ['ssd'] }] },
      ],
    });
    expect(schedule(pref, nodesWith([], ssd), 0, first).decision).toMatchObject({ node: 'n2' });
  });
});
