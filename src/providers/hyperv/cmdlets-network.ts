// The VM's network adapter: Get-VMNetworkAdapter, Connect- and
// Disconnect-VMNetworkAdapter, Set- and Get-VMNetworkAdapterVlan. Their tables as
// the Hyper-V module prints them (Microsoft Learn troubleshooting output: Name
// IsManagementOs VMName SwitchName MacAddress Status IPAddresses; Get-VMNetworkAdapterVlan's
// VMName VMNetworkAdapterName Mode VlanList, Untagged with an empty list), their
// errors as the module raises them ("Hyper-V was unable to find a virtual switch
// with name "Y"." InvalidArgument, InvalidParameter). Research notes of 2026-12-03.
import { bool, num, str } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { type Call, type Cmdlet, error, vmsNamed } from './cmdlet.js';
import { ADAPTER_NAME, adapterAddresses, adapterMac, switchOf, VLAN_ATTR, vlanOf } from './network-adapters.js';

function adapterTable(c: Call, vms: readonly ProviderWorkload[]): string {
  const addresses = adapterAddresses(c.hv);
  return powershellTable(
    ['Name', 'IsManagementOs', 'VMName', 'SwitchName', 'MacAddress', 'Status', 'IPAddresses'],
    vms.map((vm) => {
      const running = vm.state === 'running' || vm.state === 'migrating' || vm.state === 'stopping';
      const ip = addresses.get(vm.id);
      return [
        ADAPTER_NAME,
        'False',
        vm.name,
        switchOf(c.hv, vm)?.name ?? '',
        adapterMac(vm.id),
        // The status is {Ok} while the VM runs, empty when it is off; its addresses are what the guest reports ({} for none).
        running ? '{Ok}' : '',
        `{${running ? (ip ?? '') : ''}}`,
      ];
    }),
  );
}

/** The VMs -VMName names, or the record for one not found; -Name must name their adapter ("Network Adapter", any case). */
function targets(c: Call): ProviderWorkload[] | ExecResult {
  const name = str(c.p, 'Name');
  if (name !== undefined && name.toLowerCase() !== ADAPTER_NAME.toLowerCase())
    return error(c, {
      message: 'No network adapter was found with the given criteria.',
      category: 'ObjectNotFound',
      exception: 'VirtualizationException',
      id: 'ObjectNotFound',
    });
  return vmsNamed(c, str(c.p, 'VMName')!, 'VMName');
}

/** As the recorded record shows it: "InvalidArgument: (:) [Connect-VMNetworkAdapter], VirtualizationException", no target. */
const noSwitch = (c: Call, name: string) =>
  error(c, {
    message: `Hyper-V was unable to find a virtual switch with name "${name}".`,
    category: 'InvalidArgument',
    exception: 'VirtualizationException',
    id: 'InvalidParameter',
  });

/** Connects the VMs' adapters to a switch ('' disconnects them); with -Passthru, their adapters as they are now. */
function connectTo(c: Call, vms: readonly ProviderWorkload[], switchName: string): ExecResult {
  for (const vm of vms) c.hv.sim.setAttrs(vm.id, { ...vm.attrs, switch: switchName });
  return output(
    bool(c.p, 'Passthru')
      ? adapterTable(
          c,
          vms.map((v) => c.hv.vm(v.name)!),
        )
      : '',
    true,
  );
}

export const NETWORK_CMDLETS: Record<string, Cmdlet> = {
  'get-vmnetworkadapter': {
    params: { VMName: { type: 'string' }, Name: { type: 'string' }, All: { type: 'boolean' } },
    positional: ['VMName'],
    run: (c) => {
      const name = str(c.p, 'VMName');
      // -VMName is mandatory in the cmdlet's default parameter set; -All is the other set. With neither, a host without a
      // console to prompt on refuses the call as PowerShell's binder does.
      if (name === undefined && !bool(c.p, 'All'))
        return error(c, {
          message: 'Cannot process command because of one or more missing mandatory parameters: VMName.',
          category: 'InvalidArgument',
          exception: 'ParameterBindingException',
          id: 'MissingMandatoryParameter',
        });
      const vms = name === undefined ? c.hv.workloads() : targets(c);
      if (!Array.isArray(vms)) return vms;
      return output(vms.length ? adapterTable(c, vms) : '');
    },
  },
  'connect-vmnetworkadapter': {
    params: { VMName: { type: 'string' }, SwitchName: { type: 'string' }, Name: { type: 'string' }, Passthru: { type: 'boolean' } },
    positional: ['VMName', 'Name', 'SwitchName'],
    required: ['VMName', 'SwitchName'],
    run: (c) => {
      const vms = targets(c);
      if (!Array.isArray(vms)) return vms;
      const sw = c.hv.switchNamed(str(c.p, 'SwitchName')!);
      if (!sw) return noSwitch(c, str(c.p, 'SwitchName')!);
      return connectTo(c, vms, sw.name);
    },
  },
  'disconnect-vmnetworkadapter': {
    params: { VMName: { type: 'string' }, Name: { type: 'string' }, Passthru: { type: 'boolean' } },
    positional: ['VMName', 'Name'],
    required: ['VMName'],
    run: (c) => {
      const vms = targets(c);
      if (!Array.isArray(vms)) return vms;
      return connectTo(c, vms, '');
    },
  },
  'set-vmnetworkadaptervlan': {
    params: {
      VMName: { type: 'string' },
      Access: { type: 'boolean' },
      Untagged: { type: 'boolean' },
      VlanId: { type: 'number' },
      Passthru: { type: 'boolean' },
    },
    positional: ['VMName'],
    required: ['VMName'],
    run: (c) => {
      const vms = targets(c);
      if (!Array.isArray(vms)) return vms;
      const untagged = bool(c.p, 'Untagged');
      const id = num(c.p, 'VlanId');
      if (!untagged && (!bool(c.p, 'Access') || id === undefined))
        return error(c, {
          message: 'Parameter set cannot be resolved using the specified named parameters.',
          category: 'InvalidArgument',
          exception: 'ParameterBindingException',
          id: 'AmbiguousParameterSet',
        });
      // IEEE 802.1Q: 1-4094 (0 and 4095 are reserved). (The module's own sentence for one outside is not in any source found.)
      if (!untagged && (!Number.isInteger(id) || id! < 1 || id! > 4094))
        return error(c, {
          message: `The VLAN identifier ${id} is not valid: give one from 1 to 4094.`,
          category: 'InvalidArgument',
          target: String(id),
          exception: 'VirtualizationException',
          id: 'InvalidParameter',
        });
      for (const vm of vms) {
        const { [VLAN_ATTR]: _, ...rest } = vm.attrs;
        c.hv.sim.setAttrs(vm.id, untagged ? rest : { ...rest, [VLAN_ATTR]: id! });
      }
      return output('', true);
    },
  },
  'get-vmnetworkadaptervlan': {
    params: { VMName: { type: 'string' } },
    positional: ['VMName'],
    run: (c) => {
      const name = str(c.p, 'VMName');
      const vms = name === undefined ? c.hv.workloads() : targets(c);
      if (!Array.isArray(vms)) return vms;
      const rows = vms.map((vm) => {
        const vlan = vlanOf(vm);
        return [vm.name, ADAPTER_NAME, vlan === undefined ? 'Untagged' : 'Access', vlan === undefined ? '' : String(vlan)];
      });
      return output(rows.length ? powershellTable(['VMName', 'VMNetworkAdapterName', 'Mode', 'VlanList'], rows) : '');
    },
  },
};
