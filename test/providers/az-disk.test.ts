// az disk and az vm disk against azure-cli vm/custom.py (create_managed_disk's
// Premium_LRS default and "usage error: --size-gb is required to create an empty
// disk"; attach_managed_data_disk's lowest free LUN and 1023 GB --new default;
// "No disk with the name '{}' was found"), vm/_format.py's disk table, knack's
// confirmation without a terminal, ARM's errors (aks/troubleshooting.md's "Disk ...
// is attached to VM ..."; the common VM error codes for the data-disk limit and a
// LUN taken; azure-docs#57951's shrink refusal) and Microsoft Learn's disk tiers
// (P10: 128 GiB, 500 IOPS, 100 MB/s; E6: 64 GiB, 500, 60; S4 the smallest HDD).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { tierOf } from '../../src/providers/azure/disks.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('az disk', () => {
  it('lists each VM’s OS disk and makes empty disks in the tier their size needs', () => {
    const e = defaultEstate(1);
    const list = ok(e, 'az disk list -g shop-rg -o table').split('\n');
    expect(list[0]).toMatch(/^Name +ResourceGroup +Location +Zones +Sku +OsType +SizeGb +ProvisioningState$/);
    expect(list.filter((l) => /_OsDisk_1_[0-9a-f]{32} +shop-rg +westeurope +Premium_LRS +Linux +30 +Succeeded$/.test(l))).toHaveLength(5);
    const d = json(ok(e, 'az disk create -g shop-rg -n data1 --size-gb 100'));
    expect(d).toMatchObject({ name: 'data1', diskSizeGb: 100, tier: 'P10', diskIopsReadWrite: 500, diskMBpsReadWrite: 100, diskState: 'Unattached' });
    expect(d.sku).toEqual({ name: 'Premium_LRS', tier: 'Premium' });
    expect(json(ok(e, 'az disk create -g shop-rg -n cold --size-gb 10 --sku Standard_LRS'))).toMatchObject({ tier: 'S4', diskIopsReadWrite: 500 });
    expect(err(e, 'az disk create -g shop-rg -n x')).toBe('ERROR: usage error: --size-gb is required to create an empty disk');
    expect(err(e, 'az disk show -g shop-rg -n nope', 3)).toMatch(
      /^ERROR: \(ResourceNotFound\) The Resource 'Microsoft.Compute\/disks\/nope' under resource group 'shop-rg' was not found\./,
    );
    expect([tierOf('StandardSSD_LRS', 64).name, tierOf('Premium_LRS', 32_767).name]).toEqual(['E6', 'P80']);
  });

  it('attaches at the lowest free LUN up to the size’s limit, and will not delete or shrink what it should not', () => {
    const e = defaultEstate(1);
    ok(e, 'az disk create -g shop-rg -n data1 --size-gb 100');
    expect(ok(e, 'az vm disk attach -g shop-rg --vm-name jumpbox --name data1')).toBe('');
    expect(ok(e, 'az vm disk attach -g shop-rg --vm-name jumpbox --name logs --new')).toBe('');
    const disks = json(ok(e, 'az vm show -g shop-rg -n jumpbox')) as { storageProfile: { dataDisks: { name: string; lun: number; diskSizeGb: number }[] } };
    expect(disks.storageProfile.dataDisks.map((d) => [d.name, d.lun, d.diskSizeGb])).toEqual([
      ['data1', 0, 100],
      ['logs', 1, 1023],
    ]);
    // Standard_B1s takes two data disks.
    expect(err(e, 'az vm disk attach -g shop-rg --vm-name jumpbox --name more --new --size-gb 8')).toMatch(
      /^ERROR: \(OperationNotAllowed\) The maximum number of data disks allowed to be attached to a VM of this size is 2\./,
    );
    expect(err(e, 'az disk delete -g shop-rg -n data1')).toBe(
      'WARNING: Unable to prompt for confirmation as no tty available. Use --yes.\nERROR: Operation cancelled.',
    );
    expect(err(e, 'az disk delete -g shop-rg -n data1 --yes')).toMatch(
      /^ERROR: \(OperationNotAllowed\) Disk data1 is attached to VM \/subscriptions\/.*\/virtualMachines\/jumpbox\.$/m,
    );
    expect(err(e, 'az disk update -g shop-rg -n data1 --size-gb 50')).toMatch(
      /cannot be resized down\. Reducing disk\/snapshot size is not supported in Azure/,
    );
    expect(err(e, 'az vm disk detach -g shop-rg --vm-name jumpbox -n nope', 3)).toBe("ERROR: No disk with the name 'nope' was found");
    ok(e, 'az vm disk detach -g shop-rg --vm-name jumpbox -n data1');
    expect(runLine(e, 'az disk delete -g shop-rg -n data1 --yes').exitCode).toBe(0);
    expect(err(e, 'az disk show -g shop-rg -n data1', 3)).toMatch(/ResourceNotFound/);
  });

  it('keeps a deleted VM’s OS disk, unattached, and every disk through a save and a load', () => {
    const e = defaultEstate(1);
    ok(e, 'az vm disk attach -g shop-rg --vm-name reports --name logs --new --size-gb 64 --sku StandardSSD_LRS');
    expect(runLine(e, 'az vm delete -g shop-rg -n jumpbox --yes').exitCode).toBe(0);
    e.sim.advance(600_000);
    const os = (JSON.parse(ok(e, 'az disk list -g shop-rg')) as { name: string; diskState: string; managedBy: string | null }[]).find((d) =>
      d.name.startsWith('jumpbox_OsDisk'),
    );
    expect(os).toMatchObject({ diskState: 'Unattached', managedBy: null });
    const file = estateToFile(e);
    const back = estateFromJson(JSON.parse(JSON.stringify(file)));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'az disk list -o table')).toBe(ok(e, 'az disk list -o table'));
    const bad = JSON.parse(JSON.stringify(file));
    bad.providers.azure.disks[0].group = 'nowhere-rg';
    const refused = estateFromJson(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/providers\.azure\.disks\[0\]\.group: no resource group nowhere-rg/);
  });
});
