// The migration target picker's rows: every other host of the workload's platform,
// the ones that can take it first (with what would be left free), then the rest
// with the reason the placement filters give.

import type { Simulation } from '../../core/simulation.js';
import { CPU, MEM } from '../../core/units.js';
import { roomAfter } from '../room.js';
import type { PickOption } from '../state.js';

const MAX_OPTIONS = 200;

export function migrateOptions(sim: Simulation, workloadId: string): PickOption[] {
  const w = sim.workloads.indexOf(workloadId)!;
  const rec = sim.workloads.records[w];
  const source = sim.workloads.host[w];
  const running = sim.workloads.stateOf(w) === 'running';
  const rejections = new Map(
    sim.placer
      .explain({
        platform: rec.platform,
        amounts: rec.claim,
        policy: 'first-fit',
        excludeHosts: source >= 0 ? [source] : [],
        powerOn: running,
        label: rec.name,
      })
      .map((r) => [r.host, r.reasons.map((x) => x.message).join('; ')]),
  );
  const out: PickOption[] = [];
  const freeMem = new Map<string, number>();
  for (const h of sim.hosts.live()) {
    if (h.platform !== rec.platform || h.index === source) continue;
    const reason = rejections.get(h.id);
    if (reason) out.push({ id: h.id, label: h.id, detail: reason, ok: false });
    else {
      const memAfter = sim.ledger.scale(h.index, MEM) - sim.ledger.used(h.index, MEM) - rec.claim[MEM];
      freeMem.set(h.id, memAfter);
      out.push({ id: h.id, label: h.id, detail: `fits: ${roomAfter(sim, h.index, rec.claim[CPU], rec.claim[MEM])}`, ok: true });
    }
  }
  // Hosts that fit first, most memory left first; then the others in host order.
  out.sort((a, b) => Number(b.ok) - Number(a.ok) || (freeMem.get(b.id) ?? 0) - (freeMem.get(a.id) ?? 0));
  return out.slice(0, MAX_OPTIONS);
}
