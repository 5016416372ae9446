// The Networks pane: key 7 shows the estate's topology as a tree (routing domain,
// segment, NIC and its workload, each network's block and rules), the load
// balancers with their backends' health as the clock moves, and `w` opens the
// prompt on ":reach NAME " for the selected workload.
import { describe, expect, it } from 'vitest';
import { cells, controllerFor, press, prompt as promptLine } from './helpers.js';

/** A line at the prompt, its output panel closed after. */
const prompt = (ctl: ReturnType<typeof controllerFor>, text: string) => {
  promptLine(ctl, text);
  press(ctl, 'escape');
};

describe('the Networks pane', () => {
  it('shows each domain, its segments and their NICs as a tree, with blocks, states and rules', () => {
    const ctl = controllerFor();
    press(ctl, '7');
    expect(ctl.state.pane).toBe('networks');
    const rows = cells(ctl);
    const at = rows.findIndex((r) => r[0] === 'VNet shop-web-1VNET');
    expect(rows[at]).toEqual(['VNet shop-web-1VNET', '10.0.0.0/16', '', '', 'azure']);
    expect(rows[at + 1]!.slice(0, 2)).toEqual(['└─ subnet shop-web-1VNET/shop-web-1Subnet', '10.0.0.0/24']);
    expect(rows[at + 2]).toEqual([
      '   ├─ shop-web-1VMNic -> shop-web-1',
      '10.0.0.4',
      'VM running',
      'NSG shop-web-1NSG (NIC shop-web-1VMNic), public 20.50.0.1',
      'azure',
    ]);
    // The site routers join the routed VLANs of the sites' LANs, each VLAN with its gateway; a VLAN carries
    // the VMs of several platforms, each under the platform it is of.
    const routers = rows.findIndex((r) => r[0] === 'the site routers');
    expect(rows[routers]![4]).toBe('lan');
    expect(
      rows
        .slice(routers + 1, routers + 30)
        .filter((r) => r[0].match(/^[├└]─ the LAN/))
        .map((r) => r[0].slice(3)),
    ).toEqual([
      'the LAN of dc-east (untagged)',
      'the LAN of dc-east on VLAN 10',
      'the LAN of dc-east on VLAN 20',
      'the LAN of dc-east on VLAN 30',
      'the LAN of dc-east on VLAN 40',
      'the LAN of dc-west (untagged)',
    ]);
    const web = rows.findIndex((r) => r[0] === '├─ the LAN of dc-east on VLAN 10');
    expect(rows[web]!.slice(1, 4)).toEqual(['10.20.10.0/24', '', 'gateway 10.20.10.1']);
    expect(rows[web + 1]![0]).toMatch(/^│ {2}├─ Network adapter 1 -> web-0\d$/);
    expect(rows[web + 1]![4]).toBe('vmware');
    const db = rows.findIndex((r) => r[0] === '├─ the LAN of dc-east on VLAN 30');
    expect(rows.slice(db + 1, db + 4).map((r) => r[4])).toEqual(['hyperv', 'vmware', 'vmware']);
  });

  it('a stopped VM answers nothing, a shut-off domain moves under "no address now"; a load balancer shows its backends failing, then down', () => {
    const ctl = controllerFor();
    for (const line of [
      'az network lb create -g shop-rg -n web-lb -o none',
      'az network lb probe create -g shop-rg --lb-name web-lb -n http --protocol Tcp --port 80 --interval 5 -o none',
      'az network lb rule create -g shop-rg --lb-name web-lb -n http --protocol Tcp --frontend-port 80 --backend-port 80 --probe-name http -o none',
      'az network nic ip-config address-pool add -g shop-rg --nic-name shop-web-2VMNic --ip-config-name ipconfigshop-web-2 --lb-name web-lb --address-pool web-lbbepool -o none',
      'az vm stop -g shop-rg -n shop-web-2 --no-wait',
    ])
      prompt(ctl, line);
    press(ctl, '7');
    // The backend's line is under the load balancer, after the tree of networks.
    const backend = () => {
      const rows = cells(ctl);
      return rows.slice(rows.findIndex((r) => r[0].startsWith('load balancer web-lb'))).find((r) => r[0].endsWith('shop-web-2VMNic -> shop-web-2'))!;
    };
    expect(backend()[2]).toBe('failing');
    ctl.estate.sim.advance(60_000);
    expect(backend()[2]).toBe('down');
    // An Azure VM keeps its NIC and address while stopped; a libvirt domain has none once it is off.
    expect(cells(ctl).find((r) => r[0].endsWith('shop-web-2VMNic -> shop-web-2'))![2]).toBe('VM stopped (not answering)');
    prompt(ctl, 'virsh destroy dev-01');
    const rows = cells(ctl);
    const off = rows.findIndex((r) => r[0] === 'no address now');
    expect(rows.slice(off + 1).map((r) => [r[0], r[2]])).toContainEqual(['└─ dev-01', 'shut off']);
  });

  it('w on a NIC opens the prompt on ":reach ID " for its workload; enter opens the workload', () => {
    const ctl = controllerFor();
    press(ctl, '7');
    const rows = cells(ctl);
    const target = rows.findIndex((r) => r[0].endsWith('-> jumpbox'));
    for (let i = 0; i < target; i++) press(ctl, 'j');
    press(ctl, 'w');
    expect(ctl.state.overlay).toMatchObject({ type: 'prompt', edit: { text: 'reach shop-rg/jumpbox ' } });
    press(ctl, 'escape', 'enter');
    expect(ctl.state.detail).toMatchObject({ type: 'workload', id: 'shop-rg/jumpbox' });
  });
});
