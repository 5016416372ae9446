// az disk create, list, show, update, delete and az vm disk attach, detach, in
// azure-cli's and ARM's words. Sources: azure-cli vm/custom.py
// (create_managed_disk: sku Premium_LRS by default, "usage error: --size-gb is
// required to create an empty disk"; attach_managed_data_disk: --new makes an
// empty 1023 GB disk unless --size-gb, the lowest free LUN, no output;
// detach_managed_data_disk: "No disk with the name '{}' was found"), vm/_format.py
// transform_disk_show_table_output (Name, ResourceGroup, Location, Zones, Sku,
// OsType, SizeGb, ProvisioningState; a null field drops out of its row),
// vm/commands.py (disk delete asks for confirmation), and ARM's errors as
// Microsoft Learn quotes them (aks/troubleshooting.md: "Disk ... is attached to
// VM ..."; the common VM error codes: "The maximum number of data disks allowed to
// be attached to a VM of this size is {0}.", "A disk at LUN {0} already exists.",
// "Disk '{0}' cannot be attached as the disk is already owned by VM '{1}'.";
// kubernetes#96706's ChangeDiskSizeWhileAttachedNotAllowed; azure-docs#57951's
// "cannot be resized down").

import { simIso, stableUuid } from '../common.js';
import { failure } from '../exec-result.js';
import type { ProviderWorkload } from '../provider.js';
import { type Args, type Command, flag, isError, NO_WAIT, type Outcome, RG, str, YES } from './az-command.js';
import { armError, vmNotFound } from './az-errors.js';
import { groupOf, locationOf } from './az-network-common.js';
import { resourceId, SUBSCRIPTION } from './az-resources.js';
import { OS_DISK_GIB, SIZES } from './defaults.js';
import { DEFAULT_DISK_SKU, DISK_SKUS, type DiskSku, MAX_DISK_GB, type ManagedDisk, NEW_DATA_DISK_GB, tierOf } from './disks.js';
import type { AzureDriver, VmDiskOptions } from './driver.js';

/** The SKUs az accepts (DiskStorageAccountTypes); this simulation keeps the three most used. */
const SKU_CHOICES = ['PremiumV2_LRS', 'Premium_LRS', 'Premium_ZRS', 'StandardSSD_LRS', 'StandardSSD_ZRS', 'Standard_LRS', 'UltraSSD_LRS'];

const NAME = { dest: 'name', options: ['--name', '-n'], required: true } as const;
const SIZE = { dest: 'size-gb', options: ['--size-gb', '-z'] } as const;
const SKU = { dest: 'sku', options: ['--sku'], choices: SKU_CHOICES } as const;

export function diskId(d: ManagedDisk): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${d.group}/providers/Microsoft.Compute/disks/${d.name}`;
}

/** A disk as ARM returns it (the SDK's model, keys sorted when printed). */
function diskObject(azure: AzureDriver, d: ManagedDisk): Record<string, unknown> {
  const tier = tierOf(d.sku, d.sizeGb);
  const vm = d.vm === undefined ? undefined : azure.workload(d.vm);
  return {
    burstingEnabled: null,
    creationData: { createOption: d.os ? 'FromImage' : 'Empty' },
    diskIopsReadWrite: tier.iops,
    diskMBpsReadWrite: tier.mbps,
    diskSizeBytes: d.sizeGb * 1_073_741_824,
    diskSizeGb: d.sizeGb,
    diskState: vm ? 'Attached' : 'Unattached',
    encryption: { diskEncryptionSetId: null, type: 'EncryptionAtRestWithPlatformKey' },
    hyperVGeneration: d.os ? 'V2' : null,
    id: diskId(d),
    location: d.location,
    managedBy: vm ? resourceId(vm) : null,
    name: d.name,
    networkAccessPolicy: 'AllowAll',
    osType: d.os ? 'Linux' : null,
    provisioningState: 'Succeeded',
    publicNetworkAccess: 'Enabled',
    resourceGroup: d.group,
    sku: { name: d.sku, tier: d.sku === 'Premium_LRS' ? 'Premium' : 'Standard' },
    tags: {},
    tier: tier.name,
    timeCreated: simIso(d.createdAt),
    type: 'Microsoft.Compute/disks',
    uniqueId: stableUuid(`disk:${diskId(d)}`),
    zones: null,
  };
}

/** transform_disk_show_table_output, for each disk of a list. */
const diskTable = (r: unknown) =>
  (Array.isArray(r) ? r : [r]).map((d: Record<string, unknown>) => ({
    Name: d.name,
    ResourceGroup: d.resourceGroup,
    Location: d.location,
    Zones: ' ',
    Sku: (d.sku as { name: string }).name,
    OsType: d.osType ?? null,
    SizeGb: d.diskSizeGb,
    ProvisioningState: d.provisioningState,
  }));

function diskNotFound(group: string, name: string): Outcome {
  return armError(
    'ResourceNotFound',
    `The Resource 'Microsoft.Compute/disks/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    3,
  );
}

