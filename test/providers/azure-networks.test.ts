// Azure networking against azure-cli and the Network resource provider: what az vm
// create makes around a VM (vm/custom.py create_vm, vm/_validators.py
// _validate_vm_vmss_create_vnet, vm/_template_builder.py build_nsg_resource),
// az network vnet/subnet/nsg/nsg rule/public-ip/nic (network/aaz/latest/network,
// network/_format.py), az vm open-port (vm/custom.py open_vm_port and its
// test_vm_open_port), az network watcher test-ip-flow, and the provider's errors
// (recorded in Azure/azure-cli, terraform-provider-azurerm and MS Learn threads,
// research notes of 2026-12-03). Addresses follow MS Learn's private-ip-addresses
// page: .0-.3 and the last of a subnet kept back, the next free one handed out, kept
// while the VM is deallocated.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const estate = () => defaultEstate(1);
const json = (r: { stdout: string }) => JSON.parse(r.stdout);
const ok = (e: ReturnType<typeof estate>, line: string) => {
  const r = runLine(e, line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r;
};

describe('az vm create networking (vm/custom.py create_vm)', () => {
  it('makes {vm}VNET 10.0.0.0/16 with {vm}Subnet 10.0.0.0/24, {vm}NSG with default-allow-ssh at 1000 on the NIC, {vm}PublicIP and {vm}VMNic at .4', () => {
    const e = estate();
    ok(e, 'az group create -n lab-rg -l northeurope');
    const vm = json(ok(e, 'az vm create -g lab-rg -n app1 --image Ubuntu2404'));
    expect(vm.privateIpAddress).toBe('10.0.0.4');
    const vnet = json(ok(e, 'az network vnet show -g lab-rg -n app1VNET'));
    expect(vnet.addressSpace.addressPrefixes).toEqual(['10.0.0.0/16']);
    expect(vnet.subnets.map((s: { name: string; addressPrefix: string }) => [s.name, s.addressPrefix])).toEqual([['app1Subnet', '10.0.0.0/24']]);
    const nsg = json(ok(e, 'az network nsg show -g lab-rg -n app1NSG'));
    expect(nsg.securityRules).toMatchObject([
      {
        name: 'default-allow-ssh',
        priority: 1000,
        protocol: 'Tcp',
        access: 'Allow',
        direction: 'Inbound',
        destinationPortRange: '22',
        sourceAddressPrefix: '*',
      },
    ]);
    expect(nsg.networkInterfaces[0].id).toMatch(/\/networkInterfaces\/app1VMNic$/);
    const nic = json(ok(e, 'az network nic show -g lab-rg -n app1VMNic'));
    expect(nic.ipConfigurations[0]).toMatchObject({ name: 'ipconfigapp1', privateIPAddress: '10.0.0.4', privateIPAllocationMethod: 'Dynamic' });
    expect(nic.virtualMachine.id).toMatch(/\/virtualMachines\/app1$/);
    expect(json(ok(e, 'az network public-ip show -g lab-rg -n app1PublicIP')).ipAddress).toBe(vm.publicIpAddress);
  });

  it('a second VM joins the first VNet of the group in its region and takes the next free address (_validate_vm_vmss_create_vnet)', () => {
    const e = estate();
    ok(e, 'az group create -n lab-rg -l northeurope');
    ok(e, 'az vm create -g lab-rg -n app1');
    expect(json(ok(e, 'az vm create -g lab-rg -n app2')).privateIpAddress).toBe('10.0.0.5');
    expect(json(ok(e, 'az network vnet list -g lab-rg')).map((v: { name: string }) => v.name)).toEqual(['app1VNET']);
    // A freed address is the next one handed out.
    ok(e, 'az vm delete -g lab-rg -n app1 --yes');
    ok(e, 'az network nic delete -g lab-rg -n app1VMNic');
    expect(json(ok(e, 'az vm create -g lab-rg -n app3')).privateIpAddress).toBe('10.0.0.4');
  });

  it('--nsg "" and --public-ip-address "" make none; --vnet-name and --subnet name where; --subnet alone is a usage error', () => {
    const e = estate();
    ok(e, 'az group create -n lab-rg -l northeurope');
    ok(e, 'az network vnet create -g lab-rg -n core --address-prefixes 10.10.0.0/16 --subnet-name web');
    ok(e, 'az network vnet subnet create -g lab-rg --vnet-name core -n db --address-prefixes 10.10.2.0/24');
    const vm = json(ok(e, 'az vm create -g lab-rg -n db1 --vnet-name core --subnet db --nsg "" --public-ip-address ""'));
    expect(vm).toMatchObject({ privateIpAddress: '10.10.2.4', publicIpAddress: '' });
    expect(json(ok(e, 'az network nsg list -g lab-rg'))).toEqual([]);
    const r = runLine(e, 'az vm create -g lab-rg -n db2 --subnet db');
    expect(r).toMatchObject({ exitCode: 1, stderr: 'ERROR: incorrect usage: --subnet ID | --subnet NAME --vnet-name NAME\n' });
    expect(e.sim.workload('lab-rg/db2')).toBeUndefined();
  });

  it('keeps the private address while the VM is deallocated (private-ip-addresses: released only when the NIC is deleted)', () => {
    const e = estate();
    const before = json(ok(e, 'az vm list-ip-addresses -g shop-rg -n reports'));
    ok(e, 'az vm deallocate -g shop-rg -n reports');
    ok(e, 'az vm start -g shop-rg -n reports');
    expect(json(ok(e, 'az vm list-ip-addresses -g shop-rg -n reports'))).toEqual(before);
    expect(before[0].virtualMachine.network.privateIpAddresses).toEqual(['10.0.0.7']);
  });

  it('gives every VM of the built-in estate its own address and public IP, listed as vm/_format.py transform_ip_addresses does', () => {
    const e = estate();
    expect(ok(e, 'az vm list-ip-addresses -o table').stdout).toBe(
      [
        'VirtualMachine    PublicIPAddresses    PrivateIPAddresses',
        '----------------  -------------------  --------------------',
        'shop-web-1        20.50.0.1            10.0.0.4',
        'shop-web-2        20.50.0.2            10.0.0.5',
        'shop-api          20.50.0.3            10.0.0.6',
        'reports           20.50.0.4            10.0.0.7',
        'jumpbox           20.50.0.5            10.0.0.8',
        '',
      ].join('\n'),
    );
  });
});

describe('az network nsg rule (aaz nsg rule _create.py; network/_format.py transform_nsg_rule_table_output)', () => {
  it('defaults to Allow, Inbound, any protocol, from anywhere, to port 80; one prefix in the singular field', () => {
    const e = estate();
    ok(e, 'az network nsg create -g shop-rg -n web-nsg');
    const rule = json(ok(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n allow-http --priority 100'));
    expect(rule).toMatchObject({
      access: 'Allow',
      direction: 'Inbound',
      protocol: '*',
      priority: 100,
      destinationPortRange: '80',
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    });
    // Two or more go in the plural field; enums take any case.
    const two = json(
      ok(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n tls --priority 110 --access deny --protocol tcp --destination-port-ranges 443 8443'),
    );
    expect(two).toMatchObject({ access: 'Deny', protocol: 'Tcp', destinationPortRanges: ['443', '8443'] });
    expect(two.destinationPortRange).toBeUndefined();
    // Each row in two halves, to keep the lines short: the columns up to Access, then the rest.
    const rows = ok(e, 'az network nsg rule list -g shop-rg --nsg-name web-nsg -o table').stdout.split('\n');
    const at = rows[0]!.indexOf('Access');
    expect(rows.map((r) => [r.slice(0, at).trimEnd(), r.slice(at)])).toEqual([
      [
        'Name        ResourceGroup    Priority    SourcePortRanges    SourceAddressPrefixes    SourceASG',
        'Access    Protocol    Direction    DestinationPortRanges    DestinationAddressPrefixes    DestinationASG',
      ],
      [
        '----------  ---------------  ----------  ------------------  -----------------------  -----------',
        '--------  ----------  -----------  -----------------------  ----------------------------  ----------------',
      ],
      [
        'allow-http  shop-rg          100         *                   *                        None',
        'Allow     *           Inbound      80                       *                             None',
      ],
      [
        'tls         shop-rg          110         *                   *                        None',
        'Deny      Tcp         Inbound      443 8443                 *                             None',
      ],
      ['', ''],
    ]);
  });

  it('refuses a priority two rules of one direction share (SecurityRuleConflict, the existing rule first), out of range, and a bad port', () => {
    const e = estate();
    ok(e, 'az network nsg create -g shop-rg -n web-nsg');
    ok(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n a --priority 200');
    const clash = runLine(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n b --priority 200');
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toContain(
      '(SecurityRuleConflict) Security rule a conflicts with rule b. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.',
    );
    // The same priority the other way is fine.
    ok(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n c --priority 200 --direction Outbound');
    expect(runLine(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n d --priority 99').stderr).toContain('(SecurityRuleInvalidPriority)');
    expect(runLine(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n d --priority 300 --destination-port-ranges 70000').stderr).toContain(
      "Security rule has invalid Port range. Value provided: 70000. Value should be an integer OR integer range with '-' delimiter. Valid range 0-65535.",
    );
    expect(runLine(e, 'az network nsg rule create -g shop-rg --nsg-name web-nsg -n d --priority 300 --access maybe').exitCode).toBe(2);
  });
});

describe("az network vnet and subnet (the provider's address checks)", () => {
  it("puts --subnet-name on the VNet's first /24 and refuses overlapping, outside and host-bit prefixes", () => {
    const e = estate();
    const made = json(ok(e, 'az network vnet create -g shop-rg -n app-vnet --address-prefixes 10.20.0.0/16 --subnet-name web'));
    expect(made.newVNet.subnets[0]).toMatchObject({ name: 'web', addressPrefix: '10.20.0.0/24' });
    const overlap = runLine(e, 'az network vnet subnet create -g shop-rg --vnet-name app-vnet -n web2 --address-prefixes 10.20.0.128/25');
    expect(overlap.stderr).toContain(
      "(NetcfgSubnetRangesOverlap) Subnet 'web2' is not valid because its IP address range overlaps with that of an existing subnet in virtual network 'app-vnet'.",
    );
    const outside = runLine(e, 'az network vnet subnet create -g shop-rg --vnet-name app-vnet -n far --address-prefixes 10.30.0.0/24');
    expect(outside.stderr).toContain(
      "(NetcfgSubnetRangeOutsideVnet) Subnet 'far' is not valid because its IP address range is outside the IP address range of virtual network 'app-vnet'.",
    );
    const bits = runLine(e, 'az network vnet subnet create -g shop-rg --vnet-name app-vnet -n odd --address-prefixes 10.20.1.5/24');
    expect(bits.stderr).toContain('(InvalidCIDRNotation) The address prefix 10.20.1.5/24 in resource ');
    expect(bits.stderr).toContain('the address prefix should be 10.20.1.0/24.');
    expect(runLine(e, 'az network vnet subnet show -g shop-rg --vnet-name app-vnet -n nope').stderr).toContain(
      '(NotFound) Resource /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Network/virtualNetworks/app-vnet/subnets/nope not found.',
    );
    expect(runLine(e, 'az network vnet show -g shop-rg -n nope').stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Network/virtualNetworks/nope' under resource group 'shop-rg' was not found.",
    );
  });

  it('will not delete a subnet, an NSG, a NIC or a public IP still in use (InUse... errors)', () => {
    const e = estate();
    expect(runLine(e, 'az network vnet subnet delete -g shop-rg --vnet-name shop-web-1VNET -n shop-web-1Subnet').stderr).toMatch(
      /\(InUseSubnetCannotBeDeleted\) Subnet shop-web-1Subnet is in use by \/subscriptions\/.*\/networkInterfaces\/shop-web-1VMNic\/ipConfigurations\/ipconfigshop-web-1 and cannot be deleted\./,
    );
    expect(runLine(e, 'az network nsg delete -g shop-rg -n shop-apiNSG').stderr).toMatch(
      new RegExp(
        '\\(InUseNetworkSecurityGroupCannotBeDeleted\\) Network security group /subscriptions/.*/networkSecurityGroups/shop-apiNSG cannot be deleted ' +
          'because it is in use by the following resources: /subscriptions/.*/networkInterfaces/shop-apiVMNic\\.',
      ),
    );
    expect(runLine(e, 'az network nic delete -g shop-rg -n shop-apiVMNic').stderr).toContain('(NicInUse) Network Interface ');
    expect(runLine(e, 'az network public-ip delete -g shop-rg -n shop-apiPublicIP').stderr).toContain('(PublicIPAddressCannotBeDeleted) Public IP address ');
  });
});

describe('a deployment that fails leaves nothing behind; what it is given is checked', () => {
  it('a VM refused for quota takes its new VNet, subnet, NSG, public IP and NIC with it', () => {
    const e = estate();
    const count = () => JSON.stringify(e.providers.azure.networks.state());
    ok(e, 'az vm create -g shop-rg -n q1 --size Standard_F4s_v2 -o none');
    ok(e, 'az vm create -g shop-rg -n q2 --size Standard_F4s_v2 -o none');
    const before = count();
    const r = runLine(e, 'az vm create -g shop-rg -n q3 --size Standard_F4s_v2 --vnet-name quota-v --subnet s');
    expect(r.stderr).toContain('(QuotaExceeded)');
    expect(count()).toBe(before);
  });

  it('refuses an NSG that is not there, a public IP another NIC has, an unknown region and a bad name; an empty --vnet-name is none', () => {
    const e = estate();
    expect(runLine(e, 'az network vnet create -g shop-rg -n v15 --subnet-name s --nsg nosuch').stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Network/networkSecurityGroups/nosuch' under resource group 'shop-rg' was not found.",
    );
    expect(runLine(e, 'az vm create -g shop-rg -n t3 --public-ip-address shop-web-1PublicIP').stderr).toContain('(PublicIPAddressInUse)');
    expect(runLine(e, 'az network public-ip create -g shop-rg -n p -l mars').stderr).toContain(
      "(LocationNotAvailableForResourceType) The provided location 'mars'",
    );
    expect(runLine(e, 'az vm create -g shop-rg -n t4 --nsg "my nsg"').stderr).toContain('(InvalidResourceName) Resource name my nsg is invalid.');
    expect(json(ok(e, 'az vm create -g shop-rg -n t5 --vnet-name "" --subnet ""')).privateIpAddress).toBe('10.0.0.9');
    expect(json(ok(e, 'az network vnet list -g shop-rg')).map((v: { name: string }) => v.name)).toEqual(['shop-web-1VNET']);
    // ARM deletes what is not there without complaint.
    expect(runLine(e, 'az network vnet delete -g shop-rg -n nope')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(runLine(e, 'az network nsg delete -g shop-rg -n nope')).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('a create of what exists is a PUT: the same VNet or subnet again is no error', () => {
    const e = estate();
    ok(e, 'az network vnet create -g shop-rg -n app --address-prefixes 10.30.0.0/16 --subnet-name web -o none');
    ok(e, 'az network vnet create -g shop-rg -n app --address-prefixes 10.30.0.0/16 --subnet-name web -o none');
    ok(e, 'az network vnet subnet create -g shop-rg --vnet-name app -n web --address-prefixes 10.30.0.0/24 -o none');
    expect(runLine(e, 'az network vnet create -g shop-rg -n app --address-prefixes 10.40.0.0/16').stderr).toContain('(NetcfgSubnetRangeOutsideVnet)');
  });
});

describe('az vm open-port (vm/custom.py open_vm_port, test_vm_open_port)', () => {
  it("adds open-port-PORT at priority 900 to the NIC's group and prints the group; commas become underscores; 900 again clashes", () => {
    const e = estate();
    const nsg = json(ok(e, 'az vm open-port -g shop-rg -n shop-web-1 --port 80'));
    expect(nsg.name).toBe('shop-web-1NSG');
    expect(nsg.securityRules.map((r: { name: string; priority: number }) => [r.name, r.priority])).toEqual([
      ['default-allow-ssh', 1000],
      ['open-port-80', 900],
    ]);
    expect(json(ok(e, 'az vm open-port -g shop-rg -n shop-web-1 --port 555,556,557-559 --priority 901')).securityRules[2]).toMatchObject({
      name: 'open-port-555_556_557-559',
      destinationPortRanges: ['555', '556', '557-559'],
      protocol: '*',
    });
    expect(runLine(e, 'az vm open-port -g shop-rg -n shop-web-1 --port 443').stderr).toContain(
      '(SecurityRuleConflict) Security rule open-port-80 conflicts with rule open-port-443.',
    );
  });
});

describe('az network watcher test-ip-flow (watcher/_test_ip_flow.py: {access, ruleName})', () => {
  it('names the deciding rule as securityRules/NAME or defaultSecurityRules/NAME', () => {
    const e = estate();
    const flow = (dir: string, local: string, remote: string) =>
      json(ok(e, `az network watcher test-ip-flow -g shop-rg --vm shop-web-1 --direction ${dir} --protocol TCP --local ${local} --remote ${remote}`));
    expect(flow('Inbound', '10.0.0.4:22', '203.0.113.7:50000')).toEqual({ access: 'Allow', ruleName: 'securityRules/default-allow-ssh' });
    expect(flow('Inbound', '10.0.0.4:443', '203.0.113.7:50000')).toEqual({ access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' });
    expect(flow('Inbound', '10.0.0.4:443', '10.0.0.6:50000')).toEqual({ access: 'Allow', ruleName: 'defaultSecurityRules/AllowVnetInBound' });
    expect(flow('Outbound', '10.0.0.4:50000', '8.8.8.8:443')).toEqual({ access: 'Allow', ruleName: 'defaultSecurityRules/AllowInternetOutBound' });
    expect(
      runLine(e, 'az network watcher test-ip-flow -g shop-rg --vm shop-web-1 --direction Inbound --protocol TCP --local 10.0.0.4 --remote 1.2.3.4:5').stderr,
    ).toBe("ERROR: usage error: the format of the '--local' and '--remote' should be like x.x.x.x:port\n");
  });
});

describe('reach over Azure (subnets of a VNet routed; NSGs of subnet and NIC both applied)', () => {
  const segmented = () => {
    const e = estate();
    for (const line of [
      'az group create -n tier-rg -l westeurope',
      'az network vnet create -g tier-rg -n app-vnet --address-prefixes 10.1.0.0/16 --subnet-name web --subnet-prefixes 10.1.1.0/24',
      'az network vnet subnet create -g tier-rg --vnet-name app-vnet -n app --address-prefixes 10.1.2.0/24',
      'az network vnet subnet create -g tier-rg --vnet-name app-vnet -n db --address-prefixes 10.1.3.0/24',
      'az vm create -g tier-rg -n web1 --vnet-name app-vnet --subnet web --nsg ""',
      'az vm create -g tier-rg -n app1 --vnet-name app-vnet --subnet app --nsg "" --public-ip-address ""',
      'az vm create -g tier-rg -n db1 --vnet-name app-vnet --subnet db --nsg "" --public-ip-address ""',
    ])
      ok(e, line);
    return e;
  };

  it('with no NSG the estate is flat: every tier reaches every other', () => {
    const e = segmented();
    const r = ok(e, 'reach web1 db1 5432');
    expect(r.stdout).toContain('web1 (10.1.1.4) -> db1 (10.1.3.4) tcp/5432: allowed');
    expect(r.stdout).toContain('routed within VNet app-vnet: subnet app-vnet/web -> subnet app-vnet/db');
  });

  it('a subnet NSG that lets only app reach db on 5432 denies web, naming the rule', () => {
    const e = segmented();
    ok(e, 'az network nsg create -g tier-rg -n db-nsg');
    ok(
      e,
      'az network nsg rule create -g tier-rg --nsg-name db-nsg -n allow-app --priority 100 --source-address-prefixes 10.1.2.0/24 --destination-port-ranges 5432 --protocol Tcp',
    );
    ok(
      e,
      'az network nsg rule create -g tier-rg --nsg-name db-nsg -n deny-vnet --priority 200 --source-address-prefixes VirtualNetwork --access Deny --destination-port-ranges "*"',
    );
    ok(e, 'az network vnet subnet update -g tier-rg --vnet-name app-vnet -n db --nsg db-nsg');
    const web = runLine(e, 'reach web1 db1 5432');
    expect(web.exitCode).toBe(1);
    expect(web.stdout).toContain('decided by: NSG db-nsg (subnet db): securityRules/deny-vnet (200) Deny');
    const app = ok(e, 'reach app1 db1 5432');
    expect(app.stdout).toContain('decided by: NSG db-nsg (subnet db): securityRules/allow-app (100) Allow');
    expect(ok(e, 'reach --matrix 5432 web1 app1 db1').stdout).toBe(
      [
        'tcp/5432: from each row to each column (ok: allowed, X: denied)',
        'from  web1  app1  db1',
        'web1  -     ok    X',
        'app1  ok    -     ok',
        'db1   ok    ok    -',
        '5 of 6 pairs reach each other (1 denied); reach FROM TO PORT says why',
        '',
      ].join('\n'),
    );
  });

  it('a stopped VM is reached by nothing, and the internet reaches only a public IP the rules open', () => {
    const e = segmented();
    ok(e, 'az vm deallocate -g tier-rg -n db1');
    expect(runLine(e, 'reach app1 db1 5432').stdout).toContain('decided by: db1 is not running');
    expect(runLine(e, 'reach internet app1 22').stdout).toContain('decided by: app1 has no public address, and no published tcp port 22');
    // web1 has a public IP and no NSG at all: a Standard public IP is closed until a group opens it (public-ip-addresses, "SKU").
    expect(runLine(e, 'reach internet web1 8080').stdout).toContain(
      'decided by: a Standard public IP lets nothing in until a network security group allows it: neither web1VMNic nor its subnet has one',
    );
    ok(e, 'az network nsg create -g tier-rg -n web-nsg');
    ok(e, 'az network nsg rule create -g tier-rg --nsg-name web-nsg -n http-alt --priority 100 --destination-port-ranges 8080 --protocol Tcp');
    ok(e, 'az network vnet subnet update -g tier-rg --vnet-name app-vnet -n web --nsg web-nsg');
    expect(ok(e, 'reach internet web1 8080').stdout).toContain('public IP 20.50.0.6 leads to web1VMNic 10.1.1.4');
  });

  it('between VNets the traffic goes out and back in by public IP: outbound rules see the public address, inbound the private one', () => {
    const e = estate();
    // A second VNet with the same address space: its addresses are not the first's VirtualNetwork.
    ok(e, 'az network vnet create -g shop-rg -n other --address-prefixes 10.0.0.0/16 --subnet-name s1 -o none');
    ok(e, 'az vm create -g shop-rg -n far --vnet-name other --subnet s1 -o none');
    const ssh = ok(e, 'reach shop-web-1 far 22');
    expect(ssh.stdout).toContain('allow  outbound, NSG shop-web-1NSG (NIC shop-web-1VMNic): defaultSecurityRules/AllowInternetOutBound (65001) Allow');
    expect(ssh.stdout).toContain('decided by: NSG farNSG (NIC farVMNic): securityRules/default-allow-ssh (1000) Allow');
    expect(runLine(e, 'reach shop-web-1 far 8080').stdout).toContain('decided by: NSG farNSG (NIC farVMNic): defaultSecurityRules/DenyAllInBound (65500) Deny');
    // An address is not a workload: a private one in another VNet has no route, and none from the internet.
    expect(runLine(e, 'reach far 10.0.0.5 22').stdout).toContain('decided by: no route from subnet other/s1 to subnet shop-web-1VNET/shop-web-1Subnet');
    expect(runLine(e, 'reach internet 10.0.0.5 22').stdout).toContain('decided by: 10.0.0.5 is a private address: nothing routes to it from the internet');
    expect(runLine(e, 'reach far far 22')).toMatchObject({
      exitCode: 1,
      stderr: 'reach: far is at both ends: there is no network between a workload and itself\n',
    });
  });

  it('names a workload by its id when two groups have one of that name', () => {
    const e = estate();
    ok(e, 'az group create -n other-rg -l westeurope -o none');
    ok(e, 'az vm create -g other-rg -n jumpbox -o none');
    expect(runLine(e, 'reach jumpbox shop-api 22').stderr).toBe(
      'reach: jumpbox names 2 workloads (shop-rg/jumpbox, other-rg/jumpbox); give one of these ids instead\n',
    );
    expect(ok(e, 'reach other-rg/jumpbox shop-api 22').stdout).toContain('jumpbox (10.0.0.4) -> shop-api');
    expect(ok(e, 'reach --matrix 22').stdout).toContain('shop-rg/jumpbox');
  });
});

describe('estate files keep the networks', () => {
  it('saves and reads back VNets, subnets, NSGs and their rules, public IPs and NICs', () => {
    const e = estate();
    ok(e, 'az network nsg create -g shop-rg -n extra');
    ok(e, 'az network nsg rule create -g shop-rg --nsg-name extra -n r1 --priority 300 --destination-port-ranges 1000-2000 --access Deny');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.providers.state()).toEqual(e.providers.state());
    expect(runLine(back.value, 'az vm create -g shop-rg -n next').stdout).toContain('"privateIpAddress": "10.0.0.9"');
  });

  it('refuses a file whose rules cannot be read, or whose NIC names a VM that is not there', () => {
    const e = estate();
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    file.providers.azure.networks.nsgs[0].rules[0].sourceAddressPrefixes = ['garbage'];
    const r = estateFromJson(file);
    expect(r.ok || r.error.message).toBe("a problem in the estate file: providers.azure.networks.nsgs[0].rules[0]: 'garbage' is not a valid address prefix");
    file.providers.azure.networks.nsgs[0].rules[0].sourceAddressPrefixes = ['*'];
    file.providers.azure.networks.nics[4].vm = 'web-01';
    const r2 = estateFromJson(file);
    expect(r2.ok || r2.error.message).toBe('a problem in the estate file: providers.azure.networks.nics[4].vm: web-01 is not an Azure VM');
  });

  it('refuses a file whose NICs share an address or name a subnet that is not there, saying where', () => {
    const e = estate();
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    file.providers.azure.networks.nics[1].ip = file.providers.azure.networks.nics[0].ip;
    const r = estateFromJson(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('a problem in the estate file: providers.azure.networks.nics[1].ip: 10.0.0.4 is used twice');
    file.providers.azure.networks.nics[1].ip = '10.0.0.5';
    file.providers.azure.networks.nics[2].subnet = 'gone';
    const r2 = estateFromJson(file);
    if (!r2.ok)
      expect(r2.error.message).toBe('a problem in the estate file: providers.azure.networks.nics[2].subnet: no subnet shop-web-1VNET/gone in shop-rg');
    else expect.unreachable();
  });
});

describe('az network nic create and az vm create --nics', () => {
  it('makes a NIC with ipconfig1 on a subnet ({"NewNIC": ...}), static where --private-ip-address says; a VM takes it whole', () => {
    const e = estate();
    const nic = json(
      ok(e, 'az network nic create -g shop-rg -n app-nic --vnet-name shop-web-1VNET --subnet shop-web-1Subnet --private-ip-address 10.0.0.50'),
    ).NewNIC;
    expect(nic.ipConfigurations[0]).toMatchObject({ name: 'ipconfig1', privateIPAddress: '10.0.0.50', privateIPAllocationMethod: 'Static' });
    expect(nic.virtualMachine).toBeUndefined();
    const vm = json(ok(e, 'az vm create -g shop-rg -n app9 --nics app-nic'));
    expect(vm.privateIpAddress).toBe('10.0.0.50');
    expect(json(ok(e, 'az network nic show -g shop-rg -n app-nic')).virtualMachine.id).toMatch(/virtualMachines\/app9$/);
    const twice = runLine(e, 'az vm create -g shop-rg -n app10 --nics app-nic');
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain('(NicInUse)');
  });

  it('a subnet by name needs its VNet (get_subnet_validator); --nics refuses the arguments that would make one', () => {
    const e = estate();
    expect(runLine(e, 'az network nic create -g shop-rg -n x --subnet s').stderr).toBe('ERROR: usage error: --subnet ID | --subnet NAME --vnet-name NAME\n');
    ok(e, 'az network nic create -g shop-rg -n app-nic --vnet-name shop-web-1VNET --subnet shop-web-1Subnet');
    expect(runLine(e, 'az vm create -g shop-rg -n app9 --nics app-nic --vnet-name shop-web-1VNET').stderr).toMatch(
      /^ERROR: usage error: --nics cannot be used with/,
    );
  });

  it("a NIC by resource ID is the ID's group's: a VM may take one of another group of its region", () => {
    const e = estate();
    ok(e, 'az group create -n net-rg -l westeurope -o none');
    ok(e, 'az network vnet create -g net-rg -n hub --address-prefixes 10.9.0.0/16 --subnet-name apps --subnet-prefixes 10.9.1.0/24 -o none');
    const id = json(ok(e, 'az network nic create -g net-rg -n shared-nic --vnet-name hub --subnet apps')).NewNIC.id;
    expect(id).toMatch(/\/resourceGroups\/net-rg\/providers\/Microsoft\.Network\/networkInterfaces\/shared-nic$/);
    expect(json(ok(e, `az vm create -g shop-rg -n app9 --nics ${id}`)).privateIpAddress).toBe('10.9.1.4');
    // Its group cannot go while the VM uses it: the deletion fails, losing nothing.
    const del = runLine(e, 'az group delete -n net-rg --yes');
    expect(del.exitCode).toBe(1);
    expect(del.stderr).toContain('(NicInUse) Network Interface ');
    expect(json(ok(e, 'az network nic show -g net-rg -n shared-nic')).virtualMachine.id).toMatch(/virtualMachines\/app9$/);
    // By name it is looked for in the VM's own group.
    expect(runLine(e, 'az vm create -g shop-rg -n app10 --nics shared-nic').stderr).toContain(
      "The Resource 'Microsoft.Network/networkInterfaces/shared-nic' under resource group 'shop-rg' was not found.",
    );
  });
});
