// Balancing recommendations (vSphere DRS, Hyper-V's dynamic optimisation, the
// same arithmetic elsewhere): a picker of the moves that would even out a
// cluster's load, each with the imbalance before and after, to apply one or all.
import type { Controller } from '../controller.js';

export function openBalance(ctl: Controller, clusterId: string, threshold?: number): void {
  const sim = ctl.estate.sim;
  const c = sim.cluster(clusterId);
  if (!c) {
    ctl.flash(
      `no cluster named ${clusterId} (clusters: ${sim
        .clusters()
        .map((x) => x.id)
        .join(', ')})`,
      'error',
    );
    return;
  }
  const t = threshold ?? (c.platform === 'vmware' ? ctl.estate.providers.vmware.drsOf(c.id).threshold : 3);
  const r = sim.recommendBalance(c.id, t);
  if (!r.ok) {
    ctl.flash(r.error.message, 'error');
    return;
  }
  const b = r.value;
  const name = c.platform === 'vmware' ? 'DRS' : c.platform === 'hyperv' ? 'Dynamic optimization' : 'Balancing';
  const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'any');
  if (b.moves.length === 0) {
    ctl.flash(`${name}: ${c.id} needs no moves (imbalance ${fixed(b.imbalance)}, threshold ${t} tolerates ${fixed(b.tolerated)})`);
    return;
  }
  const options = [
    { id: 'all', label: `Apply all ${b.moves.length}`, detail: `imbalance ${fixed(b.imbalance)} → ${fixed(b.after)}`, ok: true },
    ...b.moves.map((m) => ({
      id: m.workload,
      label: `${m.workload}: ${m.from} → ${m.to}`,
      detail: `imbalance ${fixed(m.before)} → ${fixed(m.after)}, vMotion ~${Math.max(1, Math.round(m.costMs / 1000))} s`,
      ok: true,
    })),
  ];
  ctl.set({
    overlay: {
      type: 'pick',
      purpose: 'balance',
      cluster: c.id,
      moves: b.moves,
      title: `${name} recommendations for ${c.id} (threshold ${t}: tolerates ${fixed(b.tolerated)})`,
      options,
      cursor: 0,
    },
  });
}
