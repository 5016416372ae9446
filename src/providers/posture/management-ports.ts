// Management ports open to the internet: each running workload that the internet
// reaches on SSH (22), RDP (3389) or WinRM (5985, 5986), by the same
// reachability check `reach` answers (NSGs, public IPs, published ports, guest
// firewalls). The fix is to remove what lets it in: the NSG rule that allowed it.
import type { Check } from '../../access/posture.js';
import { reach } from '../../network/reach.js';
import type { Topology } from '../../network/topology.js';
import { quoteWord } from '../cli/quote.js';
import type { Providers } from '../registry.js';

/** The ports Defender for Cloud's "Management ports should be closed on your virtual machines" looks at (see the control's source in report.ts). */
export const MANAGEMENT_PORTS: readonly { readonly port: number; readonly service: string }[] = [
  { port: 22, service: 'SSH' },
  { port: 3389, service: 'RDP' },
  { port: 5985, service: 'WinRM' },
  { port: 5986, service: 'WinRM over HTTPS' },
];

export function managementPortChecks(p: Providers, topo: Topology): Check[] {
  const seen = new Set<string>();
  const out: Check[] = [];
  for (const nic of topo.nics) {
    if (!nic.up || seen.has(nic.workloadId)) continue;
    seen.add(nic.workloadId);
    // Virtual machines', as Defender's "Management ports should be closed on your virtual machines" has it.
    const w = p.sim.workload(nic.workloadId);
    if (!w || w.kind === 'container') continue;
    const open: string[] = [];
    const fixes: string[] = [];
    for (const { port, service } of MANAGEMENT_PORTS) {
      const v = reach(topo, { kind: 'internet' }, { kind: 'workload', name: nic.workloadName }, 'Tcp', port);
      if (typeof v === 'string' || !v.allowed) continue;
      open.push(`${service} (tcp/${port}) by ${v.decidedBy}`);
      const rule = /NSG (\S+) .*securityRules\/(\S+) /.exec(v.decidedBy);
      const group = w.attrs.resourceGroup;
      if (rule && typeof group === 'string')
        fixes.push(`az network nsg rule delete -g ${quoteWord(group)} --nsg-name ${quoteWord(rule[1])} -n ${quoteWord(rule[2])}`);
    }
    out.push(
      open.length === 0
        ? { control: 'management-ports', resource: w.name, healthy: true }
        : {
            control: 'management-ports',
            resource: w.name,
            healthy: false,
            finding: `reachable from the internet on ${open.join('; ')}`,
            ...(fixes.length > 0 ? { fix: [...new Set(fixes)] } : {}),
          },
    );
  }
  return out;
}
