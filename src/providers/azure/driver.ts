// The Azure driver: Linux VMs in resource groups in regions, real size shapes and
// prices, vCPU quotas per region and per family (deallocated VMs count), billing
// by power state, B-series CPU credits, provisioning that takes a minute or two.
// A region is a site with one pool "host" of practically unbounded capacity:
// customers of a cloud meet its quotas, not its hardware.

import { fail, ok, type Result } from '../../core/result.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import { gib, tib, vcpu } from '../../core/units.js';
import type { WorkloadView } from '../../core/views.js';
import type { TopologyPart } from '../../network/topology.js';
import type { LineAccess } from '../access/line-access.js';
import type { CapabilityId } from '../capabilities.js';
import { stableUuid } from '../common.js';
import { DriverBase } from '../driver-base.js';
import type { CreateRequest, ExecResult, Operation, PerformArgs } from '../provider.js';
import { AZ_PHRASES, az } from './az.js';
import { azAccess } from './az-access.js';
import type { VmAddresses, VmStorage } from './az-resources.js';
import {
  AZURE_DURATIONS,
  AZURE_POLICY,
  DEFAULT_QUOTA,
  FAMILY_LABEL,
  IMAGES,
  OS_DISK_GIB,
  POWER_STATE,
  REGIONS,
  SIZES,
  sizeNamed,
  type VmSize,
} from './defaults.js';
import { AzureDisks, DEFAULT_DISK_SKU, diskCost, diskRatePerHour, type ManagedDisk, type ManagedDiskState, osDiskName, tierOf } from './disks.js';
import { nicId, publicIpId } from './network-objects.js';
import { AzureNetworks, type AzureNetworksState, isFault, type NetworkInterface } from './networks.js';
import { type AzureBalancer, azureTopology, balancers, flowVerdict } from './topology.js';
import { networkVm, type VmNetworkOptions } from './vm-networking.js';

export interface ResourceGroup {
  readonly name: string;
  readonly location: string;
}

/** az vm create's disks: --os-disk-size-gb, and --data-disk-sizes-gb's empty data disks. */
export interface VmDiskOptions {
  readonly osGb?: number;
  readonly dataGbs?: readonly number[];
}

export class AzureDriver extends DriverBase {
  readonly platform = 'azure';
  readonly name = 'Azure';
  readonly terms = {
    workload: 'VM',
    workloads: 'VMs',
    host: 'region',
    hosts: 'regions',
    snapshot: 'snapshot',
    snapshots: 'snapshots',
    group: 'resource group',
  };
  readonly commands = ['az'];
  readonly vocabulary = AZ_PHRASES.map((p) => `az ${p}`);
  readonly examples = [
    'az vm list -o table',
    'az vm create -g shop-rg -n shop-web-3 --image Ubuntu2404 --size Standard_B2s',
    'az vm deallocate -g shop-rg -n reports',
    'az vm list-sizes -l westeurope -o table',
    'az vm list-usage -l westeurope -o table',
    'az vm resize -g shop-rg -n shop-api --size Standard_D4s_v5',
  ];
  readonly supported: readonly CapabilityId[] = ['start', 'stop', 'restart', 'deallocate', 'resize', 'delete'];
  readonly groups = new Map<string, ResourceGroup>();
  /** VNets, subnets, security groups, public IPs and NICs (a file's, or made by az). */
  networks = new AzureNetworks();
  /** Managed disks: each VM's OS disk and the data disks made or attached. */
  disks = new AzureDisks();

  constructor(sim: SimulationApi) {
    super(sim);
    sim.setPlatformPolicy('azure', AZURE_POLICY);
  }

