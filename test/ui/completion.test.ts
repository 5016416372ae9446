// `:` completion after a native command offers that platform's objects only, and
// of those what the command's own completer offers. Sources, per platform:
// libvirt tools/virsh-domain.c and virsh-snapshot.c (each <domain> option's
// completer flags: start SHUTOFF, shutdown ACTIVE, suspend RUNNING, resume PAUSED,
// snapshot-revert HAS_SNAPSHOT; virshSnapshotNameCompleter);
// docker/cli cli/command/container/{start,stop,unpause}.go ValidArgsFunction and
// cli/command/completion/functions.go (ContainerNames, Unique);
// govmomi scripts/govc_bash_completion (VM names for -vm and vm.*, host names for
// -host, inventory paths as govc ls lists them);
// azure-cli src/azure-cli-core/azure/cli/core/commands/parameters.py
// (get_resource_name_completion_list: the VMs of the -g group, else of all).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { candidates, complete } from '../../src/ui/input/completion.js';
import { controllerFor } from './helpers.js';

const KVM = ['ci-runner-01', 'ci-runner-02', 'dev-01', 'dockervm-01', 'monitoring'];
const HYPERV = ['ad-01', 'ad-02', 'files-01', 'rdsh-01', 'sql-01'];
const run = (ctl: ReturnType<typeof controllerFor>, line: string) => expect(runLine(ctl.estate, line).exitCode, line).toBe(0);

describe('completion after virsh (libvirt virsh-domain.c completer flags)', () => {
  it('offers KVM domains only, those the command acts on', () => {
    const ctl = controllerFor();
    // Every domain runs: shutdown offers them all (ACTIVE), and nothing of another platform.
    expect(candidates(ctl, 'virsh shutdown ')).toEqual(KVM);
    expect(candidates(ctl, 'virsh shutdown we')).toEqual([]);
    expect(candidates(ctl, 'virsh start ')).toEqual([]);
    expect(candidates(ctl, 'virsh resume ')).toEqual([]);
    run(ctl, 'virsh destroy dev-01');
    run(ctl, 'virsh suspend monitoring');
    expect(candidates(ctl, 'virsh start ')).toEqual(['dev-01']);
    expect(candidates(ctl, 'virsh resume ')).toEqual(['monitoring']);
    expect(candidates(ctl, 'virsh suspend ')).toEqual(['ci-runner-01', 'ci-runner-02', 'dockervm-01']);
    expect(candidates(ctl, 'virsh dominfo ')).toEqual(KVM);
    expect(complete(ctl, 'virsh start ').text).toBe('virsh start dev-01 ');
  });

  it('offers options, snapshots of the domain given, and the other hosts to migrate to', () => {
    const ctl = controllerFor();
    expect(candidates(ctl, 'virsh snapshot-revert ')).toEqual([]);
    run(ctl, 'virsh snapshot-create-as dev-01 before-upgrade');
    run(ctl, 'virsh snapshot-create-as dev-01 after-upgrade');
    expect(candidates(ctl, 'virsh snapshot-revert ')).toEqual(['dev-01']);
    expect(candidates(ctl, 'virsh snapshot-revert dev-01 ')).toEqual(['after-upgrade', 'before-upgrade']);
    expect(candidates(ctl, 'virsh snapshot-revert --domain dev-01 --snapshotname b')).toEqual(['before-upgrade']);
    expect(candidates(ctl, 'virsh migrate dev-01 ')).toEqual(['qemu+ssh://kvm-01/system', 'qemu+ssh://kvm-02/system']);
    expect(candidates(ctl, 'virsh migrate --liv')).toEqual(['--live']);
    // -c names a host: its domains only.
    expect(candidates(ctl, 'virsh -c qemu+ssh://kvm-03/system shutdown ')).toEqual(['dev-01', 'dockervm-01', 'monitoring']);
    expect(candidates(ctl, 'virt-install --name x --connect qemu+ssh://kvm-0')).toEqual([
      'qemu+ssh://kvm-01/system',
      'qemu+ssh://kvm-02/system',
      'qemu+ssh://kvm-03/system',
    ]);
    expect(candidates(ctl, 'virt-clone --original dev')).toEqual(['dev-01']);
  });
});

describe('completion after docker (docker/cli ContainerNames)', () => {
  it("offers the current Docker host's containers, as each command filters them", () => {
    const ctl = controllerFor();
    expect(candidates(ctl, 'docker stop ')).toEqual(['api', 'nginx', 'postgres', 'redis']);
    expect(candidates(ctl, 'docker stop nginx ')).toEqual(['api', 'postgres', 'redis']);
    expect(candidates(ctl, 'docker --context docker-vm-01 stop ')).toEqual(['grafana', 'prometheus', 'worker-1', 'worker-2']);
    expect(candidates(ctl, 'docker start ')).toEqual([]);
    run(ctl, 'docker stop redis');
    run(ctl, 'docker pause api');
    expect(candidates(ctl, 'docker start ')).toEqual(['redis']);
    expect(candidates(ctl, 'docker unpause ')).toEqual(['api']);
    expect(candidates(ctl, 'docker pause ')).toEqual(['nginx', 'postgres']);
    expect(candidates(ctl, 'docker rm ')).toEqual(['api', 'nginx', 'postgres', 'redis']);
    expect(candidates(ctl, 'docker context use ')).toEqual(['docker-01', 'docker-vm-01']);
    expect(candidates(ctl, 'docker stop --si')).toEqual(['--signal']);
    // A flag's value is not a container.
    expect(candidates(ctl, 'docker run --name ')).toEqual([]);
  });
});

