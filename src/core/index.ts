// The core's public face: what drivers, the UI, tapes and estate files use.

export { type Balance, type BalanceMove, TOLERATED_IMBALANCE } from './balance.js';
export { CLONE_LINKED, CLONE_OF, CLONE_SNAPSHOT, type Cloned, type CloneOptions } from './commands/clone.js';
export type { LogEntry, Severity, SubjectType } from './event-log.js';
export type { FailoverCapacity } from './ha.js';
export type { HostRow } from './host-row.js';
export type { Host, HostInput } from './hosts.js';
export { ACTIONS, type Action } from './lifecycle.js';
export { HOST_SERIES, type HostSeries, WORKLOAD_SERIES, type WorkloadSeries } from './metrics.js';
export * from './model.js';
export { naturalCompare } from './natural-compare.js';
export { type Operation, operations } from './operations.js';
export type { PlacementOutcome, PlacementRequest } from './placement/placer.js';
export type { HostRejection, Reason, ReasonKind } from './placement/reasons.js';
export { Prng } from './prng.js';
export type { CoreError, ErrorCode, Result } from './result.js';
export { fail, ok } from './result.js';
export { type Created, Simulation, type SimulationOptions, type WorkloadInput } from './simulation.js';
export type { SimulationApi } from './simulation-api.js';
export type { Core, SimEvent } from './state.js';
export type { Cluster, ClusterInput, Site, SiteInput } from './topology.js';
export type { ScheduledStep } from './transitions.js';
export * from './units.js';
export type { HostView, WorkloadView } from './views.js';
export type { SnapshotsView, WorkloadRow } from './workload-row.js';
export type { Attrs, DurationRange, Durations, PlacementPrefs, Workload } from './workloads.js';
