// Flat networks: a segment (an Azure subnet, a site's VLAN, a Docker network, a
// libvirt network) where several workloads sit with nothing filtering traffic
// between them, neither on the segment (a subnet's NSG) nor on each of them (a
// NIC's NSG, a guest's firewall): one of them taken is all of them reachable.
// The fix where one command does it: an NSG for the subnet (Azure); on a LAN,
// each guest's own firewall, denying what comes in until the tier's flows are
// allowed (guest NAME ufw allow ...); on Docker, a network per container, then
// connecting what must talk.
import type { Check } from '../../access/posture.js';
import type { Topology } from '../../network/topology.js';
import { quoteWord } from '../cli/quote.js';
import type { Providers } from '../registry.js';

export function flatNetworkChecks(p: Providers, topo: Topology): Check[] {
  const out: Check[] = [];
  for (const seg of topo.segments.values()) {
    const nics = topo.nics.filter((n) => n.segment === seg.id && p.sim.workload(n.workloadId)?.state !== 'deleted');
    const workloads = [...new Set(nics.map((n) => n.workloadName))];
    if (workloads.length < 2) continue;
    // A Windows guest filters what comes in by its own firewall, on by default (Microsoft Learn, "Windows Firewall
    // overview": "Windows Firewall is on by default"), which this simulation does not model in detail.
    const windows = (n: { workloadId: string }) => /windows/i.test(p.sim.workload(n.workloadId)?.image ?? '');
    const filtered = seg.rules !== undefined || nics.every((n) => n.rules !== undefined || windows(n));
    if (filtered) {
      out.push({ control: 'network', resource: seg.label, healthy: true });
      continue;
    }
    const subnet = /^subnet (\S+)\/(\S+)$/.exec(seg.label);
    const group = subnet ? [...p.azure.networks.vnets.values()].find((v) => v.name === subnet[1])?.group : undefined;
    // ufw is Ubuntu's: a guest of another distribution's firewall (firewalld, nftables) is put right by hand.
    const ubuntu = (n: { workloadId: string }) => /ubuntu/i.test(p.sim.workload(n.workloadId)?.image ?? '');
    const open = nics.filter((n) => n.rules === undefined && !windows(n));
    const q = quoteWord;
    const docker = /^Docker network (\S+) on (\S+)$/.exec(seg.label);
    const onHost = docker && docker[2] !== p.docker.currentHost() ? `-H ${q(docker[2])} ` : '';
    const fix =
      subnet && group
        ? [
            `az network nsg create -g ${q(group)} -n ${q(`${subnet[2]}-nsg`)}`,
            `az network vnet subnet update -g ${q(group)} --vnet-name ${q(subnet[1])} -n ${q(subnet[2])} --network-security-group ${q(`${subnet[2]}-nsg`)}`,
          ]
        : docker
          ? // Docker: each container on a network of its own (bridge networks do not reach each other), then the
            // flows the application needs are put back by connecting what must talk (docker network connect).
            workloads.flatMap((w) => {
              const net = q(`${w}-net`);
              return [
                `docker ${onHost}network create ${net}`,
                `docker ${onHost}network connect ${net} ${q(w)}`,
                `docker ${onHost}network disconnect ${q(docker[1])} ${q(w)}`,
              ];
            })
          : seg.lan !== undefined && open.length > 0 && open.every(ubuntu)
            ? open.flatMap((n) => [
                `guest ${q(n.workloadName)} ufw default deny incoming`,
                `guest ${q(n.workloadName)} ufw allow OpenSSH`,
                `guest ${q(n.workloadName)} ufw enable`,
              ])
            : undefined;
    out.push({
      control: 'network',
      resource: seg.label,
      healthy: false,
      finding: `${workloads.length} workloads (${workloads.slice(0, 5).join(', ')}${workloads.length > 5 ? ', ...' : ''}) share it with nothing filtering traffic between them`,
      ...(fix ? { fix } : {}),
    });
  }
  return out;
}
