// The examples az's help files give for each command, which az shows under
// "Examples from command's help:" when a command line is wrong and the Aladdin
// service is out of reach (azure-cli command_recommender.py provide_recommendations).
// Sources: the :example: lines of azure-cli src/azure-cli/azure/cli/command_modules/vm/
// aaz/latest/vm/_start.py, _stop.py, _deallocate.py, _restart.py, _delete.py; for
// az vm create, the examples az printed in a recorded Cloud Shell session (five of
// the help file's examples, so the ranking among all of them may differ).
// Commands whose examples were not checked against their help file have none here:
// az then shows only the reference link, as it does for a command without examples.
import { table } from '../../core/own.js';
import type { HelpExample } from './az-errors.js';

export const EXAMPLES: Readonly<Record<string, readonly HelpExample[]>> = table<readonly HelpExample[]>({
  'vm create': [
    { command: 'az vm create -n MyVm -g MyResourceGroup --image Ubuntu2204', description: 'Create a default Ubuntu2204 VM with automatic SSH authentication.' },
    {
      command: 'az vm create -n MyVm -g MyResourceGroup --image RedHat:RHEL:7-RAW:7.4.2018010506',
      description: 'Create a default RedHat VM with automatic SSH authentication using an image URN.',
    },
    { command: 'az vm create -g MyResourceGroup -n MyVm --image MyImage', description: 'Create a VM from a custom managed image.' },
    {
      command:
        'az vm create -n MyVm -g MyResourceGroup --public-ip-address-dns-name MyUniqueDnsName --image Ubuntu2204 --data-disk-sizes-gb 10 20 --size Standard_DS2_v2 --generate-ssh-keys',
      description: 'Create a simple Ubuntu Linux VM with a public IP address, DNS entry, two data disks (10GB and 20GB), and then generate RSA ssh key pairs.',
    },
    {
      command:
        'az vm create -n MyVm -g MyResourceGroup --image Debian11 --vnet-name MyVnet --subnet subnet1 --availability-set MyAvailabilitySet ' +
        '--public-ip-address-dns-name MyUniqueDnsName --ssh-key-values @key-file',
      description: 'Create a Debian11 VM with SSH key authentication and a public DNS entry, located on an existing virtual network and availability set.',
    },
  ],
  'vm start': [
    { command: 'az vm start -g MyResourceGroup -n MyVm', description: 'Start a stopped VM.' },
    { command: 'az vm start --ids $(az vm list -g MyResourceGroup --query "[].id" -o tsv)', description: 'Start all VMs in a resource group.' },
    { command: 'az vm start --name MyVm --no-wait --resource-group MyResourceGroup', description: 'Start a stopped VM.' },
  ],
  'vm stop': [
    { command: 'az vm stop --resource-group MyResourceGroup --name MyVm', description: 'Power off (stop) a running VM.' },
    { command: 'az vm stop --resource-group MyResourceGroup --name MyVm --skip-shutdow', description: 'Power off a running VM without shutting down.' },
    { command: 'az vm stop --ids $(az vm list -g MyResourceGroup --query "[].id" -o tsv)', description: 'Power off VMs in a resource group.' },
  ],
  'vm deallocate': [
    {
      command:
        'az vm deallocate -g MyResourceGroup -n MyVm\naz vm generalize -g MyResourceGroup -n MyVm\naz vm capture -g MyResourceGroup -n MyVm --vhd-name-prefix MyPrefix',
      description: 'Deallocate, generalize, and capture a stopped virtual machine.',
    },
    {
      command: 'az vm deallocate --ids vms_ids\naz vm generalize --ids vms_ids\naz vm capture --ids vms_ids --vhd-name-prefix MyPrefix',
      description: 'Deallocate, generalize, and capture multiple stopped virtual machines.',
    },
    { command: 'az vm deallocate --name MyVm --no-wait --resource-group MyResourceGroup', description: 'Deallocate a VM.' },
  ],
  'vm restart': [
    { command: 'az vm restart -g MyResourceGroup -n MyVm', description: 'Restart a VM.' },
    { command: 'az vm restart --ids $(az vm list -g MyResourceGroup --query "[].id" -o tsv)', description: 'Restart all VMs in a resource group.' },
  ],
  'vm delete': [
    { command: 'az vm delete -g MyResourceGroup -n MyVm --yes', description: 'Delete a VM without a prompt for confirmation.' },
    { command: 'az vm delete --ids $(az vm list -g MyResourceGroup --query "[].id" -o tsv)', description: 'Delete all VMs in a resource group.' },
  ],
});
