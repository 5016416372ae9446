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
  // Four words, then the variant: the draws in this order keep every saved estate's next uid the same.
  const a = hex8(rng.nextU32());
  const b = hex8(rng.nextU32());
  const c = hex8(rng.nextU32());
  const d = hex8(rng.nextU32());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[rng.int(0, 3)]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** Two hex digits for each byte: a uid is made for every pod and event, and Number's toString(16) was most of one. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex8(word: number): string {
  return HEX[word >>> 24] + HEX[(word >>> 16) & 255] + HEX[(word >>> 8) & 255] + HEX[word & 255];
}
