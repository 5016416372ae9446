import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { AzureDriver } from '../../src/providers/azure/driver.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';

function cloud() {
  const sim = new Simulation({ seed: 5 });
  const azure = new AzureDriver(sim);
  // As `hyperpane exec` runs a line: simulated time passes until the command returns.
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return returned(sim, azure.exec(t.words));
  };
  run('az group create -n shop-rg -l westeurope');
  return { sim, azure, run };
}

const HOUR = 3_600_000;

describe('az vm', () => {
  it('creates a VM: az vm create returns once it is provisioned and running, --no-wait at once', () => {
    const { sim, run } = cloud();
    const before = sim.now;
    const created = run('az vm create -g shop-rg -n web-1 --image Ubuntu2404 --size Standard_B2s --admin-username azureuser --generate-ssh-keys');
    expect(created.exitCode).toBe(0);
    // AZURE_DURATIONS: provisioning 45-120 s, then the boot.
    expect(sim.now - before).toBeGreaterThan(45_000);
    const out = JSON.parse(created.stdout);
    expect(out).toMatchObject({ location: 'westeurope', powerState: 'VM running', resourceGroup: 'shop-rg' });
    expect(out.id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Compute/virtualMachines/web-1');
    expect(run('az vm list -d -o table').stdout).toMatch(/web-1 +shop-rg +VM running +20\.\d+\.\d+\.\d+ +westeurope/);
    // tabulate: each column at least its header plus two (Name 4+2); as recorded in Cloud Shell (no Zones column for VMs without zones).
    expect(run('az vm list -o table').stdout).toBe(
      'Name    ResourceGroup    Location\n------  ---------------  ----------\nweb-1   shop-rg          westeurope\n',
    );
    const t = sim.now;
    const quick = run('az vm create -g shop-rg -n web-2 --image Ubuntu2404 --no-wait');
    expect(quick).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(sim.now).toBe(t);
    expect(run('az vm list -d -o table').stdout).toMatch(/web-2 +shop-rg +VM creating/);
  });

  it('bills a stopped VM and stops billing when it is deallocated', () => {
    const { sim, azure, run } = cloud();
    run('az vm create -g shop-rg -n app --image Ubuntu2404 --size Standard_D2s_v5');
    sim.advance(5 * 60_000);
    const id = 'shop-rg/app';
    const start = azure.cost(id).soFar;
    sim.advance(HOUR);
    expect(azure.cost(id).soFar - start).toBeCloseTo(0.096, 6);
    const stop = run('az vm stop -g shop-rg -n app');
    expect(stop.stderr).toContain('It will continue to be billed.');
    sim.advance(HOUR);
    expect(azure.cost(id).perHour).toBe(0.096);
    run('az vm deallocate -g shop-rg -n app');
    sim.advance(5 * 60_000);
    expect(azure.workload(id)!.nativeState).toBe('VM deallocated');
    const frozen = azure.cost(id).soFar;
    sim.advance(10 * HOUR);
    expect(azure.cost(id).soFar).toBe(frozen);
  });

  it('enforces vCPU quotas per family and region, counting deallocated VMs', () => {
    const { sim, run } = cloud();
    for (let i = 0; i < 5; i++) expect(run(`az vm create -g shop-rg -n b${i} --image Ubuntu2404 --size Standard_B2s`).exitCode).toBe(0);
    const over = run('az vm create -g shop-rg -n b5 --image Ubuntu2404 --size Standard_B2s');
    expect(over.exitCode).toBe(1);
    expect(over.stderr).toContain('(QuotaExceeded) Quota exceeded: Standard BS Family vCPUs in westeurope, 10 of 10 used; b5 needs 2 more');
    sim.advance(5 * 60_000);
    run('az vm deallocate -g shop-rg -n b0');
    sim.advance(5 * 60_000);
    expect(run('az vm create -g shop-rg -n b5 --image Ubuntu2404 --size Standard_B2s').exitCode).toBe(1);
    const usage = run('az vm list-usage -l westeurope -o table').stdout;
    // list-usage's table transformer: [].{Name:localName, CurrentValue:currentValue, Limit:limit}
    expect(usage).toMatch(/Standard BS Family vCPUs +10 +10\n/);
    expect(usage).toMatch(/Total Regional vCPUs +10 +20\n/);
    run('az vm delete -g shop-rg -n b0 --yes');
    expect(run('az vm create -g shop-rg -n b5 --image Ubuntu2404 --size Standard_B2s').exitCode).toBe(0);
  });

  it('B-series VMs start with their initial credits and spend them while busy', () => {
    const { sim, azure, run } = cloud();
    run('az vm create -g shop-rg -n burst --image Ubuntu2404 --size Standard_B1s --no-wait');
    expect(azure.credits('shop-rg/burst')).toBe(30);
    sim.advance(5 * 60_000);
    // Booting and then working above its 10% base: it has spent some of its 30.
    expect(azure.credits('shop-rg/burst')).toBeLessThan(30);
    expect(azure.credits('shop-rg/burst')).toBeGreaterThan(20);
    expect(azure.workload('shop-rg/burst')!.details['CPU credits']).toMatch(/^\d+\.\d$/);
  });

  it('resizes a running VM with a restart, at the new price', () => {
    const { sim, azure, run } = cloud();
    run('az vm create -g shop-rg -n api --image Ubuntu2404 --size Standard_B2s');
    sim.advance(5 * 60_000);
    const r = run('az vm resize -g shop-rg -n api --size Standard_D4s_v5');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).hardwareProfile.vmSize).toBe('Standard_D4s_v5');
    // The update returns once the VM runs again on its new size.
    expect(azure.workload('shop-rg/api')!.nativeState).toBe('VM running');
    expect(azure.cost('shop-rg/api').perHour).toBe(0.192);
    expect(sim.workload('shop-rg/api')!.cpuMilli).toBe(4000);
  });

  it('answers mistakes as az does', () => {
    const { run } = cloud();
    expect(run('az vm show -g shop-rg -n ghost').stderr).toContain(
      "(ResourceNotFound) The Resource 'Microsoft.Compute/virtualMachines/ghost' under resource group 'shop-rg' was not found.",
    );
    expect(run('az vm show -g shop-rg -n ghost').exitCode).toBe(3);
    expect(run('az vm list -g nope').stderr).toContain("(ResourceGroupNotFound) Resource group 'nope' could not be found.");
    expect(run('az vm start -g shop-rg').stderr).toBe('ERROR: (-n | --ids) are required\n');
    expect(run('az vm start -g shop-rg -n x --bogus').stderr).toMatch(/^ERROR: unrecognized arguments: --bogus\n/);
    expect(run('az vm frob').stderr).toMatch(/^ERROR: 'frob' is misspelled or not recognized by the system\.\n/);
    expect(run('az vm create -g shop-rg -n w --image Win2022Datacenter').stderr).toContain('runs Linux VMs');
    expect(run('az vm create -g shop-rg -n w --image Ubuntu2404 --size Standard_Z9').stderr).toContain(
      "The value Standard_Z9 of parameter 'vmSize' is not allowed",
    );
    expect(run('az vm delete -g shop-rg -n w --yes').exitCode).toBe(3);
    expect(run('az vm list -o yaml2').exitCode).toBe(2);
  });

  it('lists sizes with their real shapes', () => {
    const { run } = cloud();
    const sizes = run('az vm list-sizes -l westeurope -o table').stdout;
    expect(sizes).toMatch(/4 +4096 +Standard_B2s +2 +/);
    expect(sizes).toMatch(/16 +32768 +Standard_D8s_v5 +8 +/);
  });
});
