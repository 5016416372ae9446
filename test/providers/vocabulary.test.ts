// Every command the issue lists, once as a person would type it and once wrong,
// against the built-in estate: the right answer, or the platform's own error.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

/** A line (or setup lines, then the line) and what it prints. */
type Case = [line: string | string[], expect: RegExp];

/** [a correct line, what it prints], [a malformed variant, the error it gets]. */
const CASES: Record<string, [Case, Case][]> = {
  kvm: [
    // Sources: libvirt tests/virshtestdata/lifecycle.out and snapshot.out (words, layout, the blank line after each command run),
    // tools/virsh-domain.c, tools/vsh.c; virt-manager virtinst/virtinstall.py, virtinst/virtclone.py, virtinst/cloner.py.
    [
      ['virsh list', /^ Id +Name +State\n-+\n( \d+ +[\w-]+ +running\n)+\n$/],
      ['virsh list --everything', /^error: command 'list' doesn't support option --everything\n$/],
    ],
    [
      ['virsh list --all', /dev-01 +running/],
      ['virsh lst --all', /^error: unknown command: 'lst'\nhint: /],
    ],
    [
      ['virsh shutdown dev-01', /^Domain 'dev-01' is being shutdown\n\n$/],
      ['virsh shutdown', /^error: command 'shutdown' requires <domain> option\n$/],
    ],
    [
      ['virsh destroy dev-01', /^Domain 'dev-01' destroyed\n\n$/],
      ['virsh destroy no-such-vm', /^error: failed to get domain 'no-such-vm'\n\n$/],
    ],
    [
      ['virsh reboot monitoring', /^Domain 'monitoring' is being rebooted\n\n$/],
      ['virsh reboot monitoring extra', /^error: unexpected data 'extra'\n$/],
    ],
    [
      ['virsh suspend ci-runner-01', /^Domain 'ci-runner-01' suspended\n\n$/],
      ['virsh suspend --domain', /^error: expected syntax: --domain <string>\n$/],
    ],
    [
      ['virsh resume ci-runner-01', /^Domain 'ci-runner-01' resumed\n\n$/],
      ['virsh resume dev-01', /^error: Failed to resume domain 'dev-01'\nerror: Requested operation is not valid: /],
    ],
    [
      ['virsh start dev-01', /^Domain 'dev-01' started\n\n$/],
      ['virsh start ci-runner-02', /^error: Domain is already active\n\n$/],
    ],
    [
      ['virsh dominfo ci-runner-01', /^Id: +\d+\nName: +ci-runner-01\n/],
      ['virsh dominfo', /^error: command 'dominfo' requires <domain> option\n$/],
    ],
    [
      ['virsh snapshot-create-as ci-runner-01 clean', /^Domain snapshot clean created\n$/],
      ['virsh snapshot-create-as ghost clean', /^error: failed to get domain 'ghost'\n\n$/],
    ],
    [
      ['virsh snapshot-list ci-runner-01', /^ Name +Creation Time +State\n-+\n clean +2026-01-01 01:00:\d\d \+0000 +running\n\n$/],
      ['virsh snapshot-list', /^error: command 'snapshot-list' requires <domain> option\n$/],
    ],
    [
      ['virsh snapshot-revert ci-runner-01 clean', /^Domain snapshot clean reverted\n\n$/],
      ['virsh snapshot-revert ci-runner-01 dirty', /^error: Domain snapshot not found: no domain snapshot with matching name 'dirty'\n\n$/],
    ],
    [
      ['virsh migrate --live --copy-storage-all ci-runner-02 qemu+ssh://kvm-01/system', /^\n$/],
      ['virsh migrate ci-runner-02 qemu+ssh://kvm-99/system', /^error: End of file while reading data: ssh: Could not resolve hostname kvm-99: /],
    ],
    [
      [['virsh destroy dev-01', 'virsh undefine dev-01'], /^Domain 'dev-01' has been undefined\n\n$/],
      ['virsh undefine ci-runner-02', /^error: Failed to undefine domain 'ci-runner-02'\nhyperpane: this simulation keeps no transient domains/],
    ],
    [
      [
        ['virsh destroy ci-runner-01', 'virt-clone --original ci-runner-01 --name ci-runner-03 --file /var/lib/libvirt/images/ci3.qcow2'],
        /^Allocating 'ci3\.qcow2' +\| .*\n\nClone 'ci-runner-03' created successfully\.\n$/,
      ],
      ['virt-clone --original ci-runner-02 --name ci-runner-04', /^ERROR +Either --auto-clone or --file is required/],
    ],
    [
      [
        'virt-install --name lab --memory 2048 --vcpus 2 --disk path=/var/lib/libvirt/images/lab.qcow2,size=20 --os-variant debian12 --cdrom /isos/debian.iso --graphics vnc',
        /Waiting for the installation to complete\.\nDomain has shutdown\. Continuing\.\nDomain creation completed\.\nRestarting guest\.\n/,
      ],
      ['virt-install --name lab2 --memory 2048 --disk size=20 --cdrom x.iso', /--os-variant\/--osinfo OS name is required/],
    ],
  ],
  docker: [
    [
      ['docker ps', /^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES\n(?:.*\n)*[0-9a-f]{12} +nginx:1\.27 /],
      ['docker ps --frobnicate', /^unknown flag: --frobnicate\n\nUsage: {2}docker ps \[OPTIONS\]\n\nRun 'docker ps --help' for more information\n$/],
    ],
    [
      ['docker ps -a', /redis/],
      ['docker pss -a', /^docker: unknown command: docker pss\n\nRun 'docker --help' for more information\n$/],
    ],
    [
      ['docker run -d --name web2 --memory 256m --cpus 0.5 --restart unless-stopped nginx:1.27', /^[0-9a-f]{64}\n$/],
      ['docker run -d --name web3 --memory lots nginx:1.27', /^invalid argument "lots" for "-m, --memory" flag: invalid size: 'lots'\n/],
    ],
    [
      ['docker stop api', /^api\n$/],
      ['docker stop', /^docker: 'docker stop' requires at least 1 argument\n/],
    ],
    [
      ['docker start api', /^api\n$/],
      ['docker start nope', /^Error response from daemon: No such container: nope\nfailed to start containers: nope\n$/],
    ],
    [
      ['docker restart redis', /^redis\n$/],
      ['docker restart -t', /^flag needs an argument: 't' in -t\n/],
    ],
    [
      ['docker rm -f web2', /^web2\n$/],
      ['docker rm postgres', /container is running: stop the container before removing or force remove/],
    ],
    [
      ['docker inspect nginx', /"Name": "\/nginx"/],
      ['docker inspect ghost', /^error: no such object: ghost\n$/],
    ],
    [
      ['docker stats --no-stream', /^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT/],
      ['docker stats --no-streem', /^unknown flag: --no-streem/],
    ],
    [
      ['docker images', /^IMAGE +ID +DISK USAGE +CONTENT SIZE +EXTRA\n/],
      ['docker images --bogus', /^unknown flag: --bogus/],
    ],
  ],
  azure: [
    // Sources: azure-cli vm/_format.py transform_vm_create_output; aaz/latest/vm/_start.py etc. (the LRO is waited for);
    // vm/_validators.py process_vm_vmss_stop; commands/arm.py parse_ids_arguments; azure-cli parser.py AzCliCommandParser.
    [
      [
        'az vm create -g shop-rg -n shop-web-3 --image Ubuntu2404 --size Standard_B1s --admin-username azureuser --generate-ssh-keys',
        /"powerState": "VM running"/,
      ],
      [
        'az vm create -g shop-rg --image Ubuntu2404',
        /^ERROR: the following arguments are required: --name\/-n\n\nExamples from command's help:\naz vm create -n MyVm -g MyResourceGroup --image Ubuntu2204\n/,
      ],
    ],
    [
      ['az vm start -g shop-rg -n reports', /^$/],
      ['az vm start -g no-rg -n reports', /\(ResourceGroupNotFound\) Resource group 'no-rg' could not be found\./],
    ],
    [
      [
        'az vm stop -g shop-rg -n jumpbox',
        /^WARNING: About to power off the specified VM\.\.\.\nIt will continue to be billed\. To deallocate a VM, run: az vm deallocate\.\n$/,
      ],
      ['az vm stop -g shop-rg -n nobody', /\(ResourceNotFound\) The Resource 'Microsoft\.Compute\/virtualMachines\/nobody'/],
    ],
    [
      ['az vm deallocate -g shop-rg -n reports', /^$/],
      ['az vm deallocate -n reports', /^ERROR: \(--resource-group \| --ids\) are required\n$/],
    ],
    [
      ['az vm restart -g shop-rg -n shop-api', /^$/],
      ['az vm restart -g shop-rg -n shop-api --hard', /^ERROR: unrecognized arguments: --hard/],
    ],
    [
      ['az vm list -o table', /^Name +ResourceGroup +Location\n-+ +-+ +-+\nshop-web-1 /],
      ['az vm list -o xml', /^ERROR: az vm list: 'xml' is not a valid value for '--output'\. Allowed values: json, jsonc, yaml, yamlc, table, tsv, none\.\n/],
    ],
    [
      ['az vm list -g shop-rg', /^\[\n {2}\{\n {4}"diagnosticsProfile"/],
      ['az vm lst -g shop-rg', /^ERROR: 'lst' is misspelled or not recognized by the system\.\nDid you mean 'list' \?\n/],
    ],
    [
      ['az vm show -g shop-rg -n shop-api', /"vmSize": "Standard_D2s_v5"/],
      ['az vm show -g shop-rg', /^ERROR: \(--name \| --ids\) are required\n$/],
    ],
    [
      ['az vm list-sizes -l westeurope -o table', /Standard_B1s/],
      ['az vm list-sizes -l atlantis', /No registered resource provider found for location 'atlantis'/],
    ],
    [
      ['az vm resize -g shop-rg -n jumpbox --size Standard_B2s', /"vmSize": "Standard_B2s"/],
      ['az vm resize -g shop-rg -n jumpbox --size Standard_Q9', /\(InvalidParameter\) The value Standard_Q9 of parameter 'vmSize' is not allowed/],
    ],
    [
      ['az vm delete -g shop-rg -n jumpbox --yes', /^$/],
      ['az vm delete -g shop-rg -n shop-api', /^WARNING: Unable to prompt for confirmation as no tty available\. Use --yes\.\nERROR: Operation cancelled\.\n$/],
    ],
  ],
  hyperv: [
    [
      ['Get-VM', /^\nName +State +CPUUsage\(%\) +MemoryAssigned\(M\) +Uptime +Status +Version\n/],
      ['Get-VM -Nmae ad-01', /^Get-VM : A parameter cannot be found that matches parameter name 'Nmae'\./],
    ],
    [
      ['New-VM -Name app-03 -MemoryStartupBytes 2GB -Generation 2 -SwitchName External', /app-03 +Off/],
      ['New-VM -Name app-04 -MemoryStartupBytes lots', /^New-VM : Cannot bind parameter 'MemoryStartupBytes'/],
    ],
    [
      ['Start-VM -Name app-03', /^$/],
      ['Start-VM -Name app-03 -TurnOff', /^Start-VM : A parameter cannot be found that matches parameter name 'TurnOff'\./],
    ],
    [
      ['Stop-VM -Name ad-02', /^$/],
      ['Stop-VM -Name ghost', /^Stop-VM : Hyper-V was unable to find a virtual machine with name "ghost"\./],
    ],
    [
      ['Stop-VM -Name files-01 -TurnOff', /^$/],
      ['Stop-VM -Name files-01 -TurnOff:maybe', /Cannot bind parameter 'TurnOff'/],
    ],
    [
      ['Checkpoint-VM -Name sql-01 -SnapshotName before-cu', /^$/],
      ['Checkpoint-VM -SnapshotName before-cu', /missing mandatory parameters: Name/],
    ],
    [
      ['Get-VMSnapshot -VMName sql-01', /sql-01 +before-cu +Production/],
      ['Get-VMSnapshot -VMName nope', /unable to find a virtual machine with name "nope"/],
    ],
    [
      ['Restore-VMSnapshot -VMName sql-01 -Name before-cu -Confirm:$false', /^$/],
      ['Restore-VMSnapshot -VMName sql-01 -Name after-cu', /unable to find a checkpoint with name "after-cu"/],
    ],
    [
      ['Set-VMMemory -VMName files-01 -DynamicMemoryEnabled $true -MinimumBytes 1GB -MaximumBytes 32GB', /^$/],
      ['Set-VMMemory -VMName rdsh-01 -DynamicMemoryEnabled $true', /requires it to be turned off/],
    ],
    [
      ['Suspend-ClusterNode -Name hv-03 -Drain', /hv-03 +Paused\n/],
      ['Suspend-ClusterNode -Name hv-09 -Drain', /The cluster node 'hv-09' was not found\./],
    ],
    [
      ['Resume-ClusterNode -Name hv-03', /hv-03 +Up\n/],
      ['Resume-ClusterNode -Name hv-03', /hv-03 is not in maintenance mode/],
    ],
    [
      ['Move-VM -Name rdsh-01 -DestinationHost hv-01', /^$/],
      ['Move-VM -Name rdsh-01 -DestinationHost hv-99', /The operation failed because the computer 'hv-99' could not be found\./],
    ],
  ],
  vmware: [
    // Sources: govmomi cli/command.go (errors "govc: %s", flag errors in Go's flag package words, usage on flag.ErrHelp), cli/vm/info.go (a name matching
    // nothing prints nothing), cli/vm/power.go, cli/vm/clone.go, cli/vm/migrate.go, cli/host/maintenance/enter.go, cli/flags/output.go (progress lines' time stamp).
    [
      ['govc ls', /^\/dc-east\n$/],
      ['govc ls -bogus', /^govc: flag provided but not defined: -bogus\n$/],
    ],
    [
      ['govc vm.info web-01', /^Name: +web-01\n {2}Path: +\/dc-east\/vm\/web-01\n/],
      ['govc vm.info -r=maybe web-01', /^govc: invalid boolean value "maybe" for -r: parse error\n$/],
    ],
    [
      ['govc vm.create -c 2 -m 4096 -g ubuntu64Guest -disk 40GB -on=false web-04', /^$/],
      ['govc vm.create -c two web-05', /^govc: invalid value "two" for flag -c: parse error\n$/],
    ],
    [
      ['govc vm.power -on web-04', /^Powering on VirtualMachine:vm-\d+\.\.\. OK\n$/],
      ['govc vm.power -on -off web-04', /^Usage: govc vm\.power \[OPTIONS\] NAME\.\.\.\n/],
    ],
    [
      ['govc vm.power -off web-02', /^Powering off VirtualMachine:vm-\d+\.\.\. OK\n$/],
      ['govc vm.power -off web-02', /The attempted operation cannot be performed in the current state \(Powered off\)\./],
    ],
    [
      ['govc vm.power -s web-03', /^Shutdown guest VirtualMachine:vm-\d+\.\.\. OK\n$/],
      ['govc vm.power -s', /Usage: govc vm.power/],
    ],
    [
      ['govc vm.power -r app-01', /^Reboot guest VirtualMachine:vm-\d+\.\.\. OK\n$/],
      ['govc vm.power -r nothing', /^govc: vm 'nothing' not found\n$/],
    ],
    [
      ['govc vm.markastemplate web-02', /^$/],
      ['govc vm.markastemplate web-03', /^govc: power web-03 off first: a template is a powered-off VM/],
    ],
    [
      ['govc vm.markasvm web-02', /^$/],
      ['govc vm.markasvm web-02', /^govc: web-02 is not a template\n$/],
    ],
    [
      ['govc snapshot.create -vm db-01 pre-patch', /^$/],
      ['govc snapshot.create pre-patch', /-vm is required/],
    ],
    [
      ['govc snapshot.tree -vm db-01', /^pre-patch\n$/],
      ['govc snapshot.tree -vm db-99', /^govc: vm 'db-99' not found\n$/],
    ],
    [
      ['govc snapshot.revert -vm db-01 pre-patch', /^$/],
      ['govc snapshot.revert -vm db-01 post-patch', /^govc: snapshot "post-patch" not found\n$/],
    ],
    [
      ['govc vm.clone -vm db-01 -link -on=false db-01-lc', /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] Cloning \/dc-east\/vm\/db-01 to db-01-lc\.\.\.OK\n$/],
      ['govc vm.clone -vm web-01 -link web-01-lc', /^govc: a linked clone shares a snapshot's disk: web-01 has no snapshot, take one first\n$/],
    ],
    [
      ['govc vm.migrate -host esx-04 app-02', /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] migrating VirtualMachine:vm-\d+\.\.\. OK\n$/],
      ['govc vm.migrate -host esx-09 app-02', /^govc: host 'esx-09' not found\n$/],
    ],
    [
      ['govc host.maintenance.enter esx-02', /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] \/dc-east\/host\/vsphere-prod\/esx-02 entering maintenance mode\.\.\. OK\n$/],
      ['govc host.maintenance.enter esx-02', /^govc: esx-02 is already in maintenance mode\n$/],
    ],
    [
      ['govc host.maintenance.exit esx-02', /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] \/dc-east\/host\/vsphere-prod\/esx-02 exiting maintenance mode\.\.\. OK\n$/],
      ['govc host.maintenance.exit esx-99', /^govc: host 'esx-99' not found\n$/],
    ],
    [
      ['govc cluster.override.change -vm db-02 -ha-restart-priority high', /^$/],
      [
        'govc cluster.override.change -vm db-02 -ha-restart-priority urgent',
        /^govc: restart priority must be one of disabled, lowest, low, medium, high, highest, got urgent\n$/,
      ],
    ],
    [
      ['govc host.info -host esx-01', /^Name: +esx-01\n {2}Path: +\/dc-east\/host\/vsphere-prod\/esx-01\n/],
      ['govc host.info -host esx-77', /^govc: host 'esx-77' not found\n$/],
    ],
  ],
};

describe.each(Object.entries(CASES))('the %s vocabulary', (_platform, cases) => {
  // One estate for the whole vocabulary: later lines build on earlier ones, as a session does.
  const estate = defaultEstate(1);
  const last = (l: string | string[]) => (Array.isArray(l) ? l[l.length - 1] : l);
  it.each(cases.map((c, i) => [i, last(c[0][0]), last(c[1][0]), c] as const))('#%i %s  /  %s', (_i, _good, _bad, [good, bad]) => {
    const lines = Array.isArray(good[0]) ? good[0] : [good[0]];
    const r = runScript(estate, lines).results.at(-1)!;
    expect(r.exitCode, `${r.line}\n${r.stderr}`).toBe(0);
    expect(r.stdout + r.stderr).toMatch(good[1]);
    const [e] = runScript(estate, [last(bad[0])]).results;
    expect(e.exitCode, `${e.line} should fail`).not.toBe(0);
    expect(e.stderr).toMatch(bad[1]);
    estate.sim.advance(1000);
  });
});
