// Commands that shape the estate: sites, clusters, hosts, their states and HA policies.

import { capacityOf, DEFAULT_NIC_MBPS, DEFAULT_POWER, type Host, type HostInput, scaleOf } from '../hosts.js';
import { type HaPolicy, type HostState, isOneOf, PLATFORMS, SITE_KINDS } from '../model.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import type { Cluster, ClusterInput, Site, SiteInput } from '../topology.js';
import { setHostState as applyHostState } from '../transitions.js';
import { ensureLength } from '../typed.js';
import type { Amounts } from '../units.js';
import { badCount, badId, firstOf } from '../validate.js';
import { CLAIM_FULL } from '../workloads.js';
import { note } from './note.js';

export function addSite(core: Core, input: SiteInput): Result<Site> {
  const problem = firstOf(
    badId('site', input.id),
    core.topology.site(input.id) ? `a site named ${input.id} already exists` : undefined,
    isOneOf(SITE_KINDS, input.kind) ? undefined : `site kind must be one of ${SITE_KINDS.join(', ')}, got ${String(input.kind)}`,
  );
  if (problem) return fail(problem.includes('already') ? 'duplicate-id' : 'invalid-input', problem);
  const site = core.topology.addSite(input);
  note(core, 'site.added', 'site', site.id, `${site.kind === 'region' ? 'Region' : 'Datacenter'} ${site.id} added`);
  return ok(site);
}

export function addCluster(core: Core, input: ClusterInput): Result<Cluster> {
  const siteIndex = core.topology.siteIndex(input.site);
  const problem = firstOf(
    badId('cluster', input.id),
    core.topology.cluster(input.id) ? `a cluster named ${input.id} already exists` : undefined,
    siteIndex === undefined ? `cluster ${input.id}: no site named ${input.site}` : undefined,
    isOneOf(PLATFORMS, input.platform) ? undefined : `cluster ${input.id}: platform must be one of ${PLATFORMS.join(', ')}, got ${String(input.platform)}`,
    haProblem(input),
    ...(['cpu', 'memory', 'storage'] as const).map((k) =>
      input.allocationRatios?.[k] === undefined || input.allocationRatios[k] === Infinity
        ? undefined
        : badCount(`cluster ${input.id} ${k} allocation ratio`, input.allocationRatios[k], { min: 0.01, max: 1000 }),
    ),
    // IEEE 802.1Q: 0 untagged, 1-4094 a VLAN (4095 is reserved).
    input.managementVlan === undefined ? undefined : badCount(`cluster ${input.id} management VLAN`, input.managementVlan, { integer: true, max: 4094 }),
  );
  if (problem) return fail(problem.includes('already') ? 'duplicate-id' : problem.includes('no site') ? 'not-found' : 'invalid-input', problem);
  const cluster = core.topology.addCluster(input, siteIndex!);
  note(core, 'cluster.added', 'cluster', cluster.id, `Cluster ${cluster.id} added to ${input.site}`);
  return ok(cluster);
}