  /** Makes a region exist in the estate: its site, its pool, its quotas. */
  ensureRegion(region: string): Result<void> {
    if (!REGIONS[region])
      return fail(
        'invalid-input',
        `The provided location '${region}' is not available for resource types. List of available regions for this simulation: '${Object.keys(REGIONS).join(',')}'.`,
        undefined,
        { field: 'location' },
      );
    if (this.sim.site(region)) return ok(undefined);
    const steps = [
      this.sim.addSite({ id: region, kind: 'region', location: REGIONS[region] }),
      this.sim.addCluster({ id: `${region}-pool`, site: region, platform: 'azure' }),
      this.sim.addHost({ id: `${region}-capacity`, cluster: `${region}-pool`, cores: 1_000_000, memoryMiB: tib(8192), storageMiB: tib(1_000_000) }),
    ];
    const failed = steps.find((s) => !s.ok);
    if (failed && !failed.ok) return failed;
    this.sim.defineQuota(`${region}/total`, `Total Regional vCPUs in ${region}`, DEFAULT_QUOTA.regional);
    for (const [family, label] of Object.entries(FAMILY_LABEL)) this.sim.defineQuota(`${region}/${family}`, `${label} in ${region}`, DEFAULT_QUOTA.perFamily);
    return ok(undefined);
  }

  /** az group create: resource group names are case-insensitive, as Azure's are. */
  createGroup(name: string, location: string): Result<ResourceGroup> {
    if (!/^[-\w._()]{1,90}$/.test(name) || name.endsWith('.'))
      return fail(
        'invalid-input',
        `Resource group names only allow alphanumeric characters, periods, underscores, hyphens and parenthesis and cannot end in a period.`,
      );
    const region = this.ensureRegion(location);
    if (!region.ok) return region;
    const existing = this.group(name);
    if (existing) return ok(existing);
    const rg = { name, location };
    this.groups.set(name.toLowerCase(), rg);
    return ok(rg);
  }

  group(name: string): ResourceGroup | undefined {
    return this.groups.get(name.toLowerCase());
  }

  vmId(group: string, name: string): string {
    return `${this.group(group)?.name ?? group}/${name}`;
  }

  size(id: string): VmSize | undefined {
    const v = this.sim.workload(id);
    return v ? sizeNamed(String(v.attrs.size)) : undefined;
  }

  cost(id: string): { soFar: number; perHour: number } {
    const row = this.sim.workloadRow(id)!;
    return { soFar: row.cost, perHour: row.hourlyRate };
  }

  /** What a VM's disks (its OS disk and data disks) have cost so far and cost an hour: billed in every power state. */
  diskCost(id: string): { soFar: number; perHour: number } {
    let soFar = 0;
    let perHour = 0;
    for (const d of this.disks.of(id)) {
      soFar += diskCost(d, this.sim.now);
      perHour += diskRatePerHour(d);
    }
    return { soFar, perHour };
  }

  credits(id: string): number | undefined {
    return this.sim.workloadRow(id)!.credits;
  }

  create(request: CreateRequest): Result<Operation> {
    return this.createNetworkedVm(request, {});
  }

  /**
   * A VM and its networking, as one deployment: the networking first (a VNet, a
   * subnet, an NSG, a public IP and a NIC, unless they exist), undone if the VM
   * itself is refused, so a refused create leaves nothing behind.
   */
  createNetworkedVm(request: CreateRequest, network: VmNetworkOptions, disks: VmDiskOptions = {}): Result<Operation> {
    let undo: (() => void) | undefined;
    const r = this.createVmOnly(request, network, disks, (u) => {
      undo = u;
    });
    if (!r.ok) undo?.();
    return r;
  }

  /** Forgets the VM of each NIC whose VM is gone: a deleted VM's NIC stays, detached (its deleteOption is Detach by default). */
  detachGone(): void {
    for (const n of this.networks.nics.values()) if (n.vm !== undefined && !this.alive(n.vm)) this.networks.attach(n, undefined);
    // Its disks stay too, unattached (the OS disk's deleteOption is Detach; data disks are always kept).
    for (const d of [...this.disks.values()]) if (d.vm !== undefined && !this.alive(d.vm)) this.disks.attach(d);
  }

  /** What an estate file keeps of the managed disks, when there are any. */
  disksState(): { disks?: ManagedDiskState[] } {
    this.detachGone();
    const list = this.disks.state();
    return list.length > 0 ? { disks: list } : {};
  }

