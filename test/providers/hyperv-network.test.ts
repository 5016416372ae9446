// Hyper-V network adapters against the module's published output and Microsoft
// Learn (research notes of 2026-12-03): Get-VMNetworkAdapter's table (Name
// IsManagementOs VMName SwitchName MacAddress Status IPAddresses; "Network
// Adapter"; MACs of the 00-15-5D pool without separators, KB2804678; {Ok} while
// running), Connect-VMNetworkAdapter's "Hyper-V was unable to find a virtual
// switch with name" record, Get-VMNetworkAdapterVlan's VMName VMNetworkAdapterName
// Mode VlanList (Untagged with an empty list; Access and the ID), and "Plan for
// Hyper-V networking"'s switch types: external on the LAN, internal and private
// with no way out; VLANs separate (IEEE 802.1Q, 1-4094).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const estate = () => defaultEstate(1);

describe('Hyper-V network adapters', () => {
  it("lists each VM's adapter, its switch, its 00155D MAC and the addresses its guest reports", () => {
    const e = estate();
    expect(runLine(e, 'Connect-VMNetworkAdapter -VMName ad-01 -SwitchName External')).toMatchObject({ exitCode: 0, stdout: '' });
    const rows = runLine(e, 'Get-VMNetworkAdapter -VMName ad-01')
      .stdout.split('\n')
      .filter((l) => l.trim() !== '');
    expect(rows[0]!.split(/\s+/)).toEqual(['Name', 'IsManagementOs', 'VMName', 'SwitchName', 'MacAddress', 'Status', 'IPAddresses']);
    expect(rows[2]).toMatch(/^Network Adapter False +ad-01 +External +00155D[0-9A-F]{6} \{Ok\} +\{10\.20\.40\.\d+\}$/);
    const sw = runLine(e, 'Connect-VMNetworkAdapter -VMName ad-01 -SwitchName Nope');
    expect(sw.stderr).toContain('Hyper-V was unable to find a virtual switch with name "Nope".');
    expect(sw.stderr).toContain('InvalidParameter,Microsoft.HyperV.PowerShell.Commands.ConnectVMNetworkAdapter');
    expect(sw.stderr).toContain('InvalidArgument: (:) [Connect-VMNetworkAdapter], VirtualizationException');
    runLine(e, 'Stop-VM ad-01 -Force');
    expect(runLine(e, 'Get-VMNetworkAdapter -VMName ad-01').stdout).toMatch(/ad-01 +External +00155D[0-9A-F]{6} +\{\}/);
    expect(runLine(e, 'Get-VMNetworkAdapter').stderr).toContain('Cannot process command because of one or more missing mandatory parameters: VMName.');
  });

  it('tags an adapter with a VLAN (1-4094) and separates VLANs where no router routes them; untagged both, the two VMs share a segment', () => {
    const e = estate();
    // The built-in estate puts them on VLAN 40, which dc-east's router routes; VLAN 60 it does not.
    expect(runLine(e, 'reach ad-01 ad-02 389').stdout).toContain('same segment: the LAN of dc-east on VLAN 40');
    expect(runLine(e, 'Set-VMNetworkAdapterVlan -VMName ad-02 -Access -VlanId 60')).toMatchObject({ exitCode: 0, stdout: '' });
    const vlan = runLine(e, 'Get-VMNetworkAdapterVlan -VMName ad-02').stdout.split('\n');
    expect(vlan[1]!.split(/\s+/)).toEqual(['VMName', 'VMNetworkAdapterName', 'Mode', 'VlanList']);
    expect(vlan[3]).toMatch(/^ad-02 +Network Adapter +Access +60$/);
    expect(runLine(e, 'reach ad-01 ad-02 389').stdout).toContain('decided by: no route from the LAN of dc-east on VLAN 40 to the LAN of dc-east on VLAN 60');
    expect(runLine(e, 'Set-VMNetworkAdapterVlan -VMName ad-02 -Access -VlanId 4095').exitCode).toBe(1);
    runLine(e, 'Set-VMNetworkAdapterVlan -VMName ad-02 -Untagged');
    expect(runLine(e, 'reach ad-01 ad-02 389').stdout).toContain(
      'routed by the site routers: the LAN of dc-east on VLAN 40 -> gateway 10.20.40.1 -> the LAN of dc-east (untagged)',
    );
    runLine(e, 'Set-VMNetworkAdapterVlan -VMName ad-01 -Untagged');
    expect(runLine(e, 'Get-VMNetworkAdapterVlan -VMName ad-02').stdout).toMatch(/ad-02 +Network Adapter +Untagged\s*\n/);
    expect(runLine(e, 'reach ad-01 ad-02 389').stdout).toContain('same segment: the LAN of dc-east (untagged)');
  });

  it('an internal switch has no way out, and its guests give themselves APIPA addresses', () => {
    const e = estate();
    runLine(e, 'Connect-VMNetworkAdapter -VMName sql-01 -SwitchName Internal');
    expect(runLine(e, 'Get-VMNetworkAdapter -VMName sql-01').stdout).toMatch(/\{169\.254\.\d+\.\d+\}/);
    expect(runLine(e, 'reach sql-01 internet 443').stdout).toContain('an internal switch joins only its host and the VMs on it');
  });

  it("keeps a VM's MAC and address as it moves and as others stop, and its LAN block valid for any VLAN (review findings)", () => {
    const e = estate();
    for (const vm of ['ad-01', 'ad-02', 'files-01']) runLine(e, `Connect-VMNetworkAdapter -VMName ${vm} -SwitchName External`);
    const line = (vm: string) => runLine(e, `Get-VMNetworkAdapter -VMName ${vm}`).stdout.split('\n')[3]!;
    const before = line('ad-02');
    runLine(e, 'Stop-VM ad-01 -Force');
    expect(line('ad-02')).toBe(before);
    runLine(e, 'Move-VM ad-02 hv-03');
    expect(line('ad-02')).toBe(before);
    runLine(e, 'Set-VMNetworkAdapterVlan -VMName ad-02 -Access -VlanId 300');
    expect(line('ad-02')).toMatch(/\{10\.21\.44\.\d+\}/);
  });
});
