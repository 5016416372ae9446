// The planning commands (capacity, rightsize, power, consolidate), as the prompt,
// exec and `hyperpane report` run them, in each of their formats.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { loadEstate } from '../../src/estate/store.js';
import { defaultEstate } from '../default-estate.js';

function built(minutes: number) {
  const e = defaultEstate(1);
  e.sim.advance(minutes * 60_000);
  return e;
}

describe('capacity', () => {
  it('lists every cluster of hosts, busiest first, with how many more 2x4GiB VMs the allocation core fits', () => {
    const r = runLine(built(5), 'capacity');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^CLUSTER +SITE +HOSTS +CPU DEMAND .* FITS 2 vCPU 4 GiB$/);
    expect(r.stdout).toMatch(/^busiest: \S+, demand at \d+% of its usable capacity$/m);
    // vsphere-prod keeps 25% for HA: the next VM is refused by admission control, in the placer's words.
    expect(r.stdout).toMatch(/^vsphere-prod +dc-east +4 .* 75% \/ 75% +25% \/ 25% /m);
    expect(r.stdout).toMatch(/vsphere-prod: after those \d+, the next 2 vCPU 4 GiB VM would not fit: .*refused by HA admission control/);
  });

  it('fits fewer of a larger size, and says what a bad size is', () => {
    const e = built(1);
    type Report = { clusters: { cluster: string; fits: { count: number } }[] };
    const small = (JSON.parse(runLine(e, 'capacity --format json').stdout) as Report).clusters;
    const large = (JSON.parse(runLine(e, 'capacity --size 8x32GiB --format json').stdout) as Report).clusters;
    for (const c of large) expect(c.fits.count).toBeLessThanOrEqual(small.find((s) => s.cluster === c.cluster)!.fits.count);
    const bad = runLine(e, 'capacity --size lots');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('capacity: --size is vCPUs x memory, such as 2x4GiB, not "lots"\n');
    expect(runLine(e, 'capacity --format yaml').stderr).toBe('capacity: --format is one of text, md, csv, json, not "yaml"\n');
  });

  it('sums each site: usable cores and memory after each cluster’s HA reserve, and demand now', () => {
    const e = built(5);
    const r = JSON.parse(runLine(e, 'capacity --format json').stdout) as {
      clusters: { site: string; cores: number; memoryMiB: number; usablePct: { cpu: number; memory: number }; demandPct: { cpu: number } }[];
      sites: { site: string; clusters: number; usableCores: number; demandCores: number }[];
    };
    const east = r.sites.find((s) => s.site === 'dc-east')!;
    const members = r.clusters.filter((c) => c.site === 'dc-east');
    expect(east.clusters).toBe(members.length);
    // Worked: vsphere-prod keeps 25% for HA, so its usable cores are 75% of its cores; the others use all of theirs.
    expect(east.usableCores).toBeCloseTo(
      members.reduce((a, c) => a + (c.cores * c.usablePct.cpu) / 100, 0),
      9,
    );
    expect(east.demandCores).toBeCloseTo(
      members.reduce((a, c) => a + (c.cores * c.demandPct.cpu) / 100, 0),
      9,
    );
    expect(runLine(e, 'capacity').stdout).toMatch(/^site dc-east: 3 clusters, CPU demand [\d.]+ of [\d.]+ usable cores \(\d+%\), memory .+ of .+ \(\d+%\)$/m);
  });

  it('asks nothing of the estate: the ledger is as it was', () => {
    const e = built(1);
    const before = JSON.stringify(e.sim.hostViews().map((h) => h.allocated));
    runLine(e, 'capacity --size 1x1GiB');
    expect(JSON.stringify(e.sim.hostViews().map((h) => h.allocated))).toBe(before);
  });
});

