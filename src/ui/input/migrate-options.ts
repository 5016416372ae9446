// The migration target picker's rows: every other host of the workload's platform,
// the ones that can take it first (with what would be left free), then the rest
// with the reason the placement filters give.

import type { SimulationApi } from '../../core/simulation-api.js';
import { CPU, MEM } from '../../core/units.js';
import { roomAfter } from '../room.js';
import type { PickOption } from '../state.js';

const MAX_OPTIONS = 200;

export function migrateOptions(sim: SimulationApi, workloadId: string): PickOption[] {
  const rec = sim.workloadRow(workloadId)!;
  const source = rec.hostIndex;
  const running = rec.state === 'running';
  // A disk on a shared datastore claims nothing of a host, and only the hosts that mount it will do.
  const disk = sim.diskOn(workloadId);
  const views = disk ? sim.datastoreViews() : [];
  const ds = disk && views.find((d) => d.id === disk.datastore);
  const amounts: typeof rec.claim = disk ? [rec.claim[0], rec.claim[1], 0] : rec.claim;
  const rejections = new Map(
    sim
      .explain({
        platform: rec.platform,
        amounts,
        policy: 'first-fit',
        excludeHosts: source >= 0 ? [source] : [],
        powerOn: running,
        label: rec.name,
      })
      .map((r) => [r.host, r.reasons.map((x) => x.message).join('; ')]),
  );
  const out: PickOption[] = [];
  const freeMem = new Map<string, number>();
  const h = sim.hostCursor();
  for (let i = 0; i < sim.hostCount; i++) {
    if (h.at(i).removed || h.platform !== rec.platform || i === source) continue;
    const id = h.id;
    // A host of another cluster takes the VM with its disks copied to a datastore it mounts (vMotion with storage).
    const across = ds && !ds.clusters.includes(h.cluster) ? storageFor(sim, workloadId, id, views) : undefined;
    const reason =
      ds && !ds.clusters.includes(h.cluster) && !across ? `does not mount datastore ${ds.name}, nor any with room for its disks` : rejections.get(id);
    if (reason) out.push({ id, label: id, detail: reason, ok: false });
    else {
      const memAfter = h.scale(MEM) - h.used(MEM) - amounts[MEM];
      freeMem.set(id, memAfter);
      const name = across && views.find((d) => d.id === across)?.name;
      out.push({ id, label: id, detail: `fits: ${roomAfter(h, amounts[CPU], amounts[MEM])}${name ? `, its disks to ${name}` : ''}`, ok: true });
    }
  }
  // Hosts that fit first, most memory left first; then the others in host order.
  out.sort((a, b) => Number(b.ok) - Number(a.ok) || (freeMem.get(b.id) ?? 0) - (freeMem.get(a.id) ?? 0));
  return out.slice(0, MAX_OPTIONS);
}

/**
 * For a VM whose disk is on a datastore `host` does not mount: the datastore (by id) of those it mounts with the most
 * room that holds the VM's disks, where a vMotion with storage would take them (vCenter's wizard asks; the console
 * takes the roomiest); undefined if none holds them.
 */
export function storageFor(sim: SimulationApi, workloadId: string, host: string, views = sim.datastoreViews()): string | undefined {
  const cluster = sim.host(host)?.cluster;
  const disk = sim.diskOn(workloadId);
  if (!disk || cluster === undefined) return undefined;
  const need = disk.usedMiB + sim.dataDisks(workloadId).reduce((n, v) => n + v.usedMiB, 0);
  const fits = views.filter((d) => d.clusters.includes(cluster) && d.freeMiB >= need);
  return fits.sort((a, b) => b.freeMiB - a.freeMiB)[0]?.id;
}
