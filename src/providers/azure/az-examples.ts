// The examples az's help files give for each command, which az shows under
// "Examples from AI knowledge base:" when a command line is wrong and the Aladdin
// service is out of reach (azure-cli command_recommender.py provide_recommendations).
// Sources: the :example: lines of azure-cli src/azure-cli/azure/cli/command_modules/vm/
// aaz/latest/vm/_start.py, _stop.py, _deallocate.py, _restart.py, _delete.py.
// Commands whose examples were not checked against their help file have none here:
// az then shows only the reference link, as it does for a command without examples.
import { table } from '../../core/own.js';
import type { HelpExample } from './az-errors.js';

export const EXAMPLES: Readonly<Record<string, readonly HelpExample[]>> = table<readonly HelpExample[]>({
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
    { command: 'az vm deallocate -g MyResourceGroup -n MyVm\naz vm generalize -g MyResourceGroup -n MyVm\naz vm capture -g MyResourceGroup -n MyVm --vhd-name-prefix MyPrefix', description: 'Deallocate, generalize, and capture a stopped virtual machine.' },
    { command: 'az vm deallocate --ids vms_ids\naz vm generalize --ids vms_ids\naz vm capture --ids vms_ids --vhd-name-prefix MyPrefix', description: 'Deallocate, generalize, and capture multiple stopped virtual machines.' },
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
