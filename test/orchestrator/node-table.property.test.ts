// The scheduler reads a plain pod's fit and score from its node table's columns;
// the table must answer as the nodes' objects do. Here a run of pods is bound one
// after another, the table kept current by update() as scheduling.ts keeps it, and
// each choice compared with the same cycle made by filterNode and scoreNode over
// the objects (a table that sends every node down the slow path).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/core/prng.js';
import { NodeTable } from '../../src/orchestrator/node-table.js';
import { type NodeInfo, type PodToPlace, schedule, type Taint } from '../../src/orchestrator/scheduler.js';

const Mi = 1024 * 1024;

interface MutableNode extends NodeInfo {
  requested: { milliCpu: number; memory: number };
  nonZeroRequested: { milliCpu: number; memory: number };
  pods: number;
}

const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 8000 }),
  memMi: fc.integer({ min: 0, max: 16_384 }),
  maxPods: fc.integer({ min: 1, max: 12 }),
  unschedulable: fc.boolean(),
  taint: fc.constantFrom<Taint | undefined>(
    undefined,
    undefined,
    { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    { key: 'spot', effect: 'PreferNoSchedule' },
  ),
});
// Pods of a few shapes, so that runs of alike pods meet the scores the table keeps between cycles.
const shapes = fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 2000 }), memMi: fc.integer({ min: 0, max: 4096 }) }), { minLength: 1, maxLength: 3 });

function pod(cpu: number, memMi: number): PodToPlace {
  return {
    requests: { milliCpu: cpu, memory: memMi * Mi },
    nonZeroRequests: { milliCpu: cpu || 100, memory: memMi ? memMi * Mi : 200 * 1_000_000 },
    nodeSelector: {},
    tolerations: [],
  };
}

describe('the scheduler node table', () => {
  it('chooses as the nodes themselves would, pod after pod (the table kept current by update)', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 12 }),
        shapes,
        fc.array(fc.nat(2), { minLength: 1, maxLength: 40 }),
        fc.nat(20),
        (specs, kinds, picks, start) => {
          const nodes: MutableNode[] = specs.map((s, i) => ({
            name: `n${i}`,
            allocatable: { milliCpu: s.cpu, memory: s.memMi * Mi },
            maxPods: s.maxPods,
            requested: { milliCpu: 0, memory: 0 },
            nonZeroRequested: { milliCpu: 0, memory: 0 },
            pods: 0,
            unschedulable: s.unschedulable,
            labels: {},
            taints: s.taint ? [s.taint] : [],
          }));
          const table = NodeTable.of(nodes);
          const fast = new Prng(1);
          const slow = new Prng(1);
          let next = start;
          for (const k of picks) {
            const p = kinds[k % kinds.length];
            const asked = pod(p.cpu, p.memMi);
            const objects = NodeTable.of(nodes);
            objects.plainNode.fill(0);
            const want = schedule(asked, nodes, next, (n) => slow.int(0, n - 1), objects);
            const got = schedule(asked, nodes, next, (n) => fast.int(0, n - 1), table);
            expect(got).toEqual(want);
            next = got.next;
            if (!got.decision.ok) continue;
            const i = nodes.findIndex((n) => n.name === (got.decision.ok && got.decision.node));
            nodes[i].requested.milliCpu += asked.requests.milliCpu;
            nodes[i].requested.memory += asked.requests.memory;
            nodes[i].nonZeroRequested.milliCpu += asked.nonZeroRequests.milliCpu;
            nodes[i].nonZeroRequested.memory += asked.nonZeroRequests.memory;
            nodes[i].pods++;
            table.update(i, nodes[i]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