export function addHost(core: Core, input: HostInput): Result<Host> {
  const cluster = core.topology.cluster(input.cluster);
  const backing = input.backingWorkload === undefined ? undefined : core.workloads.indexOf(input.backingWorkload);
  const vm = backing === undefined ? undefined : core.workloads.records[backing];
  const problem = firstOf(
    badId('host', input.id),
    core.hosts.get(input.id) ? `a host named ${input.id} already exists` : undefined,
    cluster ? undefined : `host ${input.id}: no cluster named ${input.cluster}`,
    input.backingWorkload !== undefined && !vm ? `host ${input.id}: no VM named ${input.backingWorkload} to run in` : undefined,
    // A container host runs in a VM of the estate or a cloud VM (an AKS node is an Azure VM running containerd).
    vm && vm.kind === 'container' ? `host ${input.id}: ${vm.id} is not a VM` : undefined,
    vm && core.workloads.backs[vm.index] >= 0 ? `host ${input.id}: ${vm.id} already runs a container host` : undefined,
    vm ? undefined : badCount(`host ${input.id} cores`, input.cores, { min: 1, integer: true, max: 10_000_000 }),
    vm ? undefined : badCount(`host ${input.id} memoryMiB`, input.memoryMiB, { min: 1, integer: true }),
    vm ? undefined : badCount(`host ${input.id} storageMiB`, input.storageMiB, { min: 0, integer: true }),
    // A ratio is 0.01 to 1000, or Infinity: no admission limit.
    ...(['cpu', 'memory', 'storage'] as const).map((k) =>
      input.ratios?.[k] === undefined || input.ratios[k] === Infinity
        ? undefined
        : badCount(`host ${input.id} ${k} ratio`, input.ratios[k], { min: 0.01, max: 1000 }),
    ),
  );
  if (problem) return fail(problem.includes('already') ? 'duplicate-id' : problem.includes('no ') ? 'not-found' : 'invalid-input', problem);
  const c = cluster!;
  const record = core.hosts.add(
    {
      id: input.id,
      name: input.name ?? input.id,
      clusterIndex: c.index,
      siteIndex: c.siteIndex,
      platform: c.platform,
      // A container host inside a VM has that VM's vCPUs, memory and disk.
      cores: vm ? core.workloads.cpuMilli[vm.index] / 1000 : input.cores,
      memoryMiB: vm ? core.workloads.memoryMiB[vm.index] : input.memoryMiB,
      storageMiB: vm ? core.workloads.diskMiB[vm.index] : input.storageMiB,
      nicMbps: input.nicMbps ?? DEFAULT_NIC_MBPS,
      reserved: [input.reserved?.cpuMilli ?? 0, input.reserved?.memoryMiB ?? 0, input.reserved?.storageMiB ?? 0],
      ratios: [input.ratios?.cpu ?? 1, input.ratios?.memory ?? 1, input.ratios?.storage ?? 1],
      power: input.power ?? DEFAULT_POWER,
      backingWorkload: vm ? vm.index : -1,
    },
    vm ? (core.workloads.stateOf(vm.index) === 'running' ? 'connected' : 'failed') : (input.state ?? 'connected'),
  );
  if (vm) core.workloads.backs[vm.index] = record.index;
  c.hosts.push(record.index);
  core.hostWorkloads = ensureLength(core.hostWorkloads, record.index + 1);
  core.ledger.addHost(capacityOf(record), scaleOf(record));
  core.placer.hostReshaped(record.platform);
  note(core, 'host.added', 'host', record.id, `Host ${record.id} added to ${c.id}${vm ? ` (inside VM ${vm.id})` : ''}`);
  return ok(record);
}

/** Sets or clears a cluster's HA admission policy. */
export function setHaPolicy(core: Core, clusterId: string, policy: HaPolicy | undefined): Result<void> {
  const c = core.topology.cluster(clusterId);
  if (!c) return fail('not-found', `no cluster named ${clusterId}`);
  const problem = haProblem({ id: clusterId, site: '', platform: c.platform, ha: policy });
  if (problem) return fail('invalid-input', problem);
  core.topology.setHa(c.index, policy);
  const wl = core.workloads;
  const full: Amounts[] = [];
  for (let w = 0; w < wl.count; w++) {
    if (wl.level[w] === CLAIM_FULL && wl.host[w] >= 0 && core.hosts.records[wl.host[w]].clusterIndex === c.index) full.push(wl.records[w].claim);
  }
  core.ha.recount(c.index, full);
  note(
    core,
    'cluster.ha',
    'cluster',
    c.id,
    policy ? `HA admission control on ${c.id}: ${core.ha.failoverCapacity(c.index).policy}` : `HA admission control off on ${c.id}`,
  );
  return ok(undefined);
}

export function setHostState(core: Core, id: string, state: HostState, why?: string): Result<void> {
  const h = core.hosts.indexOf(id);
  if (h === undefined) return fail('not-found', `no host named ${id}`);
  if (core.hosts.records[h].backingWorkload >= 0 && state === 'connected' && core.workloads.stateOf(core.hosts.records[h].backingWorkload) !== 'running') {
    return fail('invalid-state', `${id} runs inside a VM that is not running`);
  }
  applyHostState(core, h, state, why);
  core.changed();
  return ok(undefined);
}

export function haProblem(input: ClusterInput): string | undefined {
  const ha = input.ha;
  if (!ha) return undefined;
  if (ha.kind === 'percentage') {
    return firstOf(
      badCount(`cluster ${input.id} HA cpuPct`, ha.cpuPct, { min: 0, max: 100 }),
      badCount(`cluster ${input.id} HA memoryPct`, ha.memoryPct, { min: 0, max: 100 }),
    );
  }
  if (ha.kind === 'slots') return badCount(`cluster ${input.id} HA hostFailures`, ha.hostFailures, { min: 1, integer: true, max: 31 });
  return `cluster ${input.id}: HA policy kind must be percentage or slots`;
}
