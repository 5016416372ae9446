// hyperpane import as a user runs it: saved outputs in, an estate file out, which
// opens like any with the hosts and workloads under their real names; and the
// mistakes a user can make, each answered without a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../dist/cli.js');
const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const run = (args: string[]) => execa(process.execPath, [BIN, ...args], { reject: false, stdin: 'ignore', env: { CI: 'true' } });

describe('hyperpane import', () => {
  it('builds an estate file from saved outputs, which exec and the console open with the real names', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hp-import-')), 'lab.json');
    const r = await run(['import', '--from-dir', FIXTURES, out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'imported a Docker host (system-sample) with 3 containers, a libvirt host (cloudstack-kvm-01) with 1 domain, 1 ESXi host with 1 VM ' +
        `and a Hyper-V host (WIN-IUNE600K56E) with 2 VMs from ${FIXTURES} into ${out}: 4 hosts, 7 workloads (2 left out, said above)`,
    );
    // The recorded Azure VMs are of a size the simulation does not price: said, the rest imported.
    expect(r.stderr).toMatch(/left out: cloud VM businesscontinuitytest\/ubuntu: The value Standard_D1_v2 of parameter 'vmSize' is not allowed/);
    const ps = await run(['exec', '--estate', out, 'docker ps -a --format {{.Names}}', 'virsh list --all', 'govc vm.info WindowsServer2019', 'Get-VM']);
    expect(ps.exitCode, ps.stderr).toBe(0);
    expect(ps.stdout).toMatch(/goofy_shockley/);
    expect(ps.stdout).toMatch(/r-2825-QA +running/);
    expect(ps.stdout).toMatch(/WindowsServer2019/);
    expect(ps.stdout).toMatch(/mockvm1 +Off[\s\S]*mockvm2 +Running/);
  });

  it('answers a user’s mistakes plainly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-import-'));
    const out = join(dir, 'lab.json');
    const say = async (args: string[]) => {
      const r = await run(['import', ...args]);
      return [r.exitCode, r.stderr.trim().split('\n')[0]];
    };
    expect(await say([])).toEqual([2, 'hyperpane import: give exactly one FILE to write the estate to']);
    expect(await say(['--only', 'vmware', out])).toEqual([2, 'hyperpane import: --only takes docker, libvirt, vsphere, hyperv, azure, got vmware']);
    expect(await say(['--timeout', 'soon', out])).toEqual([2, 'hyperpane import: --timeout is a duration up to 5m (10s, 1m), got soon']);
    expect(await say(['--from-dir', join(dir, 'nope'), out])).toEqual([2, `hyperpane import: --from-dir ${join(dir, 'nope')}: no such folder`]);
    expect(await say(['--from-dir', dir, out])).toEqual([
      1,
      'hyperpane import: left out: Docker: no docker/info.json (the output of docker info --format {{json .}})',
    ]);
    writeFileSync(out, '{}');
    expect(await say(['--from-dir', FIXTURES, out])).toEqual([2, `hyperpane import: ${out} exists; add --force to replace it`]);
  });
});