describe('rightsize', () => {
  it('shows its working and a one-star confidence after an hour and ten minutes of a day (the built estate’s hour is in its file)', () => {
    const r = runLine(built(10), 'rightsize');
    expect(r.stdout).toMatch(/^db-02 +vm +esx-03 +8 -> 1 .* shut down +\*\.\.\.\. 5% +P95 1% of 8 vCPU x 1\.3 -> 1 vCPU$/m);
    // Without its history (a file written before workloads' samples were kept), nothing has run long enough.
    const doc = JSON.parse(JSON.stringify(estateToFile(defaultEstate(1))));
    delete doc.history;
    const bare = estateFromJson(doc);
    if (!bare.ok) throw new Error(bare.error.message);
    expect(runLine(bare.value, 'rightsize').stdout).toMatch(/no workload has run long enough/);
  });

  it('csv quotes what needs it and has a row per workload', () => {
    const r = runLine(built(3), 'rightsize --format csv');
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('WORKLOAD,KIND,HOST,VCPU,MEMORY,ACTION,CONFIDENCE,WORKING');
    expect(rows.length).toBeGreaterThan(20);
  });
});

describe('power', () => {
  it('gives each datacenter its watts, PUE, energy and cost, and the cloud its bill', () => {
    const r = runLine(built(2), 'power --format json');
    const rows = JSON.parse(r.stdout) as {
      site: string;
      kind: string;
      facilityWatts: number;
      itWattsAverage: number;
      pue: number;
      kWhPerDay: number;
      cloudPerHour: number;
    }[];
    const east = rows.find((x) => x.site === 'dc-east')!;
    expect(east.facilityWatts).toBeCloseTo(east.itWattsAverage * 1.58, 6);
    expect(east.kWhPerDay).toBeCloseTo((east.facilityWatts * 24) / 1000, 6);
    expect(rows.find((x) => x.kind === 'region')!.cloudPerHour).toBeGreaterThan(0);
  });
});

describe('consolidate', () => {
  it('plans the consolidation sample onto two hosts and, with --apply, moves its VMs there', () => {
    const r = loadEstate(join(import.meta.dirname, '../../demo/consolidation.json'));
    if (!r.ok) throw new Error(r.error.message);
    const e = r.value;
    e.sim.advance(10 * 60_000);
    const plan = runLine(e, 'consolidate rack-a');
    expect(plan.stdout).toMatch(/^8 hosts -> 2: .* run nothing and can be switched off$/m);
    expect(plan.stdout).toMatch(/^utilisation \d+% -> \d+% \(target 75%\); power \d+ W -> \d+ W, \d+ W saved$/m);
    const applied = runLine(e, 'consolidate rack-a --apply');
    expect(applied.stdout).toMatch(/^started \d migrations?; \d wait for a migration slot/m);
    e.sim.advance(15 * 60_000);
    expect(e.sim.hostViews().filter((h) => h.workloads > 0)).toHaveLength(2);
    expect(runLine(e, 'consolidate').stderr).toMatch(/^consolidate: say which cluster \(rack-a\)/);
    expect(runLine(e, 'consolidate rack-a --target much').stderr).toBe('consolidate: --target is a percent, such as 75, not "much"\n');
  });

  it('prices the watts saved: at the wall (x PUE 1.58) for 730 hours, at the price per kWh', () => {
    const r = loadEstate(join(import.meta.dirname, '../../demo/consolidation.json'));
    if (!r.ok) throw new Error(r.error.message);
    r.value.sim.advance(10 * 60_000);
    const plan = JSON.parse(runLine(r.value, 'consolidate rack-a --format json').stdout);
    const saved = plan.wattsBefore - plan.wattsAfter;
    // Worked example: W saved x 1.58 x 730 h / 1000 = kWh a month; x $0.1241/kWh = its cost (the sample's site gives neither).
    expect(plan.monthly.kWhSaved).toBeCloseTo((saved * 1.58 * 730) / 1000, 6);
    expect(plan.monthly.costSaved).toBeCloseTo(((saved * 1.58 * 730) / 1000) * 0.1241, 6);
    expect(runLine(r.value, 'consolidate rack-a').stdout).toMatch(/^saves \d+ kWh a month at the wall \(PUE 1\.58\), \d+\.\d\d a month at 0\.1241\/kWh$/m);
  });

  it('refuses to plan before the estate has measured anything, and says to run the clock', () => {
    const r = loadEstate(join(import.meta.dirname, '../../demo/consolidation.json'));
    if (!r.ok) throw new Error(r.error.message);
    expect(runLine(r.value, 'consolidate rack-a').stderr).toBe(
      'consolidate: rack-a: no demand has been measured yet (the estate has not run): let the clock run first\n',
    );
  });
});
