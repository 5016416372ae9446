// Events as the API server keeps them (core/v1 Event): one per object, reason
// and message, counted when the same thing happens again (client-go's
// EventCorrelator aggregates repeats into count and lastTimestamp), and gone an
// hour after they last happened (kube-apiserver --event-ttl, default 1h).
import type { Cluster } from './cluster.js';
import type { EventObject, KubeObject } from './objects.js';
import type { Context } from './runtime.js';
import { HEX_CODES, newUid } from './runtime.js';

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

/**
 * Records that something happened to `involved`, or counts it again. The event keeps
 * `involved` as it is given (callers make it fresh: podRef, involvedOf): a scheduler
 * pass records one event a pod, and each object an event holds is one more to keep.
 */
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
  const index = indexOf(cluster);
  const ofObject = index.get(involved.uid);
  const same =
    ofObject === undefined
      ? undefined
      : Array.isArray(ofObject)
        ? ofObject.find((e) => alike(e, reason, message))
        : alike(ofObject, reason, message)
          ? ofObject
          : undefined;
  if (same) {
    same.count++;
    same.lastTimestamp = ctx.now;
  } else {
    const added = newEvent(cluster, ctx, involved, type, reason, message, component, host);
    if (ofObject === undefined) index.set(involved.uid, added);
    else if (Array.isArray(ofObject)) ofObject.push(added);
    else index.set(involved.uid, [ofObject, added]);
  }
  cluster.changes++;
}

/**
 * Records an event that cannot have happened before: a pod is bound once, so its Scheduled event
 * is new, and is left out of the index the repeats are found by (150,000 of them in a scheduler
 * pass; the pod's later events, of other reasons, are never alike it).
 */
export function recordFirstEvent(
  cluster: Cluster,
  ctx: Context,
  involved: Involved,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  newEvent(cluster, ctx, involved, type, reason, message, component, undefined);
  cluster.changes++;
}

function newEvent(
  cluster: Cluster,
  ctx: Context,
  involved: Involved,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
  host: string | undefined,
): EventObject {
  const events = cluster.data.events;
  const event: EventObject = {
    kind: 'Event',
    // record/event.go: the object's name and the time in nanoseconds, in hex.
    metadata: {
      name: `${involved.name}.${eventSuffix(ctx.now, events.length)}`,
      namespace: involved.namespace ?? 'default',
      uid: newUid(ctx.rng),
      labels: NONE,
      annotations: NONE,
      creationTimestamp: ctx.now,
    },
    involvedObject: involved,
    reason,
    message,
    type,
    count: 1,
    firstTimestamp: ctx.now,
    lastTimestamp: ctx.now,
    source: sourceOf(component, host),
  };
  events.push(event);
  return event;
}

/** An event's labels and annotations: it has none, and nothing gives it any (frozen, so a write would be loud). */
const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The components that record events, each one object shared by their events (they are never changed). */
const SOURCES = new Map<string, { component: string; host?: string }>();

function sourceOf(component: string, host: string | undefined): { component: string; host?: string } {
  const key = host === undefined ? component : `${component}\u0000${host}`;
  let source = SOURCES.get(key);
  if (!source) SOURCES.set(key, (source = Object.freeze(host === undefined ? { component } : { component, host })));
  return source;
}

/**
 * Each cluster's events by the object they are about (one, or a few in a list; an event is found
 * among them by reason and message), rebuilt when the list is replaced (pruned, loaded).
 */
const INDEX = new WeakMap<Cluster, { list: EventObject[]; byObject: Map<string, EventObject | EventObject[]> }>();

function alike(e: EventObject, reason: string, message: string): boolean {
  return e.reason === reason && e.message === message;
}

function indexOf(cluster: Cluster): Map<string, EventObject | EventObject[]> {
  const list = cluster.data.events;
  let index = INDEX.get(cluster);
  if (!index || index.list !== list) {
    const byObject = new Map<string, EventObject | EventObject[]>();
    for (const e of list) {
      const of = byObject.get(e.involvedObject.uid);
      if (of === undefined) byObject.set(e.involvedObject.uid, e);
      else if (Array.isArray(of)) of.push(e);
      else byObject.set(e.involvedObject.uid, [of, e]);
    }
    index = { list, byObject };
    INDEX.set(cluster, index);
  }
  return index.byObject;
}

/** The moment's nanoseconds as hex, split where a small count added cannot carry: made once a moment, not once an event. */
let suffixAt = Number.NaN;
/** The moment's high digits as character codes, followed by room for the six low ones. */
let suffixCodes = new Uint16Array(0);
let suffixLow = 0;
const LOW_BITS = 2 ** 24;

/**
 * record/event.go's name suffix: the time in nanoseconds plus a counter, in hex (BigInt only
 * when the counter carries), made as one string from character codes (see newUid).
 */
export function eventSuffix(now: number, counter: number): string {
  if (now !== suffixAt) {
    const ns = BigInt(now) * 1_000_000n;
    const high = (ns / BigInt(LOW_BITS)).toString(16);
    suffixAt = now;
    suffixCodes = new Uint16Array(high.length + 6);
    for (let i = 0; i < high.length; i++) suffixCodes[i] = high.charCodeAt(i);
    suffixLow = Number(ns % BigInt(LOW_BITS));
  }
  const low = suffixLow + counter;
  const codes = suffixCodes;
  if (low >= LOW_BITS || (codes.length === 7 && codes[0] === 48)) return (BigInt(now) * 1_000_000n + BigInt(counter)).toString(16);
  for (let k = 0; k < 6; k++) codes[codes.length - 1 - k] = HEX_CODES[(low >>> (4 * k)) & 15];
  return String.fromCharCode.apply(null, codes as unknown as number[]);
}

/** Drops the events that last happened more than an hour ago. */
export function pruneEvents(cluster: Cluster, now: number): void {
  if (cluster.data.events.some((e) => now - e.lastTimestamp > EVENT_TTL_MS))
    cluster.data.events = cluster.data.events.filter((e) => now - e.lastTimestamp <= EVENT_TTL_MS);
}

export function eventsOf(cluster: Cluster, uid: string): EventObject[] {
  return cluster.data.events.filter((e) => e.involvedObject.uid === uid);
}
