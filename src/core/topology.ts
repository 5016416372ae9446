// Sites (datacenters and cloud regions) and the clusters in them. Small tables:
// an estate has tens of sites and hundreds of clusters, not millions.
import type { HaPolicy, Platform, SiteKind } from './model.js';

export interface SiteInput {
  readonly id: string;
  readonly name?: string;
  readonly kind: SiteKind;
  /** Free text: a city or an Azure region's display name. */
  readonly location?: string;
  /** Power usage effectiveness: the facility's energy over its IT equipment's (The Green Grid); unset, observe/ assumes a typical site's. */
  readonly pue?: number;
  /** What a kWh costs at the site, in the estate's currency; unset, observe/ assumes a typical price. */
  readonly kwhPrice?: number;
}

export interface Site extends Required<Omit<SiteInput, 'pue' | 'kwhPrice'>> {
  readonly index: number;
  readonly pue: number | undefined;
  readonly kwhPrice: number | undefined;
}

export interface ClusterInput {
  readonly id: string;
  readonly name?: string;
  readonly site: string;
  readonly platform: Platform;
  readonly ha?: HaPolicy;
  /** HA restarts the VMs of a failed host on the others (vSphere HA, a Hyper-V failover cluster); on by default where admission control is. */
  readonly haRestart?: boolean;
  /**
   * Overcommit ratios its hosts admit by, where a scheduler sets them for the
   * whole cluster (an OpenStack Nova-managed KVM cluster: cpu 4.0, ram 1.0);
   * a host's own ratios still win. Unset: each platform's own rule.
   */
  readonly allocationRatios?: AllocationRatios;
  /**
   * The VLAN of its site's LAN its hosts' management interfaces are on (0, the
   * default: untagged): a large site gives each cluster's hosts a VLAN of their
   * own, as one /24 holds 240 of them (network/site-lan.ts).
   */
  readonly managementVlan?: number;
}

export interface AllocationRatios {
  readonly cpu?: number;
  readonly memory?: number;
  readonly storage?: number;
}

export interface Cluster {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly siteIndex: number;
  readonly platform: Platform;
  /** Change it through Topology.setHa, which keeps count of the clusters that have one. */
  readonly ha: HaPolicy | undefined;
  readonly haRestart: boolean;
  readonly allocationRatios: AllocationRatios | undefined;
  /** 0 untagged, else 1-4094. */
  readonly managementVlan: number;
  /** Host indices in the cluster, in the order they were added. */
  readonly hosts: number[];
}

export class Topology {
  readonly sites: Site[] = [];
  readonly clusters: Cluster[] = [];
  private readonly siteById = new Map<string, number>();
  private readonly clusterById = new Map<string, number>();
  private withHa = 0;

  /** How many clusters have an HA admission policy (placement skips the check when none do). */
  get haClusters(): number {
    return this.withHa;
  }

  setHa(index: number, policy: HaPolicy | undefined): void {
    const c = this.clusters[index] as { ha: HaPolicy | undefined };
    this.withHa += (policy ? 1 : 0) - (c.ha ? 1 : 0);
    c.ha = policy;
  }

  addSite(input: SiteInput): Site {
    const site: Site = {
      index: this.sites.length,
      id: input.id,
      name: input.name ?? input.id,
      kind: input.kind,
      location: input.location ?? '',
      pue: input.pue,
      kwhPrice: input.kwhPrice,
    };
    this.sites.push(site);
    this.siteById.set(site.id, site.index);
    return site;
  }

  addCluster(input: ClusterInput, siteIndex: number): Cluster {
    const cluster: Cluster = {
      index: this.clusters.length,
      id: input.id,
      name: input.name ?? input.id,
      siteIndex,
      platform: input.platform,
      ha: input.ha,
      haRestart: input.haRestart ?? input.ha !== undefined,
      allocationRatios: input.allocationRatios,
      managementVlan: input.managementVlan ?? 0,
      hosts: [],
    };
    this.clusters.push(cluster);
    this.clusterById.set(cluster.id, cluster.index);
    if (cluster.ha) this.withHa++;
    return cluster;
  }

  siteIndex(id: string): number | undefined {
    return this.siteById.get(id);
  }

  clusterIndex(id: string): number | undefined {
    return this.clusterById.get(id);
  }

  site(id: string): Site | undefined {
    const i = this.siteById.get(id);
    return i === undefined ? undefined : this.sites[i];
  }

  cluster(id: string): Cluster | undefined {
    const i = this.clusterById.get(id);
    return i === undefined ? undefined : this.clusters[i];
  }
}
