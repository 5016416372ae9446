// What is under way, for progress bars: each workload part-way through a
// lifecycle plan (provisioning, booting, stopping ...) and each migration, with
// its phase, when it started and when it will end, on the simulated clock.

import type { Core } from './state.js';
import { formatMiB } from './units.js';

export interface Operation {
  readonly subject: string;
  /** "booting", "live migration to esx-03", "cold migration to kvm-02". */
  readonly title: string;
  /** Where in it things are: "pre-copy round 2 of 3", "copying 40 GiB of disk", "then running". */
  readonly phase: string;
  readonly startedAt: number;
  readonly endsAt: number;
}

export function operations(core: Core): Operation[] {
  const wl = core.workloads;
  const now = core.clock.now;
  const out: Operation[] = [];
  for (const [w, m] of core.migrations) {
    const to = core.hosts.records[m.to].id;
    let phase = m.live ? 'stop-and-copy' : `copying ${formatMiB(wl.diskMiB[w])} of disk`;
    if (m.live) {
      let t = m.startedAt;
      for (let i = 0; i < m.plan.rounds.length; i++) {
        t += m.plan.rounds[i].ms;
        if (now < t) {
          phase = `pre-copy round ${i + 1} of ${m.plan.rounds.length}`;
          break;
        }
      }
    }
    out.push({ subject: wl.records[w].id, title: `${m.live ? 'live' : 'cold'} migration to ${to}`, phase, startedAt: m.startedAt, endsAt: m.endsAt });
  }
  for (const w of wl.inTransition) {
    const r = wl.records[w];
    if (r.plan.length === 0 || core.migrations.has(w)) continue;
    const started = wl.since[w];
    const ends = started + r.plan.reduce((a, s) => a + s.ms, 0);
    const settles = r.plan[r.plan.length - 1].state;
    out.push({ subject: r.id, title: wl.stateOf(w), phase: `then ${settles}`, startedAt: started, endsAt: ends });
  }
  for (const j of core.backups.jobs)
    out.push({ subject: j.workload, title: `backup to ${j.target}`, phase: `copying ${formatMiB(j.spec.diskMiB)}`, startedAt: j.startedAt, endsAt: j.endsAt });
  // Soonest to finish first: what a person is waiting on.
  return out.sort((a, b) => a.endsAt - b.endsAt || (a.subject < b.subject ? -1 : 1));
}
