// The Docker driver's figures, in one place.
// Sources:
//  - Docker Engine docs, "Resource constraints": --memory is a hard limit (at
//    least 6 MB) whose breach gets the container OOM-killed; --memory-reservation
//    is a soft limit below it; --cpus caps CPU; --cpu-shares defaults to 1024.
//  - Docker docs, "Start containers automatically": restart policies no,
//    on-failure[:max-retries], always, unless-stopped; restarts back off from
//    100 ms, doubling.
//  - docker stop waits 10 s (its default --timeout) before it kills: see DEFAULT_STOP_TIMEOUT_S.
//  - Containers start in seconds: no guest kernel to boot; the virtualisation
//    overhead is a few percent (cgroups and namespaces only).
import type { PlatformPolicy } from '../../core/platform-policy.js';
import { DEFAULT_MIGRATION } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import type { Until } from '../blocking.js';

export const DOCKER_DURATIONS: Durations = {
  provision: [300, 1200],
  boot: [200, 1500],
  stop: [300, 10_000],
  suspend: [0, 0],
  resume: [50, 200],
  deallocate: [0, 0],
};

export const DOCKER_OVERHEAD = 0.02;
/** The Engine release whose output the simulation follows (docker/cli and moby v29: cli-images.ts, cli-network.ts), as docker node ls shows it. */
export const ENGINE_VERSION = '29.0.0';
export const DEFAULT_CPU_SHARES = 1024;
export const MIN_MEMORY_LIMIT_MIB = 6;
/** Pull speed from a registry, MiB/s. */
export const PULL_MIBPS = 40;
/** A container's writable layer, MiB. */
export const WRITABLE_LAYER_MIB = 50;
/**
 * Compressed (registry) size per unpacked size of an image's layers: alpine's
 * linux/amd64 image, 3.64MB of content for 12.1MB of disk usage, i.e. 8.46MB
 * unpacked (docker/cli docs/reference/commandline/image_rm.md, `docker image ls --tree`).
 */
export const CONTENT_PER_UNPACKED = 3.64 / 8.46;
/**
 * Seconds `docker stop` and `docker restart` wait after the stop signal before
 * the daemon kills the container (moby daemon/config: defaultStopTimeout = 10;
 * daemon/stop.go containerStop; `--timeout -1` waits for ever).
 */
export const DEFAULT_STOP_TIMEOUT_S = 10;

export const DOCKER_POLICY: PlatformPolicy = {
  // A cgroup is charged the pages its processes use and uncharged as they free them.
  memoryBacking: 'used',
  oomKill: true,
  migration: DEFAULT_MIGRATION,
  defaultShares: DEFAULT_CPU_SHARES,
};

/**
 * Which docker commands return only once something has happened, and what
 * (docker/cli, cli/command/container): `run -d` creates, pulls if the image is
 * missing (pullImage on a not-found create), starts, and prints the ID once
 * ContainerStart has returned, i.e. the container runs (run.go); `run` without
 * -d attaches and returns when the container exits (here: once it runs, with a
 * note saying so); `start` returns once started (start.go); `stop` once the
 * container has exited, the daemon killing it --timeout seconds after the stop
 * signal, 10 by default (stop.go; moby daemon/stop.go); `restart` is a stop and a
 * start (restart.go); `pull` returns once the image is downloaded (pull.go).
 * `kill` (SIGKILL, then the daemon's wait for the exit: moby daemon/kill.go),
 * `pause`, `unpause` and `rm -f` (a kill, then the removal: moby daemon/delete.go)
 * are done at once.
 */
export const DOCKER_BLOCKS: Readonly<Record<'run' | 'start' | 'stop' | 'restart', Until>> = {
  run: 'settled',
  start: 'settled',
  stop: 'settled',
  restart: 'settled',
};

/** The OS the estate's Docker hosts run (docker info; a kubeadm node on one shows the same: kubernetes/printers.ts NODE_OS). */
export const DOCKER_HOST_OS = { image: 'Ubuntu 24.04.1 LTS', kernel: '6.8.0-51-generic', runtime: 'docker://27.4.1' } as const;
