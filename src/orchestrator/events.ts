// Events as the API server keeps them (core/v1 Event): one per object, reason
// and message, counted when the same thing happens again (client-go's
// EventCorrelator aggregates repeats into count and lastTimestamp), and gone an
// hour after they last happened (kube-apiserver --event-ttl, default 1h).
import type { Cluster } from './cluster.js';
import type { EventObject, KubeObject } from './objects.js';
import type { Context } from './runtime.js';
import { newUid } from './runtime.js';

export const EVENT_TTL_MS = 60 * 60 * 1000;

export interface Involved {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uid: string;
}

export function involvedOf(o: KubeObject): Involved {
  return { kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid };
}

export function recordEvent(
  cluster: Cluster,
  ctx: Context,
  involved: Involved,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  host?: string,
): void {
  const events = cluster.data.events;
  const key = `${involved.uid}\u0000${reason}\u0000${message}`;
  const same = indexOf(cluster).get(key);
  if (same) {
    same.count++;
    same.lastTimestamp = ctx.now;
  } else {
    events.push({
      kind: 'Event',
      // record/event.go: the object's name and the time in nanoseconds, in hex.
      metadata: {
        name: `${involved.name}.${(BigInt(ctx.now) * 1_000_000n + BigInt(events.length)).toString(16)}`,
        namespace: involved.namespace ?? 'default',
        uid: newUid(ctx.rng),
        labels: {},
        annotations: {},
        creationTimestamp: ctx.now,
      },
      involvedObject: { ...involved },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: ctx.now,
      lastTimestamp: ctx.now,
      source: host ? { component, host } : { component },
    });
    indexOf(cluster).set(key, events[events.length - 1]);
  }
  cluster.changes++;
}

/** Drops the events that last happened more than an hour ago. */
/** Each cluster's events by object, reason and message, rebuilt when the list is replaced (pruned, loaded). */
const INDEX = new WeakMap<Cluster, { list: EventObject[]; byKey: Map<string, EventObject> }>();

function indexOf(cluster: Cluster): Map<string, EventObject> {
  const list = cluster.data.events;
  let index = INDEX.get(cluster);
  if (!index || index.list !== list) {
    index = { list, byKey: new Map(list.map((e) => [`${e.involvedObject.uid}\u0000${e.reason}\u0000${e.message}`, e])) };
    INDEX.set(cluster, index);
  }
  return index.byKey;
}

export function pruneEvents(cluster: Cluster, now: number): void {
  if (cluster.data.events.some((e) => now - e.lastTimestamp > EVENT_TTL_MS))
    cluster.data.events = cluster.data.events.filter((e) => now - e.lastTimestamp <= EVENT_TTL_MS);
}

export function eventsOf(cluster: Cluster, uid: string): EventObject[] {
  return cluster.data.events.filter((e) => e.involvedObject.uid === uid);
}