  /** A VM's managed disks: its OS disk and its data disks, by LUN. */
  storageOf(id: string): VmStorage {
    const disks = this.disks.of(id);
    return { os: disks.find((d) => d.os), data: disks.filter((d) => !d.os) };
  }

  /** Gives each VM with no OS disk (one from a file written before disks, or just made) the one az vm create makes. */
  diskUndisked(): void {
    this.detachGone();
    for (const v of this.workloads())
      if (!this.disks.of(v.id).some((d) => d.os)) this.addOsDisk(v.id, v.name, String(v.attrs.resourceGroup), String(v.attrs.location));
  }

  /** A new VM's OS disk, named apart from any earlier VM's of the same name that is still there. */
  private addOsDisk(id: string, name: string, group: string, location: string, sizeGb = OS_DISK_GIB): void {
    let n = 0;
    while (this.disks.get(group, osDiskName(id, name, n))) n++;
    this.disks.add({ name: osDiskName(id, name, n), group, location, sku: DEFAULT_DISK_SKU, sizeGb, createdAt: this.sim.now, vm: id, os: true });
  }

  private alive(id: string): boolean {
    const v = this.sim.workload(id);
    return v !== undefined && v.state !== 'deleted';
  }

  /** What an estate file keeps of the networks, when there are any. */
  networksState(): { networks?: AzureNetworksState } {
    this.detachGone();
    const n = this.networks;
    return n.vnets.size + n.nsgs.size + n.publicIps.size + n.nics.size + n.lbs.size > 0 ? { networks: n.state() } : {};
  }

  /** IP flow verify's verdict for one packet at one of a VM's NICs (az network watcher test-ip-flow). */
  flowVerdict(...args: Parameters<typeof flowVerdict> extends [unknown, ...infer R] ? R : never) {
    return flowVerdict(this, ...args);
  }

  /** The load balancers, as the shared model reads them. */
  balancers(): AzureBalancer[] {
    return balancers(this);
  }

  /** Azure's part of the estate's network topology. */
  topology(): TopologyPart {
    return azureTopology(this);
  }

  /** The VM's NICs' ids, addresses and MACs, as its model and details show them. */
  addresses(id: string): VmAddresses {
    const nics = this.nicsOf(id);
    return {
      nics: nics.map((n) => ({ id: nicId(n), group: n.group })),
      privateIps: nics.map((n) => n.ip),
      publicIps: this.publicIpsOf(id).map((p) => p.ip),
      macs: nics.map((n) => n.mac),
    };
  }

  /** The public IPs on the VM's NICs. */
  publicIpsOf(id: string): { id: string; name: string; group: string; ip: string }[] {
    return this.nicsOf(id).flatMap((n) => {
      const p = n.publicIp ? this.networks.publicIp(n.group, n.publicIp) : undefined;
      return p ? [{ id: publicIpId(p), name: p.name, group: p.group, ip: p.ip }] : [];
    });
  }

  /** The VM's NICs, its primary first. */
  nicsOf(id: string): NetworkInterface[] {
    return this.networks.nicsOf(id);
  }

  /** Gives each VM that has no NIC (one from a file written before networks) the networking az vm create would have made. */
  networkUnnetworked(): void {
    this.detachGone();
    for (const v of this.workloads())
      if (this.networks.nicsOf(v.id).length === 0)
        networkVm(this.networks, v.id, v.name, String(v.attrs.resourceGroup), String(v.attrs.location), {}, (id) => this.alive(id));
  }

