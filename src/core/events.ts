// What is scheduled on the clock: plain data, so a saved estate keeps its queue.
// The core's events are declared once, here: each type and what each of its
// fields holds. Their TypeScript types, the handlers' table (which the compiler
// checks is complete) and the checks a saved queue gets on load all come from
// this declaration, so renaming a field fails to compile rather than a file to load.
//   workload: a workload's index (its id in the file)
//   host:     a host's index (its id in the file)
//   id:       a name the handler looks up itself (a VM, a replica)
//   count:    a whole number of at least 0 (tokens, attempts, generations)
export type EventField = 'workload' | 'host' | 'id' | 'count';

export const CORE_EVENTS = {
  tick: {},
  step: { workload: 'workload', token: 'count' },
  restart: { workload: 'workload', token: 'count' },
  migration: { workload: 'workload', token: 'count' },
  relocate: { workload: 'workload', token: 'count' },
  ha: { host: 'host', attempt: 'count' },
  backup: { vm: 'id', token: 'count' },
  'replica-sync': { replica: 'id', gen: 'count' },
} as const satisfies Record<string, Record<string, EventField>>;

export type CoreEventType = keyof typeof CORE_EVENTS;

type FieldValue<F> = F extends 'id' ? string : number;
type Fields<T extends CoreEventType> = { readonly [K in keyof (typeof CORE_EVENTS)[T]]: FieldValue<(typeof CORE_EVENTS)[T][K]> };

/** One of the core's events: { type: 'step', workload, token } and so on. */
export type CoreEvent = { [T in CoreEventType]: { readonly type: T } & Fields<T> }[CoreEventType];
export type CoreEventOf<T extends CoreEventType> = Extract<CoreEvent, { readonly type: T }>;

/**
 * An event a driver schedules and handles itself (a DRS pass, virt-install's
 * installer): its type has a dot in it ("drs.pass", "virt-install.done"), so it
 * can never be taken for one of the core's, and its fields are plain values.
 */
export interface DriverEvent {
  readonly type: `${string}.${string}`;
  readonly [field: string]: string | number | boolean;
}

export type SimEvent = CoreEvent | DriverEvent;

export function isCoreEventType(type: string): type is CoreEventType {
  return Object.hasOwn(CORE_EVENTS, type);
}

/** What the fields of an event of this type hold, if the core declares it. */
export function coreEventFields(type: string): Readonly<Record<string, EventField>> {
  return isCoreEventType(type) ? CORE_EVENTS[type] : {};
}