/** A size in GB as --size-gb takes it: a whole number, at most the largest tier. */
function sizeArg(a: Args): number | Outcome | undefined {
  const text = str(a, 'size-gb');
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) return failure(`ERROR: argument --size-gb/-z: invalid int value: '${text}'`, 2);
  if (n > MAX_DISK_GB)
    return armError('InvalidParameter', `The value of parameter disk.diskSizeGB is invalid. The disk size must be at most ${MAX_DISK_GB} GB.`, 1);
  return n;
}

/** A whole number of GB as argparse's type=int reads it, for an argument of az vm create; undefined: not a number. */
function gbValue(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * az vm create's --os-disk-size-gb and --data-disk-sizes-gb. The OS disk may not be smaller than the image's (30 GB
 * for the Linux images here: ARM's OperationNotAllowed "The specified disk size ... is smaller than the size of the
 * corresponding disk in the VM image: 30 GB", as Terraform users quote it); data disks count against the size's limit
 * (the common VM error codes' "The maximum number of data disks ...").
 */
export function vmCreateDisks(a: Args, size: string): { disks: VmDiskOptions } | Outcome {
  const osText = str(a, 'os-disk-size-gb');
  let osGb: number | undefined;
  if (osText !== undefined) {
    osGb = gbValue(osText);
    if (osGb === undefined) return failure(`ERROR: argument --os-disk-size-gb: invalid int value: '${osText}'`, 2);
    if (osGb > MAX_DISK_GB)
      return armError('InvalidParameter', `The value of parameter osDisk.diskSizeGB is invalid. The disk size must be at most ${MAX_DISK_GB} GB.`, 1);
    if (osGb < OS_DISK_GIB)
      return armError(
        'OperationNotAllowed',
        `The specified disk size ${osGb} GB is smaller than the size of the corresponding disk in the VM image: ${OS_DISK_GIB} GB. ` +
          'This is not allowed. Please choose equal or greater size or do not specify an explicit size.',
        1,
      );
  }
  const dataTexts = (a.get('data-disk-sizes-gb') as string[] | undefined) ?? [];
  const dataGbs: number[] = [];
  for (const text of dataTexts) {
    const gb = gbValue(text);
    if (gb === undefined) return failure(`ERROR: argument --data-disk-sizes-gb: invalid int value: '${text}'`, 2);
    if (gb < 1 || gb > MAX_DISK_GB)
      return armError('InvalidParameter', `The value of parameter dataDisk.diskSizeGB is invalid. The disk size must be between 1 and ${MAX_DISK_GB} GB.`, 1);
    dataGbs.push(gb);
  }
  const max = SIZES.find((s) => s.name === size)?.maxDataDisks;
  if (max !== undefined && dataGbs.length > max)
    return armError('OperationNotAllowed', `The maximum number of data disks allowed to be attached to a VM of this size is ${max}.`, 1);
  return { disks: { ...(osGb === undefined ? {} : { osGb }), ...(dataGbs.length > 0 ? { dataGbs } : {}) } };
}

/** The SKU --sku names, if this simulation keeps it. */
function skuArg(a: Args): DiskSku | Outcome | undefined {
  const sku = str(a, 'sku');
  if (sku === undefined) return undefined;
  if (!(DISK_SKUS as readonly string[]).includes(sku)) return failure(`ERROR: (hyperpane: --sku ${sku} is not simulated; use ${DISK_SKUS.join(', ')})`, 1);
  return sku as DiskSku;
}

const isOutcome = (x: unknown): x is Outcome => typeof x === 'object' && x !== null && (isError(x as Outcome) || 'result' in (x as object));

/** The disk -g and -n name (undefined: none of that name), after the group is checked and gone VMs' disks detached. */
function namedDisk(azure: AzureDriver, a: Args): { disk: ManagedDisk | undefined; group: string; name: string } | Outcome {
  const g = groupOf(azure, a);
  if (isError(g)) return g;
  azure.detachGone();
  const name = str(a, 'name')!;
  return { disk: azure.disks.get(g.name, name), group: g.name, name };
}

export const DISK: Readonly<Record<string, Command>> = {
  create: {
    args: [{ ...RG, required: true }, NAME, SIZE, SKU, { dest: 'location', options: ['--location', '-l'] }, NO_WAIT],
    noWait: true,
    table: diskTable,
    run: (azure, a) => {
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      const size = sizeArg(a);
      if (isOutcome(size)) return size;
      const sku = skuArg(a);
      if (isOutcome(sku)) return sku;
      if (size === undefined) return failure('ERROR: usage error: --size-gb is required to create an empty disk', 1);
      const location = locationOf(a, g);
      if (isError(location)) return location;
      const name = str(a, 'name')!;
      const existing = azure.disks.get(g.name, name);
      // A PUT of a disk that exists updates it, as az disk update would.
      if (existing) return resize(azure, existing, size, sku);
      const d = azure.disks.add({ name, group: g.name, location, sku: sku ?? DEFAULT_DISK_SKU, sizeGb: size, createdAt: azure.sim.now, os: false });
      return { result: () => diskObject(azure, d), changed: true };
    },
  },
  list: {
    args: [RG],
    table: diskTable,
    run: (azure, a) => {
      const g = str(a, 'resource-group');
      if (g !== undefined && !azure.group(g)) return groupOf(azure, a) as Outcome;
      azure.detachGone();
      return {
        result: () =>
          azure.disks
            .all()
            .filter((d) => g === undefined || d.group.toLowerCase() === g.toLowerCase())
            // What the caller may read, as ARM filters a list (az-access.ts asks nothing of a list).
            .filter((d) => azure.mayRead('Microsoft.Compute/disks/read', diskId(d)))
            .map((d) => diskObject(azure, d)),
      };
    },
  },
  show: {
    args: [{ ...RG, required: true }, NAME],
    table: diskTable,
    run: (azure, a) => {
      const n = namedDisk(azure, a);
      if (isOutcome(n)) return n;
      const d = n.disk;
      return d ? { result: () => diskObject(azure, d) } : diskNotFound(n.group, n.name);
    },
  },
  update: {
    args: [{ ...RG, required: true }, NAME, SIZE, SKU, NO_WAIT],
    noWait: true,
    table: diskTable,
    run: (azure, a) => {
      const n = namedDisk(azure, a);
      if (isOutcome(n)) return n;
      const d = n.disk;
      if (!d) return diskNotFound(n.group, n.name);
      const size = sizeArg(a);
      if (isOutcome(size)) return size;
      const sku = skuArg(a);
      if (isOutcome(sku)) return sku;
      return resize(azure, d, size, sku);
    },
  },
  delete: {
    args: [{ ...RG, required: true }, NAME, NO_WAIT, YES],
    noWait: true,
    confirm: true,
    run: (azure, a) => {
      const n = namedDisk(azure, a);
      if (isOutcome(n)) return n;
      const d = n.disk;
      // ARM answers 204 for a disk that is not there: nothing to say.
      if (!d) return { result: () => null };
      const vm = d.vm === undefined ? undefined : azure.workload(d.vm);
      if (vm) return armError('OperationNotAllowed', `Disk ${d.name} is attached to VM ${resourceId(vm)}.`, 1);
      azure.disks.remove(d);
      return { result: () => null, changed: true };
    },
  },
};

/** A disk's new size or SKU: never smaller; an OS disk only while its VM is deallocated. */
function resize(azure: AzureDriver, d: ManagedDisk, sizeGb: number | undefined, sku: DiskSku | undefined): Outcome {
  const vm = d.vm === undefined ? undefined : azure.workload(d.vm);
  if (sizeGb !== undefined && sizeGb < d.sizeGb)
    return armError(
      'BadRequest',
      `The disk/snapshot resource with id ${diskId(d)} cannot be resized down. Reducing disk/snapshot size is not supported in Azure to prevent data loss. ` +
        'If you do need to reduce the size of the disk, please create new snapshot/disks with the appropriate size. More information is available at https://aka.ms/AzureDisksFAQ',
      1,
    );
  if (sizeGb !== undefined && sizeGb !== d.sizeGb && d.os && vm && vm.state !== 'deallocated')
    return armError(
      'OperationNotAllowed',
      `Cannot resize disk ${d.name} while it is attached to running VM ${resourceId(vm)}. ` +
        'Resizing a disk of an Azure Virtual Machine requires the virtual machine to be deallocated. Please stop your VM and retry the operation.',
      1,
    );
  azure.disks.reshape(d, azure.sim.now, { sizeGb, sku });
  return { result: () => diskObject(azure, d), changed: true };
}

function vmNamed(azure: AzureDriver, group: string, name: string): ProviderWorkload | Outcome {
  return azure.workload(azure.vmId(group, name)) ?? vmNotFound(group, name);
}

export const VM_DISK: Readonly<Record<string, Command>> = {
  attach: {
    args: [
      { ...RG, required: true },
      { dest: 'vm-name', options: ['--vm-name'], required: true },
      { dest: 'name', options: ['--name', '-n'] },
      { dest: 'new', options: ['--new'], kind: 'flag' },
      SIZE,
      SKU,
      { dest: 'lun', options: ['--lun'] },
      { dest: 'caching', options: ['--caching'], choices: ['None', 'ReadOnly', 'ReadWrite'] },
    ],
    run: (azure, a) => {
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      const name = str(a, 'name');
      if (name === undefined) return failure('ERROR: Please use --name or --disks to specify the disk names', 1);
      const vm = vmNamed(azure, g.name, str(a, 'vm-name')!);
      if (isOutcome(vm)) return vm;
      azure.detachGone();
      const size = sizeArg(a);
      if (isOutcome(size)) return size;
      const sku = skuArg(a);
      if (isOutcome(sku)) return sku;
      const lunText = str(a, 'lun');
      if (lunText !== undefined && !/^\d+$/.test(lunText)) return failure(`ERROR: argument --lun: invalid int value: '${lunText}'`, 2);
      const data = azure.disks.of(vm.id).filter((d) => !d.os);
      const max = SIZES.find((s) => s.name === vm.attrs.size)?.maxDataDisks ?? 0;
      if (data.length >= max)
        return armError('OperationNotAllowed', `The maximum number of data disks allowed to be attached to a VM of this size is ${max}.`, 1);
      const lun = lunText === undefined ? azure.disks.freeLun(vm.id) : Number(lunText);
      // A VM's SCSI LUNs run 0-63 (the largest sizes take 64 data disks); ARM's own words for one past them were not found.
      if (lun > 63) return failure(`ERROR: (hyperpane: --lun ${lun}: a data disk's LUN is 0 to 63)`, 1);
      if (data.some((d) => d.lun === lun)) return armError('InvalidParameter', `A disk at LUN ${lun} already exists.`, 1);
      let disk = azure.disks.get(g.name, name);
      if (flag(a, 'new')) {
        if (disk) return armError('Conflict', `A disk named '${name}' already exists in resource group '${g.name}'. (hyperpane: attach it without --new)`, 1);
        disk = azure.disks.add({
          name,
          group: g.name,
          location: String(vm.attrs.location),
          sku: sku ?? DEFAULT_DISK_SKU,
          sizeGb: size ?? NEW_DATA_DISK_GB,
          createdAt: azure.sim.now,
          os: false,
        });
      }
      if (!disk) return diskNotFound(g.name, name);
      if (disk.vm !== undefined && disk.vm !== vm.id) {
        const owner = azure.workload(disk.vm);
        return armError(
          'ConflictingUserInput',
          `Disk '${diskId(disk)}' cannot be attached as the disk is already owned by VM '${owner ? resourceId(owner) : disk.vm}'.`,
          1,
        );
      }
      if (disk.os) return failure(`ERROR: (hyperpane: ${disk.name} is an OS disk; attaching one as a data disk is not simulated)`, 1);
      azure.disks.attach(disk, vm.id, lun);
      return { result: () => null, changed: true };
    },
  },
  detach: {
    args: [
      { ...RG, required: true },
      { dest: 'vm-name', options: ['--vm-name'], required: true },
      { dest: 'name', options: ['--name', '-n'], required: true },
      { dest: 'force-detach', options: ['--force-detach'], kind: 'flag' },
    ],
    run: (azure, a) => {
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      const vm = vmNamed(azure, g.name, str(a, 'vm-name')!);
      if (isOutcome(vm)) return vm;
      azure.detachGone();
      const name = str(a, 'name')!;
      const disk = azure.disks.of(vm.id).find((d) => !d.os && d.name.toLowerCase() === name.toLowerCase());
      if (!disk) return failure(`ERROR: No disk with the name '${name}' was found`, 3);
      azure.disks.attach(disk);
      return { result: () => null, changed: true };
    },
  },
};
