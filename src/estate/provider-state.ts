// The drivers' own state in an estate file: DRS settings, virtual switches, Docker
// images and context, Azure resource groups, Kubernetes clusters.

import { parseCidr, parseIp } from '../network/ipv4.js';
import { AzureDisks } from '../providers/azure/disks.js';
import { AzureNetworks } from '../providers/azure/networks.js';
import { ImageStore } from '../providers/docker/images.js';
import { mountsOf } from '../providers/docker/mounts.js';
import { DockerNetworks } from '../providers/docker/networks.js';
import { DockerVolumes } from '../providers/docker/volumes.js';
import { APPS, goodPort } from '../providers/guest-firewall.js';
import type { SwitchType } from '../providers/hyperv/defaults.js';
import type { KubernetesState } from '../providers/kubernetes/driver.js';
import { libvirtNetworkProblems } from '../providers/kvm/networks.js';
import type { Estate } from './estate.js';
import type { EstateFile, EstateFileInput } from './file-schema.js';

export function providerState(estate: Estate): NonNullable<EstateFileInput['providers']> {
  // The orchestrator's types mark its arrays readonly; the file's schema types them as plain arrays.
  return estate.providers.state() as NonNullable<EstateFileInput['providers']>;
}

/** Puts a file's driver state back, or says what in it does not hold together. */
export function loadProviderState(estate: Estate, state: EstateFile['providers']): string[] {
  const p = estate.providers;
  for (const [cluster, drs] of Object.entries(state?.vmware?.drs ?? {})) p.vmware.drs.set(cluster, { ...drs });
  p.vmware.scheduleDrs();
  for (const [host, list] of Object.entries(state?.vmware?.portGroups ?? {})) {
    if (estate.sim.host(host)?.platform !== 'vmware') return [`providers.vmware.portGroups.${host}: ${host} is not an ESXi host`];
    const names = list.map((pg) => pg.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) return [`providers.vmware.portGroups.${host}: ${twice} is named twice`];
    p.vmware.portGroups.set(
      host,
      list.map((pg) => ({ ...pg })),
    );
  }
  const dvsProblem = loadDistributedSwitches(estate, state?.vmware);
  if (dvsProblem) return [dvsProblem];
  for (const [host, list] of Object.entries(state?.kvm?.networks ?? {})) {
    const at = `providers.kvm.networks.${host}`;
    if (estate.sim.host(host)?.platform !== 'kvm') return [`${at}: ${host} is not a KVM host`];
    const problems = list.flatMap((n, i) => libvirtNetworkProblems(n, host, list.slice(0, i)).map((why) => `${at}[${i}]: ${why}`));
    if (problems.length > 0) return problems;
    p.kvm.libvirtNetworks.set(
      host,
      list.map((n) => ({ ...n })),
    );
  }
  for (const s of state?.hyperv?.switches ?? [])
    p.hyperv.switches.set(s.name, { name: s.name, type: s.type as SwitchType, ...(s.adapter ? { adapter: s.adapter } : {}) });
  if (state?.docker) {
    p.docker.images = ImageStore.fromJSON(state.docker.images);
    p.docker.context = state.docker.context;
    if (state.docker.networks || state.docker.swarms) {
      // An endpoint whose container is not in the file went with it (as a gone VM's NIC is detached); one naming another
      // host's container, or something that is not a container, is wrong.
      const strays: string[] = [];
      const kept = Object.fromEntries(
        Object.entries(state.docker.networks ?? {}).map(([h, list]) => [
          h,
          list.map((n, i) => ({
            ...n,
            endpoints: n.endpoints.filter((e, j) => {
              const w = estate.sim.workload(e.container);
              if (w === undefined) return false;
              if (w.platform !== 'docker' || w.host !== h)
                strays.push(`providers.docker.networks.${h}[${i}].endpoints[${j}].container: ${e.container} is not a container of ${h}`);
              return true;
            }),
          })),
        ]),
      );
      // A swarm's nodes are Docker hosts of the estate; an overlay's endpoint is a container of a node, on its host.
      const swarms = (state.docker.swarms ?? []).map((s, i) => {
        const nodes = new Set(s.nodes.map((n) => n.host));
        s.nodes.forEach((n, j) => {
          // A node whose host is gone is Down; one on another platform's host is wrong.
          const h = estate.sim.host(n.host);
          if (h && h.platform !== 'docker') strays.push(`providers.docker.swarms[${i}].nodes[${j}].host: ${n.host} is not a Docker host`);
        });
        return {
          ...s,
          networks: s.networks.map((n, k) => ({
            ...n,
            endpoints: n.endpoints.filter((e, j) => {
              const w = estate.sim.workload(e.container);
              if (w === undefined) return false;
              if (w.platform !== 'docker' || e.host === undefined || w.host !== e.host || !nodes.has(e.host))
                strays.push(
                  `providers.docker.swarms[${i}].networks[${k}].endpoints[${j}]: ${e.container} is not a container of a node of this swarm on ${e.host}`,
                );
              return true;
            }),
          })),
        };
      });
      const networks = DockerNetworks.fromState(kept, swarms);
      if (Array.isArray(networks)) return networks;
      // A host that is gone takes its daemon's networks with it (as its images); another platform's host has none.
      const notDocker = Object.keys(state.docker.networks ?? {}).filter((h) => estate.sim.host(h) !== undefined && estate.sim.host(h)?.platform !== 'docker');
      if (notDocker.length > 0) return notDocker.map((h) => `providers.docker.networks.${h}: ${h} is not a Docker host`);
      if (strays.length > 0) return strays;
      p.docker.networks = networks;
    }
  }
  if (state?.docker?.volumes) {
    const volumes = DockerVolumes.fromState(state.docker.volumes);
    if (Array.isArray(volumes)) return volumes;
    const notDocker = Object.keys(state.docker.volumes).filter((h) => estate.sim.host(h)?.platform !== 'docker');
    if (notDocker.length > 0) return notDocker.map((h) => `providers.docker.volumes.${h}: ${h} is not a Docker host of the estate`);
    p.docker.volumes = volumes;
  }
  // A container's volume is its host's: one the file does not have went missing. (The containers' rows, no views built.)
  const missing: string[] = [];
  p.docker.eachRow((w) => {
    if (w.host === undefined) return;
    for (const m of mountsOf(w.attrs))
      if (m.type === 'volume' && !p.docker.volumes.find(w.host, m.source))
        missing.push(`workloads ${w.id}: its volume ${m.source} is not among ${w.host}'s (providers.docker.volumes)`);
  });
  if (missing.length > 0) return missing;
  for (const g of state?.azure?.groups ?? []) p.azure.groups.set(g.name.toLowerCase(), { ...g });
  if (state?.azure?.networks) {
    const networks = AzureNetworks.fromState(state.azure.networks, new Set(p.azure.groups.keys()));
    if (Array.isArray(networks)) return networks;
    // A NIC whose VM is gone is detached, as a deleted VM leaves it; one naming another platform's workload is wrong.
    const strays = [...networks.nics.values()].flatMap((n, i) => {
      const owner = n.vm === undefined ? undefined : estate.sim.workload(n.vm);
      return owner && owner.platform !== 'azure' ? [`providers.azure.networks.nics[${i}].vm: ${n.vm} is not an Azure VM`] : [];
    });
    if (strays.length > 0) return strays;
    p.azure.networks = networks;
  }
  // VMs from a file written before networks get what az vm create would have given them.
  p.azure.networkUnnetworked();
  if (state?.azure?.disks) {
    const problem = diskProblem(estate, state.azure.disks);
    if (problem) return [problem];
    p.azure.disks = AzureDisks.fromState(state.azure.disks);
  }
  // And those from before disks, their OS disks.
  p.azure.diskUndisked();
  if (state?.kubernetes) p.kubernetes.load(state.kubernetes as KubernetesState);
  for (const [i, f] of (state?.firewalls ?? []).entries()) {
    const at = `providers.firewalls[${i}]`;
    const w = estate.sim.workload(f.workload);
    if (!w) return [`${at}.workload: no workload ${f.workload}`];
    if (w.platform === 'azure' || w.platform === 'docker') return [`${at}.workload: ${f.workload} is not an on-premises VM`];
    if (p.firewalls.has(f.workload)) return [`${at}.workload: ${f.workload} has a firewall already`];
    const bad = f.rules.findIndex((r) => r.from !== undefined && parseCidr(r.from.includes('/') ? r.from : `${r.from}/32`, true) === undefined);
    if (bad >= 0) return [`${at}.rules[${bad}].from: ${f.rules[bad]!.from} is not an address or a CIDR block`];
    const badPort = f.rules.findIndex((r) => r.port !== undefined && !goodPort(r.port));
    if (badPort >= 0) return [`${at}.rules[${badPort}].port: ${f.rules[badPort]!.port} is not a port or a range of ports (1-65535, low:high)`];
    // A profile's rule is its ports: a file's say on them is the profile's.
    const rules = f.rules.map((r) => (r.app !== undefined ? { ...r, port: APPS[r.app]!.port, proto: APPS[r.app]!.proto } : { ...r }));
    p.firewalls.set(f.workload, { enabled: f.enabled, incoming: f.incoming, rules });
  }
  p.firewallsLoaded();
  for (const [host, build] of Object.entries(state?.builds ?? {})) {
    if (!p.sim.host(host)) return [`providers.builds.${host}: no host ${host}`];
    p.builds.set(host, build);
  }
  if (state?.requests) {
    // A server no longer in the file (taken out by hand) took its counts with it, as its metric history does.
    const servers = Object.fromEntries(Object.entries(state.requests.servers).filter(([id]) => p.sim.workload(id)));
    const problem = p.requests.load({ servers });
    if (problem) return [`providers.requests: ${problem}`];
  }
  if (state?.alarms) {
    const problem = p.alarms.load(state.alarms);
    if (problem) return [`providers.alarms: ${problem}`];
  }
  for (const [i, r] of (state?.routers ?? []).entries()) {
    const at = `providers.routers[${i}]`;
    const site = estate.sim.sites().find((x) => x.id === r.site);
    if (!site) return [`${at}.site: no site ${r.site}`];
    if (site.kind !== 'datacenter') return [`${at}.site: ${r.site} is a cloud region, which has no site router`];
    if (p.routers.routed.has(r.site)) return [`${at}.site: ${r.site} is listed twice`];
    if (new Set(r.vlans).size !== r.vlans.length) return [`${at}.vlans: a VLAN is listed twice`];
    p.routers.routed.set(r.site, new Set(r.vlans));
  }
  for (const [i, b] of (state?.balancers ?? []).entries()) {
    const at = `providers.balancers[${i}]`;
    if (p.onPrem.named(b.name)) return [`${at}.name: ${b.name} is used twice`];
    if (parseIp(b.vip) === undefined) return [`${at}.vip: ${b.vip} is not an IPv4 address`];
    const gone = b.servers.find((s) => estate.sim.workload(s.workload) === undefined);
    if (gone) return [`${at}.servers: no workload ${gone.workload}`];
    p.onPrem.list.push({ ...b, servers: b.servers.map((s) => ({ ...s })) });
  }
  return [];
}

