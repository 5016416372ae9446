// The container runtime under the orchestrator's kubelets: the estate's Docker
// hosts, through the Docker driver (images pulled once per host, containers as
// workloads of the one core). A pod's container holds its requests as a claim
// on its host and its limits as Docker's: a memory limit the kernel enforces by
// OOM-killing, a CPU limit that throttles.
import type { SimulationApi } from '../../core/simulation-api.js';
import type { ContainerRuntime, NodeHost, RunRequest, RuntimeContainer } from '../../orchestrator/runtime.js';
import { MIN_MEMORY_LIMIT_MIB } from '../docker/defaults.js';
import { type DockerDriver, pullTime } from '../docker/driver.js';
import { imageInfo, parseRef, tagExists } from '../docker/images.js';

const MiB = 1024 * 1024;

export class DockerRuntime implements ContainerRuntime {
  constructor(
    private readonly sim: SimulationApi,
    private readonly docker: DockerDriver,
  ) {}

  host(node: string): NodeHost | undefined {
    // A row, not a view: the control loop asks of every node every pass, and a view is built field by field.
    const h = this.sim.hostRow(node);
    if (h?.platform !== 'docker') return undefined;
    return { up: h.state !== 'failed', milliCpu: h.cores * 1000, memory: h.memoryMiB * MiB };
  }

  /**
   * When the node's pull of the image is done, if it has begun: the image store keeps when each pull began, and a
   * pull takes its size at registry speed. A second pod needing the image meanwhile waits for that pull.
   */
  private pullEnds(node: string, image: string): number | undefined {
    const ref = parseRef(image);
    const info = ref && imageInfo(ref);
    const began = ref && this.docker.images.pulledAt(node, ref);
    return info && began !== undefined ? began + pullTime(info.sizeMiB) : undefined;
  }

  hasImage(node: string, image: string): boolean {
    const ends = this.pullEnds(node, image);
    return ends !== undefined && ends <= this.sim.now;
  }

  knownImage(image: string): boolean {
    const ref = parseRef(image);
    return ref !== undefined && imageInfo(ref) !== undefined && tagExists(ref);
  }

  run(node: string, request: RunRequest): { ok: true; id: string; pullMs: number } | { ok: false; message: string } {
    const limitMiB = request.limits.memory === undefined ? undefined : Math.max(MIN_MEMORY_LIMIT_MIB, Math.ceil(request.limits.memory / MiB));
    const waitMs = Math.max(0, (this.pullEnds(node, request.image) ?? 0) - this.sim.now);
    const r = this.docker.run({
      waitMs,
      image: request.image,
      name: request.name,
      host: node,
      // The pod's network is the cluster's (its pod IP from the node's range, ipam.ts); dockershim put the container in
      // its pod's sandbox namespace, on no Docker network of its own.
      network: 'none',
      memoryLimitMiB: limitMiB,
      cpus: request.limits.milliCpu === undefined ? undefined : request.limits.milliCpu / 1000,
      reserve: { cpuMilli: request.requests.milliCpu, memoryMiB: Math.ceil(request.requests.memory / MiB) },
    });
    if (!r.ok) return { ok: false, message: r.error.message };
    // A pod's container is idle until traffic reaches it (traffic.ts sets its demand).
    this.sim.setLoad(r.id, 0);
    return { ok: true, id: r.id, pullMs: r.pullMs };
  }

  container(id: string): RuntimeContainer | undefined {
    const row = this.sim.workloadRow(id);
    if (!row) return undefined;
    return {
      state: row.state,
      since: row.sinceMs,
      exitCode: row.exitCode,
      usage: { milliCpu: Math.round((row.cpuPct / 100) * row.cpuMilli), memory: Math.round((row.memoryPct / 100) * row.memoryMiB * MiB) },
    };
  }

  start(id: string): void {
    this.sim.act(id, 'start');
  }

  stop(id: string, graceMs: number): void {
    const state = this.sim.workloadRow(id)?.state;
    if (state === 'provisioning') this.sim.act(id, 'delete');
    else this.sim.act(id, 'stop', { killAfterMs: graceMs });
  }

  setDemand(id: string, milliCpu: number): void {
    const row = this.sim.workloadRow(id);
    if (!row || row.cpuMilli <= 0) return;
    this.sim.setLoad(id, Math.min(1, Math.max(0, milliCpu / row.cpuMilli)));
  }

  remove(id: string): void {
    if (this.sim.workloadRow(id)?.state !== 'deleted') this.sim.act(id, 'delete');
  }
}
