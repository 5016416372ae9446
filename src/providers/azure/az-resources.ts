// What az prints for this cloud's resources: the VM model (azure-mgmt-compute
// VirtualMachine as `az vm show` serialises it, unset fields as null), the
// --show-details fields (azure-cli vm custom.py get_vm_details: powerState,
// publicIps, fqdns, privateIps, macAddresses), `az vm create`'s summary
// (vm/_format.py transform_vm_create_output), the instance view, resource groups,
// sizes and usages. Addresses come from the VM's NICs (networks.ts).
import { simIso, stableUuid } from '../common.js';
import type { ProviderWorkload } from '../provider.js';
import { IMAGES, OS_DISK_GIB } from './defaults.js';
import { type ManagedDisk, osDiskName } from './disks.js';

export const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

export function resourceId(v: ProviderWorkload): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${v.attrs.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${v.name}`;
}

/** A VM's NICs as its model and its details show them: their ids, private and public addresses and MACs. */
/** A VM's managed disks: its OS disk (undefined for a VM being made) and its data disks by LUN. */
export interface VmStorage {
  readonly os: ManagedDisk | undefined;
  readonly data: readonly ManagedDisk[];
}

export interface VmAddresses {
  readonly nics: readonly { readonly id: string; readonly group: string }[];
  readonly privateIps: readonly string[];
  readonly publicIps: readonly string[];
  readonly macs: readonly string[];
}

/** The provisioning state ARM reports: Creating while the VM is created, Updating while an operation runs, then Succeeded. */
function provisioningState(v: ProviderWorkload): string {
  if (v.state === 'provisioning') return 'Creating';
  if (v.state === 'deleted') return 'Deleting';
  return v.target !== undefined ? 'Updating' : 'Succeeded';
}

/**
 * Current az reads VMs through AAZ (vm/operations/vm.py VMShow, deserialize_output),
 * which leaves out what the service did not return: no null fields, no zones on a
 * VM without zones (recorded: `az vm list -o table` shows no Zones column then).
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** `az vm show` / `az vm list`: the VirtualMachine model; with -d, the details get_vm_details adds. */
export function vmObject(v: ProviderWorkload, details: boolean, addr: VmAddresses, storage: VmStorage): Record<string, unknown> {
  return withoutNulls(vmModel(v, details, addr, storage)) as Record<string, unknown>;
}

/** A disk's managedDisk reference as a VM's storage profile holds it (its group upper-cased, as ARM returns it). */
function managedDisk(d: ManagedDisk): Record<string, unknown> {
  return {
    diskEncryptionSet: null,
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${d.group.toUpperCase()}/providers/Microsoft.Compute/disks/${d.name}`,
    resourceGroup: d.group.toUpperCase(),
    securityProfile: null,
    storageAccountType: d.sku,
  };
}

