// What the orchestrator asks of the machines under it, as the kubelet asks the
// container runtime through the CRI: is the node's host up, how big is it, run
// this container, what state is it in, stop it, remove it. The Kubernetes
// provider answers with the estate's Docker hosts, so pods are containers of the
// one allocation core and their requests are claims on it.
import type { WorkloadState } from '../core/model.js';
import type { Prng } from '../core/prng.js';

export interface NodeHost {
  /** The host is connected (a failed host, or a VM that is not running, is down). */
  readonly up: boolean;
  readonly milliCpu: number;
  /** Bytes. */
  readonly memory: number;
}

export interface RunRequest {
  /** The container's name in the runtime: dockershim's k8s_<container>_<pod>_<namespace>_<uid>_<attempt>. */
  readonly name: string;
  readonly image: string;
  /** What the scheduler counted for it: the claim it holds on its host. */
  readonly requests: { readonly milliCpu: number; readonly memory: number };
  readonly limits: { readonly milliCpu?: number; readonly memory?: number };
}

export interface RuntimeContainer {
  readonly state: WorkloadState;
  /** When it entered that state. */
  readonly since: number;
  readonly exitCode: number;
  /** What it uses now, as the kubelet's cAdvisor reports it to metrics-server: millicores and bytes of working set. */
  readonly usage: { readonly milliCpu: number; readonly memory: number };
}

export interface ContainerRuntime {
  host(node: string): NodeHost | undefined;
  /** Whether the node has the image already (pulled once per node). */
  hasImage(node: string, image: string): boolean;
  /** Whether the image exists in the registry. */
  knownImage(image: string): boolean;
  run(node: string, request: RunRequest): { ok: true; id: string; pullMs: number } | { ok: false; message: string };
  container(id: string): RuntimeContainer | undefined;
  start(id: string): void;
  /** Stops it with SIGTERM, killing it after `graceMs` (the pod's terminationGracePeriodSeconds). */
  stop(id: string, graceMs: number): void;
  remove(id: string): void;
  /** Sets how busy the container is, in millicores of demand (the traffic its service brings it). */
  setDemand(id: string, milliCpu: number): void;
}

/** What a controller pass is given: the time, the seeded draw and the runtime. */
export interface Context {
  readonly now: number;
  readonly rng: Prng;
  readonly runtime: ContainerRuntime;
}

/** A v4-shaped UID from the seeded draw (the API server's are random too). */
export function newUid(rng: Prng): string {
  const hex = [0, 1, 2, 3].map(() => rng.nextU32().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