/** What in a file's managed disks does not hold together: a group or VM that is not there, a name twice, two OS disks or a LUN twice on a VM. */
function diskProblem(estate: Estate, disks: NonNullable<NonNullable<NonNullable<EstateFile['providers']>['azure']>['disks']>): string | undefined {
  const p = estate.providers;
  const names = new Set<string>();
  const os = new Set<string>();
  const luns = new Set<string>();
  for (const [i, d] of disks.entries()) {
    const at = `providers.azure.disks[${i}]`;
    if (!p.azure.group(d.group)) return `${at}.group: no resource group ${d.group}`;
    const key = `${d.group.toLowerCase()}/${d.name.toLowerCase()}`;
    if (names.has(key)) return `${at}.name: ${d.name} is in ${d.group} twice`;
    names.add(key);
    const now = estate.sim.now;
    if (d.createdAt > now) return `${at}.createdAt: after the clock (${now})`;
    if (d.costFrom !== undefined && (d.costFrom < d.createdAt || d.costFrom > now))
      return `${at}.costFrom: not between its createdAt (${d.createdAt}) and the clock (${now})`;
    if ((d.costSoFar === undefined) !== (d.costFrom === undefined)) return `${at}: costSoFar and costFrom go together (the cost up to that moment)`;
    if (d.vm === undefined) {
      if (d.lun !== undefined) return `${at}.lun: an unattached disk has no LUN`;
      continue;
    }
    // A disk whose VM is gone is detached, as a deleted VM leaves its disks; one naming another platform's workload is wrong.
    const vm = estate.sim.workload(d.vm);
    if (vm && vm.platform !== 'azure') return `${at}.vm: ${d.vm} is not an Azure VM`;
    if (d.os && d.lun !== undefined) return `${at}.lun: an OS disk has no LUN`;
    if (!d.os && d.lun === undefined) return `${at}.lun: an attached data disk has a LUN`;
    if (d.os && os.has(d.vm)) return `${at}.os: ${d.vm} has two OS disks`;
    if (d.os) os.add(d.vm);
    if (d.lun !== undefined && luns.has(`${d.vm}/${d.lun}`)) return `${at}.lun: ${d.vm} has two disks at LUN ${d.lun}`;
    if (d.lun !== undefined) luns.add(`${d.vm}/${d.lun}`);
  }
  return undefined;
}

