// Random sequences of what people do to a cluster (apply, scale, delete a pod,
// fail and repair the hosts under its nodes, let time pass) hold the
// controllers' promises: a pod is bound once and to one node, never to a node
// that is not Ready, and once the hosts are back every ReplicaSet reaches its
// count (its pods request nothing, so capacity always allows).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeReady } from '../../src/orchestrator/nodes.js';
import { lab, WEB_APP } from '../providers/kubernetes/helpers.js';

type Step =
  | { op: 'apply' }
  | { op: 'scale'; replicas: number }
  | { op: 'delete-pod'; index: number }
  | { op: 'fail'; host: 'docker-01' | 'docker-vm-01' }
  | { op: 'repair'; host: 'docker-01' | 'docker-vm-01' }
  | { op: 'wait'; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ op: 'apply' as const }),
  fc.integer({ min: 0, max: 8 }).map((replicas) => ({ op: 'scale' as const, replicas })),
  fc.nat(20).map((index) => ({ op: 'delete-pod' as const, index })),
  fc.constantFrom('docker-01' as const, 'docker-vm-01' as const).map((host) => ({ op: 'fail' as const, host })),
  fc.constantFrom('docker-01' as const, 'docker-vm-01' as const).map((host) => ({ op: 'repair' as const, host })),
  fc.integer({ min: 1, max: 400 }).map((seconds) => ({ op: 'wait' as const, seconds })),
);

function play(steps: Step[]): void {
  const { estate, run } = lab();
  const sim = estate.sim;
  const cluster = () => estate.providers.kubernetes.current()!;
  const boundTo = new Map<string, string>();
  const check = () => {
    for (const p of cluster().list('Pod')) {
      const node = p.spec.nodeName;
      if (node === undefined) continue;
      const before = boundTo.get(p.metadata.uid);
      if (before === undefined) {
        // Newly bound: its node was Ready when the scheduler chose it (nodes are judged before pods are placed).
        expect(nodeReady(cluster().node(node)!), `${p.metadata.name} bound to ${node}, which is not Ready`).toBe(true);
        boundTo.set(p.metadata.uid, node);
      } else expect(node, `${p.metadata.name} moved from ${before}`).toBe(before);
    }
  };
  const wait = (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      sim.advance(1000);
      check();
    }
  };
  const setHost = (host: string, up: boolean) => {
    if (host === 'docker-vm-01') run(up ? 'virsh start dockervm-01' : 'virsh destroy dockervm-01');
    else if (up !== (sim.host(host)!.state !== 'failed')) sim.setHostState(host, up ? 'connected' : 'failed', up ? 'repaired' : 'failed');
  };
  run(`kubectl apply -f ${WEB_APP}`);
  check();
  for (const s of steps) {
    if (s.op === 'apply') run(`kubectl apply -f ${WEB_APP}`);
    else if (s.op === 'scale') run(`kubectl scale deployment web-app --replicas=${s.replicas}`);
    else if (s.op === 'delete-pod') {
      const pods = cluster().list('Pod');
      if (pods.length) run(`kubectl delete pod ${pods[s.index % pods.length].metadata.name} --wait=false`);
    } else if (s.op === 'fail') setHost(s.host, false);
    else if (s.op === 'repair') setHost(s.host, true);
    else wait(s.seconds);
    check();
  }
  setHost('docker-01', true);
  setHost('docker-vm-01', true);
  wait(600);
  for (const rs of cluster().list('ReplicaSet')) {
    expect(rs.status.replicas, `${rs.metadata.name} has ${rs.status.replicas} of ${rs.spec.replicas}`).toBe(rs.spec.replicas);
    expect(rs.status.readyReplicas).toBe(rs.spec.replicas);
  }
  const d = cluster().get('Deployment', 'default', 'web-app')!;
  expect(d.status.readyReplicas).toBe(d.spec.replicas);
}

describe('the controllers over random sequences', () => {
  it('bind each pod once, to a Ready node, and bring every ReplicaSet to its count once the hosts are back', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => play(steps)),
      { numRuns: 25 },
    );
  });
});
