// Managed disks' bills: each disk at its tier's monthly price, by the hour (730 a
// month, as the Azure pricing calculator counts), attached or not and whatever its
// VM's power state (Microsoft Learn, "States and billing status of Azure Virtual
// Machines": a deallocated VM's disks are still billed). Prices: the Retail Prices
// API's "<tier> LRS Disk" meters, East US (P4 5.28, P10 19.71, E10 9.60, E15 19.20).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { diskCost, HOURS_PER_MONTH, TIERS, tierOf } from '../../src/providers/azure/disks.js';
import { storageLines } from '../../src/ui/panes/storage-tree.js';
import { estateTotals } from '../../src/ui/totals.js';
import { defaultEstate } from '../default-estate.js';
import { ok } from './estate-lines.js';

const HOUR = 3_600_000;
const MONTH = HOURS_PER_MONTH * HOUR;

describe('managed disk billing', () => {
  it('prices every tier, larger tiers never cheaper, and bills a disk as the smallest tier that holds it', () => {
    expect(
      [tierOf('Premium_LRS', 30), tierOf('Premium_LRS', 100), tierOf('StandardSSD_LRS', 100), tierOf('Standard_LRS', 10)].map((t) => [t.name, t.monthly]),
    ).toEqual([
      ['P4', 5.28],
      ['P10', 19.71],
      ['E10', 9.6],
      ['S4', 1.54],
    ]);
    for (const tiers of Object.values(TIERS))
      tiers.forEach((t, i) => {
        expect(t.monthly).toBeGreaterThan(0);
        if (i > 0) expect(t.monthly).toBeGreaterThan(tiers[i - 1]!.monthly);
      });
  });

  it('keeps billing a deallocated VM’s disks while its compute stops', () => {
    const e = defaultEstate(1);
    const azure = e.providers.azure;
    const id = 'shop-rg/reports';
    ok(e, 'az vm deallocate -g shop-rg -n reports');
    e.sim.advance(10 * 60_000);
    const compute = azure.cost(id).soFar;
    const disks = azure.diskCost(id).soFar;
    e.sim.advance(MONTH);
    expect(azure.cost(id).soFar).toBe(compute);
    // Its 30 GiB OS disk is a P4: a month of it is the P4's monthly price.
    expect(azure.diskCost(id).soFar - disks).toBeCloseTo(5.28, 6);
    expect(azure.diskCost(id).perHour).toBeCloseTo(5.28 / 730, 9);
    const detail = azure.workload(id)!.details;
    expect(detail['OS disk']).toBe('P4 30 GiB Premium_LRS, 120 IOPS, 25 MB/s, $5.28/month');
    expect(detail['Disk cost']).toMatch(/^\$\d+\.\d{4} so far, \$0\.0072\/h in every power state$/);
  });

  it('bills an unattached disk, at the old tier until a resize and the new one after', () => {
    const e = defaultEstate(1);
    const azure = e.providers.azure;
    ok(e, 'az disk create -g shop-rg -n archive --size-gb 100 --sku StandardSSD_LRS');
    const d = azure.disks.get('shop-rg', 'archive')!;
    e.sim.advance(MONTH / 2);
    expect(diskCost(d, e.sim.now)).toBeCloseTo(4.8, 6);
    ok(e, 'az disk update -g shop-rg -n archive --size-gb 200');
    e.sim.advance(MONTH / 2);
    // Half a month of E10 (9.60) and half of E15 (19.20).
    expect(diskCost(d, e.sim.now)).toBeCloseTo(4.8 + 9.6, 6);
    // A save and a load keep what it has cost and its rate.
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(diskCost(back.value.providers.azure.disks.get('shop-rg', 'archive')!, back.value.sim.now)).toBeCloseTo(14.4, 6);
    const bad = JSON.parse(JSON.stringify(estateToFile(e)));
    const i = bad.providers.azure.disks.findIndex((x: { name: string }) => x.name === 'archive');
    bad.providers.azure.disks[i].costFrom = bad.clock.now + 1;
    const refused = estateFromJson(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(new RegExp(`providers\\.azure\\.disks\\[${i}\\]\\.costFrom: not between`));
  });

  it('counts every disk in the header’s cost an hour and lists them by region in the Storage pane', () => {
    const e = defaultEstate(1);
    const azure = e.providers.azure;
    const before = estateTotals(e.sim, azure.disks.ratePerHour()).costPerHour;
    ok(e, 'az disk create -g shop-rg -n archive --size-gb 100');
    expect(estateTotals(e.sim, azure.disks.ratePerHour()).costPerHour - before).toBeCloseTo(19.71 / 730, 9);
    expect(runLine(e, 'az vm delete -g shop-rg -n jumpbox --yes').exitCode).toBe(0);
    e.sim.advance(600_000);
    const lines = storageLines(e).filter((l) => l.platform === 'azure');
    expect(lines[0]).toMatchObject({ tree: 'westeurope managed disks', kind: 'datastore', type: 'managed' });
    // Five OS disks of 30 GiB (P4, 5.28 each) and a 100 GiB P10 (19.71): 46.11 a month, two of them unattached.
    expect(lines[0]!.state).toBe('$46.11/month, 2 unattached');
    const archive = lines.find((l) => l.tree.endsWith('archive'))!;
    expect(archive).toMatchObject({ type: 'P10', state: '$19.71/mo, unattached', capacityMiB: 100 * 1024, provisionedMiB: 128 * 1024 });
    expect(lines.find((l) => l.tree.includes('jumpbox_OsDisk'))!.state).toBe('$5.28/mo, unattached');
    expect(lines.find((l) => l.tree.includes('reports_OsDisk'))).toMatchObject({ kind: 'disk', state: '$5.28/mo, OS of reports', workloadName: 'reports' });
  });
});
