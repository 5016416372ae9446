// Docker's outputs read into what the estate needs: the engine's host (docker
// info: Name, NCPU, MemTotal) and its containers (docker inspect: name, image,
// state, memory limit, restart policy; docker ps -a where inspect is missing).
// Field names are the Engine API's (moby api/types: system.Info, container
// InspectResponse; docker/cli formatter for ps's JSON lines).

import type { InitialState } from '../../core/commands/create.js';
import { jsonArray, num, obj, jsonObject as object, str } from './json-fields.js';

export interface DockerHostFound {
  readonly name: string;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly os?: string;
}

export interface ContainerFound {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: InitialState;
  readonly memoryLimitMiB?: number;
  readonly restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly maxRetries?: number;
}

const MIB = 1024 * 1024;

/** An image as the estate names it: a digest pin (nginx@sha256:...) is left off; the image is on its host already. */
const imageName = (v: unknown) => str(v)?.replace(/@sha256:[0-9a-f]{64}$/, '');

/** docker info --format '{{json .}}'. */
export function readDockerInfo(text: string): DockerHostFound | string {
  const o = object(text.trim(), 'docker info');
  if (typeof o === 'string') return o;
  const name = str(o.Name);
  const cpus = num(o.NCPU);
  const mem = num(o.MemTotal);
  if (!name || cpus === undefined || cpus < 1 || mem === undefined || mem <= 0) return 'docker info has no Name, NCPU and MemTotal';
  return { name, cpus: Math.floor(cpus), memoryMiB: Math.floor(mem / MIB), ...(str(o.OperatingSystem) ? { os: str(o.OperatingSystem) } : {}) };
}

/**
 * A container's state as the estate holds it, from the Engine's (moby api/types/container
 * state.go: created, running, paused, restarting, removing, exited, dead): a restarting
 * one is taken as running (its restart policy is imported with it), the rest that are
 * not running or paused as stopped.
 */
function containerState(status: unknown): InitialState {
  return status === 'running' || status === 'restarting' ? 'running' : status === 'paused' ? 'paused' : 'stopped';
}

/** docker ps -a --format json: a JSON object a line (ID, Names, Image, State). */
export function readDockerPs(text: string): ContainerFound[] | string {
  const out: ContainerFound[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const o = object(line, `docker ps line ${i + 1}`);
    if (typeof o === 'string') return o;
    const id = str(o.ID);
    const name = str(o.Names)?.split(',')[0];
    const image = imageName(o.Image);
    if (!id || !name || !image) return `docker ps line ${i + 1} has no ID, Names and Image`;
    out.push({ id, name, image, state: containerState(o.State) });
  }
  return out;
}

const RESTARTS = new Set(['no', 'always', 'unless-stopped', 'on-failure']);

/** docker inspect ID...: a JSON array of containers. */
export function readDockerInspect(text: string): ContainerFound[] | string {
  const v = jsonArray(text, 'docker inspect');
  if (typeof v === 'string') return v;
  const out: ContainerFound[] = [];
  for (const [i, item] of v.entries()) {
    if (item === null || typeof item !== 'object') return `docker inspect item ${i + 1} is not an object`;
    const o = item as Record<string, unknown>;
    const state = obj(o.State);
    const config = obj(o.Config);
    const host = obj(o.HostConfig);
    const restart = obj(host.RestartPolicy);
    const id = str(o.Id);
    const name = str(o.Name)?.replace(/^\//, '');
    const image = imageName(config.Image);
    if (!id || !name || !image) return `docker inspect item ${i + 1} has no Id, Name and Config.Image`;
    const memory = num(host.Memory) ?? 0;
    const policy = str(restart.Name);
    out.push({
      id,
      name,
      image,
      // Status since Engine 1.21; Running (and Paused, true with it) before.
      state: containerState(str(state.Status) ?? (state.Paused === true ? 'paused' : state.Running === true ? 'running' : 'exited')),
      ...(memory > 0 ? { memoryLimitMiB: Math.max(6, Math.round(memory / MIB)) } : {}),
      ...(policy && RESTARTS.has(policy) ? { restart: policy as ContainerFound['restart'] } : {}),
      ...(policy === 'on-failure' && num(restart.MaximumRetryCount) ? { maxRetries: num(restart.MaximumRetryCount) } : {}),
    });
  }
  return out;
}
