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
/** Two hours of simulated time (7,200 ticks): a month would take the tick seconds for nothing the rate does not already say. */
const SPAN = 2 * HOUR;
const perSpan = (monthly: number) => (monthly / HOURS_PER_MONTH) * 2;

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
    e.sim.advance(SPAN);
    expect(azure.cost(id).soFar).toBe(compute);
    // Its 30 GiB OS disk is a P4: two hours of it are the P4's monthly price over 730 hours, twice.
    expect(azure.diskCost(id).soFar - disks).toBeCloseTo(perSpan(5.28), 9);
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
    e.sim.advance(SPAN);
    expect(diskCost(d, e.sim.now)).toBeCloseTo(perSpan(9.6), 9);
    ok(e, 'az disk update -g shop-rg -n archive --size-gb 200');
    e.sim.advance(SPAN);
    // Two hours of E10 (9.60 a month), then two of E15 (19.20).
    const both = perSpan(9.6) + perSpan(19.2);
    expect(diskCost(d, e.sim.now)).toBeCloseTo(both, 9);
    // A save and a load keep what it has cost and its rate.
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(diskCost(back.value.providers.azure.disks.get('shop-rg', 'archive')!, back.value.sim.now)).toBeCloseTo(both, 9);
    const bad = JSON.parse(JSON.stringify(estateToFile(e)));
    const i = bad.providers.azure.disks.findIndex((x: { name: string }) => x.name === 'archive');
    bad.providers.azure.disks[i].costFrom = bad.clock.now + 1;
    const refused = estateFromJson(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(new RegExp(`providers\\.azure\\.disks\\[${i}\\]\\.costFrom: not between`));
  });

  it('makes az vm create’s OS disk the size asked and its data disks at LUN 0, 1..., named as ARM names them', () => {
    const e = defaultEstate(1);
    const azure = e.providers.azure;
    ok(e, 'az vm create -g shop-rg -n big --image Ubuntu2404 --size Standard_D4s_v5 --os-disk-size-gb 100 --data-disk-sizes-gb 100 600');
    const disks = azure.disks.of('shop-rg/big');
    expect(disks.map((d) => [d.os, d.sizeGb, d.lun, tierOf(d.sku, d.sizeGb).name])).toEqual([
      [true, 100, undefined, 'P10'],
      [false, 100, 0, 'P10'],
      [false, 600, 1, 'P30'],
    ]);
    // az resource list transcripts: "<vm>_disk2_<32 hex digits>" for the first data disk.
    expect(disks[1]!.name).toMatch(/^big_disk2_[0-9a-f]{32}$/);
    expect(disks[2]!.name).toMatch(/^big_disk3_[0-9a-f]{32}$/);
    expect(azure.diskCost('shop-rg/big').perHour).toBeCloseTo((19.71 + 19.71 + 135.17) / 730, 9);
    // A Terraform user's transcript of ARM's refusal (OperationNotAllowed, target osDisk.diskSizeGB).
    expect(runLine(e, 'az vm create -g shop-rg -n small --image Ubuntu2404 --os-disk-size-gb 10').stderr).toMatch(
      /^ERROR: \(OperationNotAllowed\) The specified disk size 10 GB is smaller than the size of the corresponding disk in the VM image: 30 GB\. This is not allowed\./,
    );
    expect(runLine(e, 'az vm create -g shop-rg -n many --image Ubuntu2404 --size Standard_B1s --data-disk-sizes-gb 8 8 8').stderr).toMatch(
      /^ERROR: \(OperationNotAllowed\) The maximum number of data disks allowed to be attached to a VM of this size is 2\./,
    );
    expect(runLine(e, 'az vm create -g shop-rg -n odd --image Ubuntu2404 --os-disk-size-gb big').stderr).toBe(
      "ERROR: argument --os-disk-size-gb: invalid int value: 'big'\n",
    );
    expect(azure.workload('shop-rg/small')).toBeUndefined();
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
    expect(lines[0]!.state).toBe('$46.11/mo, 2 unattached');
    const archive = lines.find((l) => l.tree.endsWith('archive'))!;
    expect(archive).toMatchObject({ type: 'P10', state: '$19.71/mo, unattached', capacityMiB: 100 * 1024, provisionedMiB: 128 * 1024 });
    expect(lines.find((l) => l.tree.includes('jumpbox_OsDisk'))!.state).toBe('$5.28/mo, unattached');
    expect(lines.find((l) => l.tree.includes('reports_OsDisk'))).toMatchObject({ kind: 'disk', state: '$5.28/mo, OS of reports', workloadName: 'reports' });
  });
});