describe('completion after Hyper-V cmdlets', () => {
  it('offers Hyper-V VMs by -Name or by position, and parameters', () => {
    const ctl = controllerFor();
    expect(candidates(ctl, 'Stop-VM -Name ')).toEqual(HYPERV);
    expect(candidates(ctl, 'Stop-VM ')).toEqual(HYPERV);
    expect(candidates(ctl, 'stop-vm -n ')).toEqual(HYPERV);
    expect(candidates(ctl, 'Start-VM ')).toEqual([]);
    expect(candidates(ctl, 'Stop-VM -Tu')).toEqual(['-TurnOff']);
    expect(candidates(ctl, 'Move-VM ad-01 ')).toEqual(['hv-01', 'hv-02', 'hv-03']);
    run(ctl, 'New-VMSwitch -Name lab -SwitchType Internal');
    expect(candidates(ctl, 'New-VM -Name x -SwitchName ')).toEqual(['External', 'Internal', 'lab']);
    expect(candidates(ctl, 'New-VMSwitch -Name y -SwitchType P')).toEqual(['Private']);
    run(ctl, 'Checkpoint-VM -Name sql-01 -SnapshotName patched');
    expect(candidates(ctl, 'Restore-VMSnapshot -VMName sql-01 -Name ')).toEqual(['patched']);
    expect(candidates(ctl, 'Get-VMSnapshot sql-01 ')).toEqual(['patched']);
  });

  it('quotes a name with spaces (a default checkpoint name), so the line runs', () => {
    const ctl = controllerFor();
    run(ctl, 'Checkpoint-VM -Name files-01');
    const line = complete(ctl, 'Restore-VMSnapshot -VMName files-01 -Name ').text;
    expect(line).toMatch(/^Restore-VMSnapshot -VMName files-01 -Name 'files-01 - \(.*\)' $/);
    expect(candidates(ctl, "Restore-VMSnapshot -VMName files-01 -Name 'files")).toHaveLength(1);
    run(ctl, line);
  });
});

describe('completion after govc (govmomi govc_bash_completion)', () => {
  it('offers vSphere VMs, hosts, and inventory paths a level at a time', () => {
    const ctl = controllerFor();
    const vms = ['app-01', 'app-02', 'batch-01', 'db-01', 'db-02', 'web-01', 'web-02', 'web-03'];
    expect(candidates(ctl, 'govc vm.power -off ')).toEqual(vms);
    expect(candidates(ctl, 'govc vm.power -on ')).toEqual([]);
    expect(candidates(ctl, 'govc vm.power -off web-01 web')).toEqual(['web-02', 'web-03']);
    expect(candidates(ctl, 'govc vm.migrate -host ')).toEqual(['esx-01', 'esx-02', 'esx-03', 'esx-04']);
    expect(candidates(ctl, 'govc snapshot.create -vm db')).toEqual(['db-01', 'db-02']);
    expect(complete(ctl, 'govc vm.info /').text).toBe('govc vm.info /dc-east/');
    expect(complete(ctl, 'govc vm.info /dc-east/').text).toBe('govc vm.info /dc-east/vm/');
    expect(candidates(ctl, 'govc vm.info /dc-east/vm/web')).toEqual(['/dc-east/vm/web-01', '/dc-east/vm/web-02', '/dc-east/vm/web-03']);
    expect(candidates(ctl, 'govc host.maintenance.enter /dc-east/host/vsphere-prod/')).toHaveLength(4);
    expect(candidates(ctl, 'govc vm.power -o')).toEqual(['-off', '-on']);
  });
});

describe('completion after az (azure-cli get_resource_name_completion_list)', () => {
  it('offers the VMs of the resource group given, and argument values', () => {
    const ctl = controllerFor();
    const vms = ['jumpbox', 'reports', 'shop-api', 'shop-web-1', 'shop-web-2'];
    expect(candidates(ctl, 'az vm stop -g shop-rg -n ')).toEqual(vms);
    expect(candidates(ctl, 'az vm show --name ')).toEqual(vms);
    expect(candidates(ctl, 'az vm show -g other-rg -n ')).toEqual([]);
    expect(candidates(ctl, 'az vm start -g shop-rg -n ')).toEqual([]);
    run(ctl, 'az vm deallocate -g shop-rg -n reports');
    expect(candidates(ctl, 'az vm start -g shop-rg -n ')).toEqual(['reports']);
    expect(candidates(ctl, 'az vm start -g ')).toEqual(['shop-rg']);
    expect(candidates(ctl, 'az vm list -o ts')).toEqual(['tsv']);
    expect(candidates(ctl, 'az vm resize -g shop-rg -n shop-api --size Standard_B1')).toEqual(['Standard_B1ms', 'Standard_B1s']);
    expect(candidates(ctl, 'az vm start -g shop-rg --n')).toEqual(['--name', '--no-wait']);
    expect(candidates(ctl, 'az vm create -g shop-rg -n ')).toEqual([]);
  });
});

describe('completion after app commands', () => {
  it('offers what their arguments name', () => {
    const ctl = controllerFor();
    expect(candidates(ctl, 'backup web-0')).toEqual(['web-01', 'web-02', 'web-03']);
    expect(candidates(ctl, 'backup nginx')).toEqual([]);
    expect(candidates(ctl, 'drs vsphere')).toEqual(['vsphere-prod']);
    expect(candidates(ctl, 'replicate web-01 dc')).toEqual(expect.arrayContaining(['dc-east', 'dc-west']));
  });
});
