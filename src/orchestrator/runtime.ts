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
  // Written as character codes and made one string at the end: built from pieces, a uid was a dozen
  // strings to make and keep (one for every pod and every event), a third of scheduling 150,000 pods.
  const u = UID;
  digits(u, 0, rng.nextU32(), 0, 8);
  const b = rng.nextU32();
  digits(u, 9, b, 0, 4);
  digits(u, 15, b, 5, 8);
  const c = rng.nextU32();
  digits(u, 20, c, 1, 4);
  digits(u, 24, c, 4, 8);
  digits(u, 28, rng.nextU32(), 0, 8);
  u[19] = VARIANT[rng.int(0, 3)];
  return String.fromCharCode.apply(null, u as unknown as number[]);
}

/** The character codes of the hex digits (uids here, event names' suffixes in events.ts). */
export const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const VARIANT = Array.from('89ab', (c) => c.charCodeAt(0));
/** xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx as character codes, the dashes and the version in place. */
const UID = new Uint16Array(36);
for (const [i, c] of [
  [8, '-'],
  [13, '-'],
  [14, '4'],
  [18, '-'],
  [23, '-'],
] as const)
  UID[i] = c.charCodeAt(0);

/** The hex digits from..to (of the word's eight, most significant first) written at `at`. */
function digits(out: Uint16Array, at: number, word: number, from: number, to: number): void {
  for (let k = from; k < to; k++) out[at + k - from] = HEX_CODES[(word >>> (28 - 4 * k)) & 15];
}
