// The vocabulary of the core: platforms, kinds and states, each as a const list so
// the hot tables can store them as small integers (the index in the list).

export const PLATFORMS = ['vmware', 'hyperv', 'kvm', 'docker', 'azure'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What the host runs, as an administrator of that platform would name it. */
export const HYPERVISOR_LABEL: Record<Platform, string> = {
  vmware: 'ESXi',
  hyperv: 'Hyper-V',
  kvm: 'KVM',
  docker: 'Docker',
  azure: 'Azure',
};

/**
 * The platform whose "host" is a cloud region's capacity pool, not a host anyone
 * counts or manages one by one (see estate/counts.ts).
 */
export function isCloudPool(platform: Platform): boolean {
  return platform === 'azure';
}

export const WORKLOAD_KINDS = ['vm', 'container', 'cloud-vm'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The kind of workload each platform runs. */
export const KIND_OF_PLATFORM: Record<Platform, WorkloadKind> = {
  vmware: 'vm',
  hyperv: 'vm',
  kvm: 'vm',
  docker: 'container',
  azure: 'cloud-vm',
};

export const SITE_KINDS = ['datacenter', 'region'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const HOST_STATES = ['connected', 'maintenance', 'failed'] as const;
export type HostState = (typeof HOST_STATES)[number];

export const WORKLOAD_STATES = [
  'provisioning',
  'booting',
  'running',
  'paused',
  'suspended',
  'stopping',
  'stopped',
  'deallocated',
  'migrating',
  'failed',
  'deleted',
] as const;
export type WorkloadState = (typeof WORKLOAD_STATES)[number];

export const UTILIZATION_MODELS = ['idle', 'steady', 'diurnal', 'bursty'] as const;
export type UtilizationModel = (typeof UTILIZATION_MODELS)[number];

export const PLACEMENT_POLICIES = ['first-fit', 'best-fit', 'spread', 'balanced'] as const;
export type PlacementPolicy = (typeof PLACEMENT_POLICIES)[number];

/** vSphere-style HA admission control: reserve a share of the cluster, or enough slots for N host failures. */
export type HaPolicy =
  | { readonly kind: 'percentage'; readonly cpuPct: number; readonly memoryPct: number }
  | { readonly kind: 'slots'; readonly hostFailures: number };

/** Index of a value in its const list: the code the hot tables store. */
export function codeOf<T extends string>(list: readonly T[], value: T): number {
  const i = list.indexOf(value);
  if (i < 0) throw new RangeError(`unknown value "${value}"`);
  return i;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
