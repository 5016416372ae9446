// Azure Load Balancer against azure-cli and the service: lb create's defaults and
// its deployment output (network/_params.py, _validators.py process_lb_create_namespace,
// _template_builder.py build_load_balancer_resource; test_network_lb_probes.yaml's
// recorded reference() output), probe and rule defaults the service fills in
// (test_network_lb_probes.yaml: intervalInSeconds 15, numberOfProbes 2; probeThreshold 1,
// the REST API's example; numberOfProbes "isn't respected": load-balancer/whats-new.md, Known issues;
// test_network_lb_rules.yaml: idleTimeoutInMinutes 4, loadDistribution Default),
// RulesUseSameBackendPortProtocolAndPool (a capture in MicrosoftDocs/azure-docs#117762),
// AAZ's bare ResourceNotFoundError for a missing child (aaz/_selector.py), and the
// probe behaviour of learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview:
// a backend whose probe fails is taken out after interval x probeThreshold, in
// again after its first probe; Standard backends closed until an NSG allows.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const json = (r: { stdout: string }) => JSON.parse(r.stdout);
const ok = (e: ReturnType<typeof defaultEstate>, line: string) => {
  const r = runLine(e, line);
  // az vm stop's warning (two lines) and lb create's are not errors.
  expect(r.stderr.replace(/^WARNING: .*\n(It will continue.*\n)?/gm, ''), line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r;
};

/** The built-in estate's two web VMs behind web-lb, port 80 open on their NSGs. */
function balanced(probe = '--interval 5') {
  const e = defaultEstate(1);
  ok(e, 'az network lb create -g shop-rg -n web-lb');
  ok(e, `az network lb probe create -g shop-rg --lb-name web-lb -n http --protocol Tcp --port 80 ${probe}`);
  ok(e, 'az network lb rule create -g shop-rg --lb-name web-lb -n http --protocol Tcp --frontend-port 80 --backend-port 80 --probe-name http');
  for (const vm of ['shop-web-1', 'shop-web-2']) {
    ok(
      e,
      `az network nic ip-config address-pool add -g shop-rg --nic-name ${vm}VMNic --ip-config-name ipconfig${vm} --lb-name web-lb --address-pool web-lbbepool`,
    );
    ok(e, `az vm open-port -g shop-rg -n ${vm} --port 80`);
  }
  return e;
}

/** traffic's rows: backend -> [health, requests, errors]. */
function rows(out: string): Record<string, [string, number, number]> {
  const found: Record<string, [string, number, number]> = {};
  for (const m of out.matchAll(/^ {2}(shop-web-\d)\s+\S+\s+(\w+)\s+(\d+)\s+(\d+)/gm)) found[m[1]!] = [m[2]!, Number(m[3]), Number(m[4])];
  return found;
}

describe('az network lb create (network/custom.py create_load_balancer)', () => {
  it('is Standard with LoadBalancerFrontEnd on a new PublicIP<name> and a pool <name>bepool, answering {"loadBalancer": reference()} with nested properties', () => {
    const e = defaultEstate(1);
    const r = runLine(e, 'az network lb create -g shop-rg -n lb1');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('WARNING: Please note that the default public IP used for creation will be changed from Basic to Standard in the future.\n');
    const lb = json(r).loadBalancer;
    expect(Object.keys(lb)).toEqual([
      'backendAddressPools',
      'frontendIPConfigurations',
      'inboundNatPools',
      'inboundNatRules',
      'loadBalancingRules',
      'probes',
      'provisioningState',
      'resourceGuid',
    ]);
    expect(lb.backendAddressPools[0]).toMatchObject({ name: 'lb1bepool', properties: { provisioningState: 'Succeeded' }, resourceGroup: 'shop-rg' });
    expect(lb.frontendIPConfigurations[0].name).toBe('LoadBalancerFrontEnd');
    expect(lb.frontendIPConfigurations[0].properties.publicIPAddress.id).toMatch(/\/publicIPAddresses\/PublicIPlb1$/);
    const shown = json(ok(e, 'az network lb show -g shop-rg -n lb1'));
    expect(shown.sku).toEqual({ name: 'Standard', tier: 'Regional' });
    expect(shown.frontendIPConfigurations[0].publicIPAddress.resourceGroup).toBe('shop-rg');
    expect(json(ok(e, 'az network public-ip show -g shop-rg -n PublicIPlb1')).ipConfiguration.id).toMatch(
      /loadBalancers\/lb1\/frontendIPConfigurations\/LoadBalancerFrontEnd$/,
    );
  });

  it('lists as knack tables it (Location Name ProvisioningState ResourceGroup ResourceGuid); a missing LB is ARM ResourceNotFound, exit 3', () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n lb1');
    expect(ok(e, 'az network lb list -o table').stdout.split('\n')[0]!.split(/\s+/)).toEqual([
      'Location',
      'Name',
      'ProvisioningState',
      'ResourceGroup',
      'ResourceGuid',
    ]);
    const r = runLine(e, 'az network lb show -g shop-rg -n nope');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Network/loadBalancers/nope' under resource group 'shop-rg' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    );
  });

  it('refuses --subnet with --public-ip-address as the validator does, and an LB frontend public IP may not be deleted', () => {
    const e = defaultEstate(1);
    const r = runLine(e, 'az network lb create -g shop-rg -n lb1 --subnet s --public-ip-address p');
    expect(r.stderr).toBe('ERROR: incorrect usage: --subnet NAME --vnet-name NAME | --subnet ID | --public-ip-address NAME_OR_ID\n');
    ok(e, 'az network lb create -g shop-rg -n lb1');
    const d = runLine(e, 'az network public-ip delete -g shop-rg -n PublicIPlb1');
    expect(d.exitCode).toBe(1);
    expect(d.stderr).toContain('(PublicIPAddressCannotBeDeleted)');
    expect(d.stderr).toContain('loadBalancers/lb1/frontendIPConfigurations/LoadBalancerFrontEnd');
  });
});

