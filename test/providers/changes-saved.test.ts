// Nothing a command did is lost: every command of the five vocabularies that
// changes the estate is run as `hyperpane exec --estate FILE` runs it (load the
// file, run the line, save if it changed anything), the file is read back, and
// the estate in it is exactly the estate the command left. (az vm create printed
// its new VM and exited 0, and the VM was gone on the next call.)
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { runLine } from '../../src/providers/script.js';

/** [setup lines, then the line whose change must be saved]. */
const MUTATING: Record<string, (string | string[])[]> = {
  kvm: [
    'virsh shutdown monitoring', 'virsh destroy dev-01', ['virsh destroy dev-01', 'sleep 1m', 'virsh start dev-01'], 'virsh reboot monitoring', 'virsh suspend ci-runner-01',
    ['virsh suspend ci-runner-01', 'virsh resume ci-runner-01'], 'virsh managedsave ci-runner-02', ['virsh destroy dev-01', 'sleep 1m', 'virsh undefine dev-01'], 'virsh snapshot-create-as dev-01 s1',
    ['virsh snapshot-create-as dev-01 s1', 'virsh snapshot-revert dev-01 s1'], ['virsh snapshot-create-as dev-01 s1', 'virsh snapshot-delete dev-01 s1'], 'virsh migrate --live ci-runner-02 qemu+ssh://kvm-01/system',
    // Scripts pass --noautoconsole: without it and with no display, virt-install waits (--wait -1) until the guest shuts down (virt-manager virtinst/virtinstall.py _set_default_wait).
    // virt-clone takes only a shut off source (virtinst/cloner.py _init_src; paused ones were dropped in 140a1f3b, 2020).
    'virt-install --name lab --memory 1024 --vcpus 1 --disk size=5 --os-variant debian12 --import --noautoconsole', ['virsh destroy ci-runner-01', 'virt-clone --original ci-runner-01 --name ci-runner-09 --auto-clone'],
  ],
  vmware: [
    'govc vm.power -off web-01', ['govc vm.power -off web-01', 'sleep 2m', 'govc vm.power -on web-01'], 'govc vm.power -s web-02', 'govc vm.power -r web-03', 'govc vm.power -suspend app-01',
    ['govc vm.power -off batch-01', 'sleep 2m', 'govc vm.destroy batch-01'], 'govc vm.migrate -host esx-04 web-01', 'govc vm.clone -vm web-01 web-09', ['govc vm.power -off batch-01', 'sleep 2m', 'govc vm.markastemplate batch-01'],
    ['govc vm.power -off batch-01', 'sleep 2m', 'govc vm.markastemplate batch-01', 'govc vm.markasvm batch-01'], 'govc snapshot.create -vm web-01 s1', ['govc snapshot.create -vm web-01 s1', 'govc snapshot.revert -vm web-01 s1'],
    ['govc snapshot.create -vm web-01 s1', 'govc snapshot.remove -vm web-01 s1'], 'govc host.maintenance.enter esx-04', ['govc host.maintenance.enter esx-04', 'sleep 10m', 'govc host.maintenance.exit esx-04'],
    'govc cluster.change -drs-mode fullyAutomated vsphere-prod', 'govc vm.create -m 1024 -c 1 web-10', 'govc cluster.override.change -vm web-01 -ha-restart-priority high',
  ],
  hyperv: [
    'New-VM -Name app-09 -MemoryStartupBytes 1GB', ['New-VM -Name app-09 -MemoryStartupBytes 1GB', 'Start-VM -Name app-09'], 'Stop-VM -Name files-01 -Force', 'Stop-VM -Name files-01 -TurnOff', 'Restart-VM -Name ad-02 -Force',
    'Suspend-VM -Name ad-01', ['Suspend-VM -Name ad-01', 'Resume-VM -Name ad-01'], 'Save-VM -Name rdsh-01', ['Stop-VM -Name files-01 -TurnOff', 'sleep 1m', 'Remove-VM -Name files-01 -Force'],
    ['Stop-VM -Name files-01 -TurnOff', 'sleep 1m', 'Set-VM -Name files-01 -ProcessorCount 4'], 'Checkpoint-VM -Name ad-01 -SnapshotName c1', ['Checkpoint-VM -Name ad-01 -SnapshotName c1', 'Restore-VMSnapshot -VMName ad-01 -Name c1 -Confirm:$false'],
    ['Checkpoint-VM -Name ad-01 -SnapshotName c1', 'Remove-VMSnapshot -VMName ad-01 -Name c1'], ['Stop-VM -Name files-01 -TurnOff', 'sleep 1m', 'Set-VMMemory -VMName files-01 -DynamicMemoryEnabled $true -MinimumBytes 1GB -MaximumBytes 32GB'],
    'Move-VM -Name ad-02 -DestinationHost hv-03', 'New-VMSwitch -Name Lab -SwitchType Private', 'Suspend-ClusterNode -Name hv-03 -Drain', ['Suspend-ClusterNode -Name hv-03 -Drain', 'sleep 10m', 'Resume-ClusterNode -Name hv-03'],
  ],
  docker: [
    'docker run -d --name web9 nginx:1.27', 'docker stop api', ['docker stop api', 'sleep 1m', 'docker start api'], 'docker restart redis', 'docker kill nginx', 'docker pause api', ['docker pause api', 'docker unpause api'],
    ['docker stop api', 'sleep 1m', 'docker rm api'], 'docker rm -f redis', 'docker pull alpine:3.20', 'docker context use docker-vm-01',
  ],
  azure: [
    'az vm create -g shop-rg -n c1 --image Ubuntu2204', 'az vm stop -g shop-rg -n jumpbox', ['az vm deallocate -g shop-rg -n reports', 'sleep 5m', 'az vm start -g shop-rg -n reports'], 'az vm deallocate -g shop-rg -n reports',
    'az vm restart -g shop-rg -n shop-api', 'az vm delete -g shop-rg -n jumpbox --yes', ['az vm deallocate -g shop-rg -n jumpbox', 'sleep 5m', 'az vm resize -g shop-rg -n jumpbox --size Standard_B2s'], 'az group create -n lab-rg -l westeurope',
    ['az group create -n lab-rg -l westeurope', 'az group delete -n lab-rg --yes'],
  ],
};