/** A file's distributed switches and their port groups, or what in them does not hold together. */
function loadDistributedSwitches(estate: Estate, vmware: NonNullable<EstateFile['providers']>['vmware']): string | undefined {
  const vmw = estate.providers.vmware;
  for (const [i, d] of (vmware?.dvSwitches ?? []).entries()) {
    const at = `providers.vmware.dvSwitches[${i}]`;
    if (estate.sim.sites().every((s) => s.id !== d.dc)) return `${at}.dc: no datacenter ${d.dc}`;
    if (vmw.dvSwitches.has(d.name)) return `${at}.name: ${d.name} is named twice`;
    if ([...vmw.dvSwitches.values()].some((x) => x.key === d.key)) return `${at}.key: ${d.key} is another switch's`;
    const stray = d.hosts.find((h) => estate.sim.host(h)?.platform !== 'vmware' || estate.sim.host(h)?.site !== d.dc);
    if (stray !== undefined) return `${at}.hosts: ${stray} is not an ESXi host of ${d.dc}`;
    if (new Set(d.hosts).size !== d.hosts.length) return `${at}.hosts: a host is listed twice`;
    vmw.dvSwitches.set(d.name, { name: d.name, dc: d.dc, key: d.key, hosts: [...d.hosts] });
  }
  for (const [i, pg] of (vmware?.dvPortGroups ?? []).entries()) {
    const at = `providers.vmware.dvPortGroups[${i}]`;
    if (!vmw.dvSwitches.has(pg.dvs)) return `${at}.dvs: no distributed switch ${pg.dvs}`;
    if (vmw.dvSwitches.has(pg.name) || vmw.dvPortGroups.some((x) => x.name === pg.name)) return `${at}.name: ${pg.name} is named twice`;
    vmw.dvPortGroups.push({ ...pg });
  }
  vmw.networksChanged();
  return undefined;
}