  private createVmOnly(request: CreateRequest, network: VmNetworkOptions, disks: VmDiskOptions, made: (undo: () => void) => void): Result<Operation> {
    const groupName = request.group ?? 'default-rg';
    const rg = this.group(groupName) ?? (request.region ? this.createGroup(groupName, request.region) : undefined);
    if (!rg || ('ok' in rg && !rg.ok)) return fail('not-found', `Resource group '${groupName}' could not be found.`);
    const group = 'ok' in rg ? rg.value : rg;
    const size = sizeNamed(request.size ?? 'Standard_B1s');
    if (!size)
      return fail(
        'invalid-input',
        `The value ${request.size} of parameter 'vmSize' is not allowed. Allowed values are ${SIZES.map((s) => s.name).join(', ')}.`,
      );
    const imageAlias = request.image ?? 'Ubuntu2404';
    const image = IMAGES[imageAlias] ?? (/^[\w-]+:[\w.-]+:[\w.-]+:[\w.-]+$/.test(imageAlias) ? imageAlias : undefined);
    if (!image)
      return fail(
        'invalid-input',
        `Invalid image "${imageAlias}". Use a Linux alias (${Object.keys(IMAGES).join(', ')}) or publisher:offer:sku:version. This simulation's cloud runs Linux VMs.`,
      );
    if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/.test(request.name) || /[._-]$/.test(request.name)) {
      return fail(
        'invalid-input',
        `Linux VM names may only contain letters, numbers, '.', '-' and '_', at most 64 characters, and cannot end with '.', '-' or '_'.`,
      );
    }
    const region = group.location;
    const id = this.vmId(group.name, request.name);
    if (this.alive(id)) return fail('duplicate-id', `A VM named ${request.name} already exists in resource group ${group.name}.`);
    this.detachGone();
    const nic = networkVm(this.networks, id, request.name, group.name, region, network, (w) => this.alive(w));
    if (isFault(nic)) return fail('invalid-input', nic.message, undefined, { field: nic.code });
    made(nic.undo);
    const r = this.sim.createWorkload({
      id,
      name: request.name,
      platform: 'azure',
      cpuMilli: vcpu(size.vcpus),
      memoryMiB: gib(size.memoryGiB),
      diskMiB: gib(disks.osGb ?? OS_DISK_GIB),
      image: imageAlias,
      durations: AZURE_DURATIONS,
      placement: { policy: 'spread', site: region },
      powerOn: request.powerOn ?? true,
      initialState: request.initialState,
      model: request.model,
      billing: { ratePerHour: size.pricePerHour },
      credits: size.burst ? { basePct: size.burst.basePct, initial: size.burst.initial, max: size.burst.max } : undefined,
      quota: [
        { key: `${region}/total`, amount: size.vcpus },
        { key: `${region}/${size.family}`, amount: size.vcpus },
      ],
      attrs: {
        resourceGroup: group.name,
        location: region,
        size: size.name,
        imageUrn: image,
        ...(request.recorded?.length ? { recorded: request.recorded.join(' ') } : {}),
      },
    });
    if (!r.ok) return r.error.code === 'duplicate-id' ? fail('duplicate-id', `A VM named ${request.name} already exists in resource group ${group.name}.`) : r;
    this.addOsDisk(id, request.name, group.name, region, disks.osGb);
    // Data disks made with the VM, empty, at LUN 0, 1...: ARM names each "<vm>_disk<LUN + 2>_<32 hex digits>"
    // (the OS disk being disk 1), as az resource list shows them.
    (disks.dataGbs ?? []).forEach((sizeGb, lun) => {
      const name = `${request.name}_disk${lun + 2}_${stableUuid(`${id}/datadisk/${lun}/${this.sim.now}`).replace(/-/g, '')}`;
      this.disks.add({ name, group: group.name, location: region, sku: DEFAULT_DISK_SKU, sizeGb, createdAt: this.sim.now, vm: id, lun, os: false });
    });
    return ok({ message: `VM ${request.name} is being created in ${group.name} (${region}, ${size.name})`, steps: r.value.steps });
  }

  /** az vm resize: a running VM restarts onto the new size; quota and price change with it. */
  protected override resizeWorkload(v: WorkloadView, args: PerformArgs): Result<Operation> {
    const size = sizeNamed(args.size ?? '');
    if (!size)
      return fail('invalid-input', `The value ${args.size} of parameter 'vmSize' is not allowed. Allowed values are ${SIZES.map((s) => s.name).join(', ')}.`);
    const region = String(v.attrs.location);
    const r = this.sim.resize(v.id, {
      cpuMilli: vcpu(size.vcpus),
      memoryMiB: gib(size.memoryGiB),
      quota: [
        { key: `${region}/total`, amount: size.vcpus },
        { key: `${region}/${size.family}`, amount: size.vcpus },
      ],
    });
    if (!r.ok) return r;
    this.sim.reprice(v.id, { ratePerHour: size.pricePerHour, credits: size.burst ? { basePct: size.burst.basePct, max: size.burst.max } : undefined });
    this.sim.setAttrs(v.id, { ...v.attrs, size: size.name });
    if (v.state === 'running') {
      const restart = this.sim.act(v.id, 'restart');
      if (restart.ok) return ok({ message: `${v.name} resized to ${size.name}; restarting`, steps: restart.value });
    }
    return ok({ message: `${v.name} resized to ${size.name}`, steps: [] });
  }

  nativeCommand(id: string, capability: CapabilityId, args: PerformArgs = {}): string {
    const v = this.workload(id);
    const target = `-g ${v?.attrs.resourceGroup ?? '<group>'} -n ${v?.name ?? id}`;
    switch (capability) {
      case 'force-stop':
      case 'stop':
        return `az vm stop ${target}`;
      case 'delete':
        return `az vm delete ${target} --yes`;
      case 'resize':
        return `az vm resize ${target} --size ${args.size ?? '<size>'}`;
      default:
        return `az vm ${capability} ${target}`;
    }
  }

  exec(argv: readonly string[]): ExecResult {
    return az(this, argv.slice(1));
  }
  lineAccess(argv: readonly string[]): LineAccess | undefined {
    return azAccess(this, argv);
  }

  /** Whether the user acting may perform a read over a scope: what a list shows them (all of it without access control). */
  mayRead(action: string, scope: string): boolean {
    return this.access === undefined || this.access.check({ kind: 'azure', action, scope }, false).allowed;
  }

  protected nativeState(v: WorkloadView): string {
    if (v.state === 'stopping') return v.target === 'deallocated' ? 'VM deallocating' : 'VM stopping';
    return POWER_STATE[v.state] ?? v.state;
  }

  protected groupOf(v: WorkloadView): string {
    return String(v.attrs.resourceGroup ?? '');
  }

  /** Each of a VM's disks with its tier, caps and price, and what they have cost: the bill a deallocated VM still runs up. */
  private diskDetails(id: string): Record<string, string> {
    const disks = this.disks.of(id);
    if (disks.length === 0) return {};
    const line = (d: ManagedDisk) => {
      const t = tierOf(d.sku, d.sizeGb);
      // The tier first: a narrow detail pane cuts the end, and an OS disk's long name is in az disk list.
      return `${t.name} ${d.sizeGb} GiB ${d.sku}, ${t.iops} IOPS, ${t.mbps} MB/s, $${t.monthly.toFixed(2)}/month${d.os ? '' : `, ${d.name}`}`;
    };
    const cost = this.diskCost(id);
    return {
      ...Object.fromEntries(disks.map((d) => [d.os ? 'OS disk' : `Disk LUN ${d.lun}`, line(d)])),
      'Disk cost': `$${cost.soFar.toFixed(4)} so far, $${cost.perHour.toFixed(4)}/h in every power state`,
    };
  }

  protected override details(v: WorkloadView): Record<string, string> {
    const cost = this.cost(v.id);
    const credits = this.credits(v.id);
    return {
      Size: String(v.attrs.size),
      Region: String(v.attrs.location),
      'Price per hour': `$${(this.size(v.id)?.pricePerHour ?? 0).toFixed(4)}`,
      'Billed now': cost.perHour > 0 ? 'yes' : 'no',
      'Cost so far': `$${cost.soFar.toFixed(4)}`,
      ...this.diskDetails(v.id),
      ...(credits === undefined ? {} : { 'CPU credits': credits.toFixed(1) }),
    };
  }
}