const text = (e: Estate) => JSON.stringify(estateToFile(e));

describe('every change a command makes is saved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hp-saved-'));
  const file = join(dir, 'lab.json');
  saveEstate(buildDefaultEstate(1), file);

  for (const [platform, cases] of Object.entries(MUTATING)) {
    it.each(cases.map((c) => [Array.isArray(c) ? c.join(' · ') : c, Array.isArray(c) ? c : [c]]))(`${platform}: %s`, (_, lines) => {
      const loaded = loadEstate(file);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const estate = loaded.value;
      for (const setup of lines.slice(0, -1)) expect(runLine(estate, setup).exitCode, setup).toBe(0);
      const before = text(estate);
      const r = runLine(estate, lines[lines.length - 1]);
      expect(r.exitCode, `${r.stdout}${r.stderr}`).toBe(0);
      expect(text(estate), 'the command changed nothing that is saved').not.toBe(before);
      // exec --estate saves when a line says it changed something.
      expect(r.changed).toBe(true);
      const copy = join(dir, `${platform}-${Math.random().toString(36).slice(2)}.json`);
      expect(saveEstate(estate, copy).ok).toBe(true);
      const back = loadEstate(copy);
      if (!back.ok) throw new Error(back.error.message);
      expect(text(back.value)).toBe(text(estate));
    });
  }

  it('through the real binary: az vm create, then the VM is there on the next call', async () => {
    const bin = join(import.meta.dirname, '../../dist/cli.js');
    const lab = join(dir, 'real.json');
    saveEstate(buildDefaultEstate(1), lab);
    const created = await execa(process.execPath, [bin, 'exec', '--estate', lab, 'az vm create -g shop-rg -n c1 --image Ubuntu2204'], { reject: false, env: { CI: 'true' } });
    expect(created.exitCode).toBe(0);
    const listed = await execa(process.execPath, [bin, 'exec', '--estate', lab, 'az vm list -o table'], { reject: false, env: { CI: 'true' } });
    expect(listed.stdout).toMatch(/^c1 +shop-rg +westeurope/m);
  });
});

describe('a command that only looks changes nothing (so exec leaves the file and its .bak alone)', () => {
  const LOOKING = ['virsh list --all', 'virsh dominfo dev-01', 'virsh snapshot-list dev-01', 'virsh nodeinfo', 'govc ls /dc-east/vm', 'govc vm.info web-01', 'govc snapshot.tree -vm web-01', 'govc host.info esx-01', 'Get-VM', 'Get-VMSnapshot -VMName ad-01', 'Get-VMSwitch', 'Get-VMHost', 'Get-VMMemory -VMName ad-01', 'docker ps -a', 'docker images', 'docker inspect nginx', 'docker stats --no-stream', 'docker context ls', 'docker context show', 'az vm list -o table', 'az vm show -g shop-rg -n shop-api', 'az vm list-sizes -l westeurope', 'az vm list-usage -l westeurope', 'az group list'];
  it.each(LOOKING)('%s', (line) => {
    const estate = buildDefaultEstate(1);
    const before = text(estate);
    const r = runLine(estate, line);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.changed).toBe(false);
    expect(text(estate)).toBe(before);
  });
});
