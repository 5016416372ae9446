// What each event the core schedules carries, so a saved queue can be checked
// before it runs: an event that names no workload, a host that is not there or
// a count that is not a whole number would fail only when its time came.
//   workload: a workload's id in the file (its index once loaded)
//   host:     a host's id in the file (its index once loaded)
//   id:       a name the handler looks up itself (a VM, a replica)
//   count:    a whole number of at least 0 (tokens, attempts, generations)
export type EventField = 'workload' | 'host' | 'id' | 'count';

export const CORE_EVENT_FIELDS: Readonly<Record<string, Readonly<Record<string, EventField>>>> = {
  tick: {},
  step: { workload: 'workload', token: 'count' },
  restart: { workload: 'workload', token: 'count' },
  migration: { workload: 'workload', token: 'count' },
  ha: { host: 'host', attempt: 'count' },
  backup: { vm: 'id', token: 'count' },
  'replica-sync': { replica: 'id', gen: 'count' },
};