function vmModel(v: ProviderWorkload, details: boolean, addr: VmAddresses, storage: VmStorage): Record<string, unknown> {
  const urn = String(v.attrs.imageUrn ?? IMAGES[v.image] ?? v.image).split(':');
  const group = String(v.attrs.resourceGroup);
  const osDisk = storage.os?.name ?? osDiskName(v.id, v.name, 0);
  return {
    additionalCapabilities: null,
    applicationProfile: null,
    availabilitySet: null,
    billingProfile: null,
    capacityReservation: null,
    diagnosticsProfile: { bootDiagnostics: { enabled: true, storageUri: null } },
    etag: null,
    evictionPolicy: null,
    extendedLocation: null,
    extensionsTimeBudget: null,
    hardwareProfile: { vmSize: v.attrs.size, vmSizeProperties: null },
    host: null,
    hostGroup: null,
    id: resourceId(v),
    identity: null,
    instanceView: null,
    licenseType: null,
    location: v.attrs.location,
    managedBy: null,
    name: v.name,
    networkProfile: {
      networkApiVersion: null,
      networkInterfaceConfigurations: null,
      networkInterfaces: addr.nics.map((n) => ({ deleteOption: null, id: n.id, primary: null, resourceGroup: n.group })),
    },
    osProfile: {
      adminPassword: null,
      adminUsername: 'azureuser',
      allowExtensionOperations: true,
      computerName: v.name,
      customData: null,
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        enableVmAgentPlatformUpdates: false,
        patchSettings: { assessmentMode: 'ImageDefault', automaticByPlatformSettings: null, patchMode: 'ImageDefault' },
        provisionVmAgent: true,
        ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAA... (simulated)', path: '/home/azureuser/.ssh/authorized_keys' }] },
      },
      requireGuestProvisionSignal: true,
      secrets: [],
      windowsConfiguration: null,
    },
    plan: null,
    platformFaultDomain: null,
    priority: null,
    provisioningState: provisioningState(v),
    proximityPlacementGroup: null,
    resourceGroup: group,
    resources: null,
    scheduledEventsPolicy: null,
    scheduledEventsProfile: null,
    // Trusted launch is the default security type of new VMs from Gen2 images.
    securityProfile: { securityType: 'TrustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    storageProfile: {
      dataDisks: storage.data.map((d) => ({
        caching: 'None',
        createOption: 'Attach',
        deleteOption: 'Detach',
        detachOption: null,
        diskIopsReadWrite: null,
        diskMBpsReadWrite: null,
        diskSizeGb: d.sizeGb,
        image: null,
        lun: d.lun,
        managedDisk: managedDisk(d),
        name: d.name,
        toBeDetached: false,
        vhd: null,
        writeAcceleratorEnabled: false,
      })),
      diskControllerType: 'SCSI',
      imageReference: {
        communityGalleryImageId: null,
        exactVersion: '1.0.0',
        id: null,
        offer: urn[1],
        publisher: urn[0],
        sharedGalleryImageId: null,
        sku: urn[2],
        version: urn[3],
      },
      osDisk: {
        caching: 'ReadWrite',
        createOption: 'FromImage',
        deleteOption: 'Detach',
        diffDiskSettings: null,
        diskSizeGb: storage.os?.sizeGb ?? OS_DISK_GIB,
        encryptionSettings: null,
        image: null,
        managedDisk: storage.os
          ? managedDisk(storage.os)
          : {
              diskEncryptionSet: null,
              id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group.toUpperCase()}/providers/Microsoft.Compute/disks/${osDisk}`,
              resourceGroup: group.toUpperCase(),
              securityProfile: null,
              storageAccountType: 'Premium_LRS',
            },
        name: osDisk,
        osType: 'Linux',
        vhd: null,
        writeAcceleratorEnabled: null,
      },
    },
    tags: null,
    timeCreated: simIso(Number(v.attrs.created ?? 0)),
    type: 'Microsoft.Compute/virtualMachines',
    userData: null,
    virtualMachineScaleSet: null,
    vmId: stableUuid(v.id),
    zones: null,
    // vm/custom.py get_vm_details: each list joined with ','.
    ...(details
      ? { fqdns: '', macAddresses: addr.macs.join(','), powerState: v.nativeState, privateIps: addr.privateIps.join(','), publicIps: addr.publicIps.join(',') }
      : {}),
  };
}

/**
 * vm/_format.py transform_vm_create_output, in its own order (an OrderedDict: -o table
 * and tsv keep it; json sorts it). 'zones' only when the VM has the attribute, which
 * a VM read through AAZ without zones does not (recorded `az vm create` output, 2026:
 * fqdns, id, location, macAddress, powerState, privateIpAddress, publicIpAddress, resourceGroup).
 */
export function createResultInOrder(v: ProviderWorkload, addr: VmAddresses): Record<string, unknown> {
  return {
    id: resourceId(v),
    resourceGroup: v.attrs.resourceGroup,
    powerState: v.nativeState,
    publicIpAddress: addr.publicIps.join(','),
    fqdns: '',
    privateIpAddress: addr.privateIps.join(','),
    macAddress: addr.macs.join(','),
    location: v.attrs.location,
  };
}

/** The PowerState/ code the instance view carries for a native power state ("VM running" -> running). */
const powerCode = (nativeState: string) => nativeState.replace(/^VM /, '');

/** `az vm get-instance-view`: the VM with its instanceView (statuses[0] provisioning, statuses[1] power). */
export function instanceView(v: ProviderWorkload, now: number, addr: VmAddresses, storage: VmStorage): Record<string, unknown> {
  const prov = provisioningState(v);
  const statuses = [
    {
      code: `ProvisioningState/${prov.toLowerCase()}`,
      displayStatus: prov === 'Succeeded' ? 'Provisioning succeeded' : `Provisioning ${prov.toLowerCase()}`,
      level: 'Info',
      message: null,
      time: prov === 'Succeeded' ? simIso(now) : null,
    },
    { code: `PowerState/${powerCode(v.nativeState)}`, displayStatus: v.nativeState, level: 'Info', message: null, time: null },
  ];
  return {
    ...vmObject(v, false, addr, storage),
    instanceView: {
      assignedHost: null,
      bootDiagnostics: null,
      computerName: v.name,
      disks: [],
      extensions: null,
      hyperVGeneration: 'V2',
      isVmInStandbyPool: null,
      maintenanceRedeployStatus: null,
      osName: null,
      osVersion: null,
      patchStatus: null,
      platformFaultDomain: null,
      platformUpdateDomain: null,
      rdpThumbPrint: null,
      statuses,
      vmAgent: null,
      vmHealth: null,
    },
  };
}

/** azure-mgmt-resource ResourceGroup, as `az group show/create/list` print it. */
export function groupObject(g: { name: string; location: string }): Record<string, unknown> {
  return {
    id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${g.name}`,
    location: g.location,
    managedBy: null,
    name: g.name,
    properties: { provisioningState: 'Succeeded' },
    tags: null,
    type: 'Microsoft.Resources/resourceGroups',
  };
}
