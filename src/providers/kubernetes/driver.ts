// Kubernetes clusters over the estate's Docker hosts, and the kubectl that
// talks to them. The orchestrator (src/orchestrator) is the control plane and
// the kubelets; this driver runs it on the simulation's clock, once a second,
// gives it the Docker hosts as its container runtime, and keeps the clusters
// and kubectl's current context (one context per cluster, named after it).

import type { AccessControl } from '../../access/policy.js';
import type { DriverEvent } from '../../core/events.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import type { RequestLog } from '../../observe/request-log.js';
import { Cluster, type ClusterData, type ClusterSettings } from '../../orchestrator/cluster.js';
import { createCluster, type NodeInput } from '../../orchestrator/create-cluster.js';
import type { Context } from '../../orchestrator/runtime.js';
import { SETTLED_PERIOD_MS, SYNC_PERIOD_MS, settling, syncCluster } from '../../orchestrator/sync.js';
import type { DockerDriver } from '../docker/driver.js';
import type { ExecResult } from '../provider.js';
import { kubectl } from './kubectl.js';
import { DockerRuntime } from './runtime.js';

export const SYNC_EVENT = 'k8s.sync';

/** Reads a manifest named by `-f` (the caller's files; a driver has none of its own). */
export type ReadFile = (path: string) => { ok: true; text: string } | { ok: false; message: string };

export interface KubernetesState {
  readonly context?: string;
  /** When the control loop's next pass is due (its queued event with this due is the live one). */
  readonly nextSyncAt?: number;
  readonly clusters: ClusterData[];
}

export class KubernetesDriver {
  readonly commands = ['kubectl'];
  readonly runtime: DockerRuntime;
  readonly clusters = new Map<string, Cluster>();
  /** The web servers' request counts (observe/request-log.ts), set by the registry: kubectl logs writes their lines. */
  requests?: RequestLog;
  /** Who may do what (Kubernetes RBAC among it), set by the registry. */
  access?: AccessControl;
  /** kubectl config use-context: the cluster it talks to (the first one if unset). */
  context: string | undefined;
  /** How `kubectl apply -f FILE` reads FILE; without one, only `-f -` with standard input given. */
  readFile: ReadFile | undefined;

  constructor(
    readonly sim: SimulationApi,
    docker: DockerDriver,
  ) {
    this.runtime = new DockerRuntime(sim, docker);
    sim.handle(SYNC_EVENT, (e) => this.sync(e));
  }

  /** Objects come and gone in the clusters, summed, and the clusters' count: when lists of them need rebuilding. */
  get membership(): number {
    let n = this.#generation * 1_000_000_007;
    for (const c of this.clusters.values()) n += c.membership;
    return n;
  }

  /** Bumped whenever the set of clusters is replaced or grows (a load, a new cluster). */
  #generation = 0;

  /** Changes to the clusters' objects, summed: what tells exec that a line changed the estate. */
  get changes(): number {
    let n = 0;
    for (const c of this.clusters.values()) n += c.changes;
    return n;
  }

  contextOf(cluster: Cluster): Context {
    return { now: this.sim.now, rng: cluster.rng, runtime: this.runtime };
  }

  addCluster(settings: ClusterSettings, nodes: readonly NodeInput[]): Cluster {
    const cluster = createCluster(settings, nodes, this.sim.now, this.sim.seed);
    this.#generation++;
    this.clusters.set(settings.name, cluster);
    this.ensureSync();
    return cluster;
  }

  /** The cluster kubectl talks to now. */
  current(): Cluster | undefined {
    if (this.context !== undefined) return this.clusters.get(this.context);
    return this.clusters.values().next().value;
  }

  /** Runs every cluster's control plane once, now (kubectl's changes take effect at once, as the API server's watchers see them). */
  syncNow(): void {
    this.passes();
    // A change made between passes wants the quick passes back.
    if ([...this.clusters.values()].some(settling)) this.scheduleSync(SYNC_PERIOD_MS);
  }

  private passes(): void {
    for (const c of this.clusters.values()) syncCluster(c, this.contextOf(c));
  }

  /** When the pass that counts is due; an event for any other time is one a sooner pass overtook. */
  private nextSyncAt: number | undefined;

  private scheduleSync(delayMs: number): void {
    const at = this.sim.now + delayMs;
    if (this.nextSyncAt !== undefined && this.nextSyncAt >= this.sim.now && this.nextSyncAt <= at) return;
    this.nextSyncAt = at;
    this.sim.schedule(delayMs, { type: SYNC_EVENT, due: at });
  }

  private sync(event: DriverEvent): void {
    if (this.nextSyncAt !== undefined && event.due !== this.nextSyncAt) return;
    this.nextSyncAt = undefined;
    this.passes();
    // Once a second while anything settles, or while pods run (their kubelets relist every second and a container
    // may exit at any moment); every 5 s, the node monitor's period, for a cluster with nothing on it.
    const busy = [...this.clusters.values()].some((c) => settling(c) || c.list('Pod').length > 0);
    this.scheduleSync(busy ? SYNC_PERIOD_MS : SETTLED_PERIOD_MS);
  }

  private ensureSync(): void {
    if (this.clusters.size > 0 && !this.sim.isScheduled(SYNC_EVENT)) this.scheduleSync(SYNC_PERIOD_MS);
  }

  state(): KubernetesState {
    return {
      ...(this.context !== undefined ? { context: this.context } : {}),
      ...(this.nextSyncAt !== undefined ? { nextSyncAt: this.nextSyncAt } : {}),
      clusters: [...this.clusters.values()].map((c) => c.toJSON()),
    };
  }

  load(state: KubernetesState): void {
    this.clusters.clear();
    this.#generation++;
    for (const data of state.clusters) this.clusters.set(data.settings.name, new Cluster(structuredClone(data)));
    this.context = state.context;
    // The saved due time holds only with its event queued (a file edited by hand may have neither).
    this.nextSyncAt = this.sim.isScheduled(SYNC_EVENT) && (state.nextSyncAt ?? -1) >= this.sim.now ? state.nextSyncAt : undefined;
    this.ensureSync();
  }

  exec(argv: readonly string[], stdin?: string): ExecResult {
    return kubectl(this, argv.slice(1), stdin);
  }
}
