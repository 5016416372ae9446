// Native command lines of the five vocabularies, for the tests that run them
// all: every line that changes the estate (with the lines that set it up), and
// lines that only look. Read by changes-saved.test.ts (each change is saved) and
// test/ui/read-only.test.ts (read-only mode refuses each change).

/** [setup lines, then the line whose change must be saved]. */
export const MUTATING: Record<string, (string | string[])[]> = {
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

/** Lines that only look: they change nothing. */
export const LOOKING: readonly string[] = ['virsh list --all', 'virsh dominfo dev-01', 'virsh snapshot-list dev-01', 'virsh nodeinfo', 'govc ls /dc-east/vm', 'govc vm.info web-01', 'govc snapshot.tree -vm web-01', 'govc host.info esx-01', 'Get-VM', 'Get-VMSnapshot -VMName ad-01', 'Get-VMSwitch', 'Get-VMHost', 'Get-VMMemory -VMName ad-01', 'docker ps -a', 'docker images', 'docker inspect nginx', 'docker stats --no-stream', 'docker context ls', 'docker context show', 'az vm list -o table', 'az vm show -g shop-rg -n shop-api', 'az vm list-sizes -l westeurope', 'az vm list-usage -l westeurope', 'az group list'];
