// Kubernetes clusters for the presets: an on-premises kubeadm cluster whose
// nodes are VMs of the estate (a control plane tainted NoSchedule, as kubeadm
// leaves it, and workers), and an AKS-like cluster whose node pool is Azure VMs
// in AKS's own node resource group (MC_<group>_<cluster>_<region>), billed as
// the VMs they are.
import { fail, ok, type Result } from '../../core/result.js';
import { gib } from '../../core/units.js';
import { DEFAULT_MAX_PODS } from '../../orchestrator/allocatable.js';
import { NETWORK_ATTR } from '../../providers/kvm/networks.js';
import { lanGuestId } from '../../providers/vmware/topology.js';
import type { Estate } from '../estate.js';

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

export interface OnPremCluster {
  readonly name: string;
  readonly site: string;
  readonly platform: 'vmware' | 'kvm';
  /** The hypervisor cluster its VMs run in. */
  readonly vmCluster?: string;
  readonly workers: number;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** A shared datastore of vmCluster for the nodes' disks (thin), so HA, vMotion and maintenance move them; else their hosts' own. */
  readonly datastore?: string;
  /** Addresses for LoadBalancer Services (MetalLB's kind), on the nodes' LAN outside its DHCP scope. */
  readonly loadBalancerPool?: string;
}

/** A kubeadm cluster on VMs: <name>-cp-1 (control plane) and <name>-worker-N, each a Docker host inside its VM. */
export function addOnPremCluster(estate: Estate, c: OnPremCluster): void {
  const { sim, providers: p } = estate;
  const names = [`${c.name}-cp-1`, ...Array.from({ length: c.workers }, (_, i) => `${c.name}-worker-${i + 1}`)];
  for (const name of names) {
    const vm = { name, vcpus: c.vcpus, memoryMiB: gib(c.memoryGiB), diskGiB: 100, model: 'steady' as const, initialState: 'running' as const };
    const datastore = c.datastore === undefined ? {} : { datastore: { id: c.datastore, format: 'thin', allocatedGiB: 20 } as const };
    if (c.platform === 'vmware') must(p.vmware.create({ ...vm, image: 'ubuntu64Guest', cluster: c.vmCluster, ...datastore }), c.name);
    else {
      must(p.kvm.create({ ...vm, image: 'ubuntu24.04' }), c.name);
      // Bridged onto the site's LAN (virt-install --network bridge=br0), as a cluster's nodes must reach each other.
      const d = sim.workloadViews().find((w) => w.name === name && w.platform === 'kvm')!;
      sim.setAttrs(d.id, { ...d.attrs, [NETWORK_ATTR]: 'bridge=br0' });
    }
  }
  // Each node's InternalIP is its VM's address on the LAN (kubelet reports the address of its default route's interface).
  const idOf = (name: string) => sim.workloadViews().find((w) => w.name === name && w.platform === c.platform)!.id;
  const addressOf = (name: string) => (c.platform === 'vmware' ? p.vmware.siteLan().get(lanGuestId(idOf(name), 0)) : p.kvm.siteLan().get(idOf(name)));
  must(sim.addCluster({ id: `${c.name}-nodes`, site: c.site, platform: 'docker' }), c.name);
  for (const name of names) must(sim.addHost({ id: name, cluster: `${c.name}-nodes`, cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: name }), c.name);
  p.kubernetes.addCluster(
    {
      name: c.name,
      flavour: 'kubeadm',
      cloud: false,
      serviceCidr: '10.96.0.0/12',
      podCidr: '10.244.0.0/16',
      ...(c.loadBalancerPool ? { loadBalancerPool: c.loadBalancerPool } : {}),
      maxPods: DEFAULT_MAX_PODS,
    },
    names.map((name, i) => ({
      name,
      roles: i === 0 ? ['control-plane'] : [],
      internalIP: must(addressOf(name) === undefined ? fail('invalid-state', `${name} has no address on its LAN`) : ok(addressOf(name)!), c.name),
      // kubeadm init taints its control plane so that ordinary pods stay off it.
      taints: i === 0 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] : [],
    })),
  );
}

export interface AksCluster {
  readonly name: string;
  /** The resource group the cluster belongs to (its nodes go in MC_<group>_<name>_<region>). */
  readonly group: string;
  readonly region: string;
  readonly nodes: number;
  readonly size: string;
}

/** An AKS-like cluster: one node pool ("nodepool1") of VM scale set instances, as `az aks create` makes it. */
export function addAksCluster(estate: Estate, c: AksCluster): void {
  const { sim, providers: p } = estate;
  const nodeGroup = `MC_${c.group}_${c.name}_${c.region}`;
  must(p.azure.createGroup(nodeGroup, c.region), c.name);
  // AKS names a pool's VMSS instances aks-<pool>-<8-digit id>-vmss<6-digit base-36 index>.
  const names = Array.from({ length: c.nodes }, (_, i) => `aks-nodepool1-${String((sim.seed % 90_000_000) + 10_000_000)}-vmss${String(i).padStart(6, '0')}`);
  for (const name of names)
    must(p.azure.create({ name, group: nodeGroup, size: c.size, image: 'Ubuntu2204', model: 'steady', initialState: 'running' }), c.name);
  must(sim.addCluster({ id: `${c.name}-nodepool1`, site: c.region, platform: 'docker' }), c.name);
  for (const name of names)
    must(
      sim.addHost({ id: name, cluster: `${c.name}-nodepool1`, cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: p.azure.vmId(nodeGroup, name) }),
      c.name,
    );
  p.kubernetes.addCluster(
    // AKS's defaults: service CIDR 10.0.0.0/16, kubenet's pod CIDR 10.244.0.0/16, 110 pods a node, nodes in 10.224.0.0/12 from .4 (Azure keeps .0-.3).
    { name: c.name, flavour: 'aks', cloud: true, serviceCidr: '10.0.0.0/16', podCidr: '10.244.0.0/16', maxPods: DEFAULT_MAX_PODS },
    names.map((name, i) => ({
      name,
      roles: [],
      internalIP: `10.224.0.${4 + i}`,
      labels: { agentpool: 'nodepool1', 'kubernetes.azure.com/agentpool': 'nodepool1' },
    })),
  );
}
