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
  const index = indexOf(cluster);
  const ofObject = index.get(involved.uid);
  const same = ofObject?.find((e) => e.reason === reason && e.message === message);
  if (same) {
    same.count++;
    same.lastTimestamp = ctx.now;
  } else {
    events.push({
      kind: 'Event',
      // record/event.go: the object's name and the time in nanoseconds, in hex.
      metadata: {
        name: `${involved.name}.${eventSuffix(ctx.now, events.length)}`,
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
    const added = events[events.length - 1];
    if (ofObject) ofObject.push(added);
    else index.set(involved.uid, [added]);
  }
  cluster.changes++;
}

/**
 * Each cluster's events by the object they are about (a few each; an event is found among them
 * by reason and message), rebuilt when the list is replaced (pruned, loaded).
 */
const INDEX = new WeakMap<Cluster, { list: EventObject[]; byObject: Map<string, EventObject[]> }>();

function indexOf(cluster: Cluster): Map<string, EventObject[]> {
  const list = cluster.data.events;
  let index = INDEX.get(cluster);
  if (!index || index.list !== list) {
    const byObject = new Map<string, EventObject[]>();
    for (const e of list) {
      const of = byObject.get(e.involvedObject.uid);
      if (of) of.push(e);
      else byObject.set(e.involvedObject.uid, [e]);
    }
    index = { list, byObject };
    INDEX.set(cluster, index);
  }
  return index.byObject;
}

/** The moment's nanoseconds as hex, split where a small count added cannot carry: made once a moment, not once an event. */
let suffixAt = Number.NaN;
let suffixHigh = '';
let suffixLow = 0;
const LOW_BITS = 2 ** 24;

/** record/event.go's name suffix: the time in nanoseconds plus a counter, in hex (BigInt only when the counter carries). */
export function eventSuffix(now: number, counter: number): string {
  if (now !== suffixAt) {
    const ns = BigInt(now) * 1_000_000n;
    suffixAt = now;
    suffixHigh = (ns / BigInt(LOW_BITS)).toString(16);
    suffixLow = Number(ns % BigInt(LOW_BITS));
  }
  const low = suffixLow + counter;
  if (low >= LOW_BITS || suffixHigh === '0') return (BigInt(now) * 1_000_000n + BigInt(counter)).toString(16);
  return suffixHigh + low.toString(16).padStart(6, '0');
}

/** Drops the events that last happened more than an hour ago. */
export function pruneEvents(cluster: Cluster, now: number): void {
  if (cluster.data.events.some((e) => now - e.lastTimestamp > EVENT_TTL_MS))
    cluster.data.events = cluster.data.events.filter((e) => now - e.lastTimestamp <= EVENT_TTL_MS);
}

export function eventsOf(cluster: Cluster, uid: string): EventObject[] {
  return cluster.data.events.filter((e) => e.involvedObject.uid === uid);
}
