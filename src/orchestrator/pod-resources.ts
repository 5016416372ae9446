// A pod's requests and limits in numbers: the sum over its containers, each
// quantity read as the API server reads it (quantity.ts), a container's missing
// request taken from its limit as API defaulting does (core/v1 defaults.go
// SetDefaults_Pod), and the scheduler's non-zero defaults for scores.

import type { Container, Pod } from './objects.js';
import { milliValue, parseQuantity, value } from './quantity.js';
import { NON_ZERO_DEFAULTS, type Resources } from './scheduler.js';

/** Quantities read before, by their text: a cluster's pods repeat a few requests many times over. */
const READ = new Map<string, { milli: number; whole: number } | null>();

function amount(text: string | undefined, milli: boolean): number | undefined {
  if (text === undefined) return undefined;
  let known = READ.get(text);
  if (known === undefined) {
    const q = parseQuantity(text);
    known = q.ok ? { milli: milliValue(q.value), whole: value(q.value) } : null;
    if (READ.size > 10_000) READ.clear();
    READ.set(text, known);
  }
  if (known === null) return undefined;
  return milli ? known.milli : known.whole;
}

export function containerRequests(c: Container): { milliCpu?: number; memory?: number } {
  const r = c.resources.requests ?? {};
  const l = c.resources.limits ?? {};
  return { milliCpu: amount(r.cpu ?? l.cpu, true), memory: amount(r.memory ?? l.memory, false) };
}

export function containerLimits(c: Container): { milliCpu?: number; memory?: number } {
  const l = c.resources.limits ?? {};
  return { milliCpu: amount(l.cpu, true), memory: amount(l.memory, false) };
}

/** What the scheduler counts for the pod, and the same with missing requests at its non-zero defaults. */
export function podRequests(pod: Pod): { requests: Resources; nonZero: Resources } {
  let milliCpu = 0;
  let memory = 0;
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of pod.spec.containers) {
    const r = containerRequests(c);
    milliCpu += r.milliCpu ?? 0;
    memory += r.memory ?? 0;
    nzCpu += r.milliCpu ?? NON_ZERO_DEFAULTS.milliCpu;
    nzMem += r.memory ?? NON_ZERO_DEFAULTS.memory;
  }
  return { requests: { milliCpu, memory }, nonZero: { milliCpu: nzCpu, memory: nzMem } };
}

/** The pod's QoS class (pkg/apis/core/v1/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = pod.spec.containers;
  const any = cs.some((c) => Object.keys(c.resources.requests ?? {}).length > 0 || Object.keys(c.resources.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => {
    const l = c.resources.limits ?? {};
    const r = { ...l, ...(c.resources.requests ?? {}) };
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && r[k] === l[k]);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