describe('az network lb probe, rule and address-pool', () => {
  it('a probe with no --interval or --threshold gets the service defaults 15 s and 2; a rule idle timeout 4 and Default distribution', () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n lb1');
    const p = json(ok(e, 'az network lb probe create -g shop-rg --lb-name lb1 -n tcp80 --protocol tcp --port 80'));
    expect(p).toMatchObject({ intervalInSeconds: 15, numberOfProbes: 2, port: 80, protocol: 'Tcp', type: 'Microsoft.Network/loadBalancers/probes' });
    const r = json(ok(e, 'az network lb rule create -g shop-rg --lb-name lb1 -n web --protocol tcp --frontend-port 80 --backend-port 8080 --probe tcp80'));
    expect(r).toMatchObject({ idleTimeoutInMinutes: 4, loadDistribution: 'Default', enableFloatingIP: false, backendPort: 8080, frontendPort: 80 });
    expect(r.backendAddressPool.id).toMatch(/backendAddressPools\/lb1bepool$/);
    expect(json(ok(e, 'az network lb probe show -g shop-rg --lb-name lb1 -n tcp80')).loadBalancingRules[0].id).toMatch(/loadBalancingRules\/web$/);
  });

  it('two rules on one pool with one protocol and backend port are RulesUseSameBackendPortProtocolAndPool; a missing probe InvalidResourceReference', () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n lb1');
    ok(e, 'az network lb rule create -g shop-rg --lb-name lb1 -n a --protocol tcp --frontend-port 80 --backend-port 80');
    const r = runLine(e, 'az network lb rule create -g shop-rg --lb-name lb1 -n b --protocol tcp --frontend-port 81 --backend-port 80');
    expect(r.exitCode).toBe(1);
    const id = (kind: string, name: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Network/loadBalancers/lb1/${kind}/${name}`;
    expect(r.stderr).toContain(
      `(RulesUseSameBackendPortProtocolAndPool) Load balancing rules ${id('loadBalancingRules', 'a')} and ${id('loadBalancingRules', 'b')} ` +
        `with floating IP disabled use the same protocol Tcp and backend port 80, and must not be used with the same backend address pool ${id('backendAddressPools', 'lb1bepool')}.`,
    );
    const m = runLine(e, 'az network lb rule create -g shop-rg --lb-name lb1 -n c --protocol tcp --frontend-port 82 --backend-port 82 --probe nope');
    expect(m.stderr).toMatch(/\(InvalidResourceReference\) Resource \S+\/probes\/nope referenced by resource \S+\/loadBalancingRules\/c was not found\./);
  });

  it("a missing child is AAZ selector's bare ResourceNotFoundError; a bad port is argparse's invalid int value", () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n lb1');
    expect(runLine(e, 'az network lb probe show -g shop-rg --lb-name lb1 -n nope').stderr).toBe('ERROR: ResourceNotFoundError\n');
    const bad = runLine(e, 'az network lb probe create -g shop-rg --lb-name lb1 -n p --protocol tcp --port eighty');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe("ERROR: argument --port: invalid int value: 'eighty'\n");
  });

  it('nic ip-config address-pool add puts the NIC in the pool: the pool lists it, the NIC names the pool, deleting the NIC takes it out', () => {
    const e = balanced();
    const pool = json(ok(e, 'az network lb address-pool show -g shop-rg --lb-name web-lb -n web-lbbepool'));
    expect(pool.backendIPConfigurations.map((c: { id: string }) => c.id.replace(/.*networkInterfaces\//, ''))).toEqual([
      'shop-web-1VMNic/ipConfigurations/ipconfigshop-web-1',
      'shop-web-2VMNic/ipConfigurations/ipconfigshop-web-2',
    ]);
    expect(json(ok(e, 'az network nic show -g shop-rg -n shop-web-1VMNic')).ipConfigurations[0].loadBalancerBackendAddressPools[0].id).toMatch(
      /loadBalancers\/web-lb\/backendAddressPools\/web-lbbepool$/,
    );
    const usage = runLine(
      e,
      'az network nic ip-config address-pool add -g shop-rg --nic-name shop-web-1VMNic -n ipconfigshop-web-1 --address-pool web-lbbepool',
    );
    expect(usage.stderr).toBe('ERROR: usage error: --address-pool ID | --lb-name NAME --address-pool NAME | --gateway-name NAME --address-pool NAME\n');
  });
});

describe('traffic through a load balancer (load-balancer-custom-probe-overview)', () => {
  it('shares requests among healthy backends by five-tuple hash; every request answered', () => {
    const r = runLine(balanced(), 'traffic web-lb 200');
    expect(r.exitCode).toBe(0);
    const got = rows(r.stdout);
    expect(got['shop-web-1']![0]).toBe('healthy');
    expect(got['shop-web-1']![1] + got['shop-web-2']![1]).toBe(200);
    expect(Math.min(got['shop-web-1']![1], got['shop-web-2']![1])).toBeGreaterThan(60);
    expect(r.stdout).toContain('200 requests: 200 answered, 0 failed');
  });

  it('a stopped backend stays in rotation, its requests failing, for interval x probeThreshold (5 s x 1); then the other takes them all', () => {
    const e = balanced();
    ok(e, 'az vm stop -g shop-rg -n shop-web-2 --no-wait');
    ok(e, 'sleep 4s');
    const during = runLine(e, 'traffic web-lb');
    expect(during.exitCode).toBe(1);
    const d = rows(during.stdout);
    expect(d['shop-web-2']![0]).toBe('failing');
    expect(d['shop-web-2']![2]).toBe(d['shop-web-2']![1]);
    expect(d['shop-web-2']![1]).toBeGreaterThan(0);
    expect(during.stdout).toMatch(/out in 1s/);
    ok(e, 'sleep 1s');
    const after = rows(runLine(e, 'traffic web-lb').stdout);
    expect(after['shop-web-2']).toEqual(['down', 0, 0]);
    expect(after['shop-web-1']).toEqual(['healthy', 100, 0]);
  });

  it('numberOfProbes (--threshold) is shown but not respected; --probe-threshold is (a preview, with its warning)', () => {
    const e = balanced('--interval 5 --threshold 4');
    expect(json(ok(e, 'az network lb probe show -g shop-rg --lb-name web-lb -n http'))).toMatchObject({ numberOfProbes: 4, probeThreshold: 1 });
    ok(e, 'az vm stop -g shop-rg -n shop-web-2 --no-wait');
    ok(e, 'sleep 5s');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('down');
    const f = balanced();
    const r = runLine(f, 'az network lb probe create -g shop-rg --lb-name web-lb -n http --protocol Tcp --port 80 --interval 5 --probe-threshold 3');
    expect(r.stderr).toContain('WARNING: Please note that the parameter --probe-threshold is currently in preview');
    ok(f, 'az vm stop -g shop-rg -n shop-web-2 --no-wait');
    ok(f, 'sleep 14s');
    expect(rows(runLine(f, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('failing');
    ok(f, 'sleep 1s');
    expect(rows(runLine(f, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('down');
  });

  it('with the default probe (15 s x 1) the same backend is still failing 14 s on', () => {
    const e = balanced('');
    ok(e, 'az vm stop -g shop-rg -n shop-web-2 --no-wait');
    ok(e, 'sleep 14s');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('failing');
    ok(e, 'sleep 1s');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('down');
  });

  it('an outage shorter than detection never took a backend out: back at once (a probe every 60 s, a restart)', () => {
    const e = balanced('--interval 60');
    ok(e, 'az vm restart -g shop-rg -n shop-web-2');
    expect(e.sim.workload('shop-rg/shop-web-2')!.state).toBe('running');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('healthy');
  });

  it('a restarted backend is back in rotation after its first probe, one interval on', () => {
    const e = balanced();
    ok(e, 'az vm stop -g shop-rg -n shop-web-2');
    ok(e, 'az vm start -g shop-rg -n shop-web-2');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('down');
    ok(e, 'sleep 5s');
    expect(rows(runLine(e, 'traffic web-lb').stdout)['shop-web-2']![0]).toBe('healthy');
  });

  it('a Standard LB lets clients in only where an NSG allows: the probe passes (AllowAzureLoadBalancerInBound) but requests fail', () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n web-lb');
    ok(e, 'az network lb probe create -g shop-rg --lb-name web-lb -n http --protocol Tcp --port 80');
    ok(e, 'az network lb rule create -g shop-rg --lb-name web-lb -n http --protocol Tcp --frontend-port 80 --backend-port 80 --probe-name http');
    ok(
      e,
      'az network nic ip-config address-pool add -g shop-rg --nic-name shop-web-1VMNic --ip-config-name ipconfigshop-web-1 --lb-name web-lb --address-pool web-lbbepool',
    );
    const r = runLine(e, 'traffic web-lb 10');
    expect(rows(r.stdout)['shop-web-1']).toEqual(['healthy', 10, 10]);
    expect(r.stdout).toContain("clients' tcp/80 is denied by defaultSecurityRules/DenyAllInBound");
    const ip = json(ok(e, 'az network public-ip show -g shop-rg -n PublicIPweb-lb')).ipAddress;
    const v = runLine(e, `reach internet ${ip} 80`);
    expect(v.exitCode).toBe(1);
    expect(v.stdout).toContain('decided by: NSG shop-web-1NSG (NIC shop-web-1VMNic): defaultSecurityRules/DenyAllInBound (65500) Deny');
    ok(e, 'az vm open-port -g shop-rg -n shop-web-1 --port 80');
    expect(runLine(e, `reach internet ${ip} 80`).exitCode).toBe(0);
  });

  it('an NSG rule that denies the probe source marks the backend down at once', () => {
    const e = balanced();
    ok(
      e,
      'az network nsg rule create -g shop-rg --nsg-name shop-web-1NSG -n no-probes --priority 100 --source-address-prefixes AzureLoadBalancer --destination-port-ranges 80 --access Deny',
    );
    const r = runLine(e, 'traffic web-lb');
    expect(rows(r.stdout)['shop-web-1']).toEqual(['down', 0, 0]);
    expect(r.stdout).toContain('the probe from 168.63.129.16 to port 80 is denied by securityRules/no-probes');
  });

  it('a pool joins by its resource ID alone; a bad pool or frontend name is refused before it can spoil a file', () => {
    const e = defaultEstate(1);
    ok(e, 'az network lb create -g shop-rg -n web-lb');
    const id = json(ok(e, 'az network lb address-pool show -g shop-rg --lb-name web-lb -n web-lbbepool')).id;
    ok(e, `az network nic ip-config address-pool add -g shop-rg --nic-name shop-web-1VMNic --ip-config-name ipconfigshop-web-1 --address-pool ${id}`);
    expect(json(ok(e, 'az network lb address-pool show -g shop-rg --lb-name web-lb -n web-lbbepool')).backendIPConfigurations).toHaveLength(1);
    expect(runLine(e, 'az network lb create -g shop-rg -n l2 --backend-pool-name ""').stderr).toContain('(InvalidResourceName)');
    expect(runLine(e, 'az network lb create -g shop-rg -n l3 --sku Basic').exitCode).toBe(1);
  });

  it('says what is wrong with its arguments, and lists every load balancer with no name', () => {
    const e = balanced();
    expect(runLine(e, 'traffic nope').stderr).toBe('traffic: no load balancer nope (there are shop-rg/web-lb)\n');
    expect(runLine(e, 'traffic web-lb 0').exitCode).toBe(2);
    expect(runLine(e, 'traffic').stdout).toMatch(/^load balancer web-lb \(shop-rg\/web-lb\) 20\.50\.\d+\.\d+, rule http: tcp\/80 -> pool web-lbbepool port 80/);
  });

  it('an estate file keeps the load balancer, its pool members and rules', () => {
    const e = balanced();
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'traffic web-lb').stdout).toBe(runLine(e, 'traffic web-lb').stdout);
    const broken = structuredClone(file) as { providers: { azure: { networks: { loadBalancers: { rules: { probe?: string }[] }[] } } } };
    broken.providers.azure.networks.loadBalancers[0]!.rules[0]!.probe = 'gone';
    const bad = estateFromJson(broken);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('providers.azure.networks.loadBalancers[0].rules[0].probe: no probe gone');
  });
});
