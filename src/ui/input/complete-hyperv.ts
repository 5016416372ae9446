// Completion after a Hyper-V cmdlet: its parameters (-Name, -TurnOff, ... as
// PowerShell completes a word starting with -), and for -Name/-VMName (by name
// or by position) the Hyper-V VMs, those the cmdlet acts on where that is
// plain from its state (Microsoft Learn: Start-VM starts a VM that is Off or
// Saved; Suspend-VM pauses a Running VM, Resume-VM resumes a Paused one; a VM
// already where Stop-VM or Save-VM would take it is left alone with a warning).
// A checkpoint cmdlet's -Name is the checkpoint of the VM given; -DestinationHost
// and the cluster node cmdlets' -Name are Hyper-V hosts; -SwitchName and
// Get-VMSwitch's -Name the virtual switches.

import { CHECKPOINT_TYPES, SWITCH_TYPES } from '../../providers/hyperv/defaults.js';
import { CMDLET_PARAMS } from '../../providers/hyperv/powershell.js';
import type { ProviderWorkload } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import { flagValue, flagWords, place } from './complete-args.js';
import { notGiven, snapshotNames } from './complete-common.js';

type Kind = 'vm' | 'checkpoint' | 'host' | 'switch' | 'switch-type' | 'checkpoint-type';

/** What each cmdlet's parameters name, where it is something of the estate. */
const NAMES: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  'get-vm': { Name: 'vm' },
  'new-vm': { SwitchName: 'switch' },
  'remove-vm': { Name: 'vm' },
  'set-vm': { Name: 'vm', CheckpointType: 'checkpoint-type' },
  'set-vmmemory': { VMName: 'vm' },
  'get-vmmemory': { VMName: 'vm' },
  'move-vm': { Name: 'vm', DestinationHost: 'host' },
  'start-vm': { Name: 'vm' },
  'stop-vm': { Name: 'vm' },
  'save-vm': { Name: 'vm' },
  'suspend-vm': { Name: 'vm' },
  'resume-vm': { Name: 'vm' },
  'restart-vm': { Name: 'vm' },
  'checkpoint-vm': { Name: 'vm' },
  'get-vmsnapshot': { VMName: 'vm', Name: 'checkpoint' },
  'restore-vmsnapshot': { VMName: 'vm', Name: 'checkpoint' },
  'remove-vmsnapshot': { VMName: 'vm', Name: 'checkpoint' },
  'get-vmswitch': { Name: 'switch' },
  'new-vmswitch': { SwitchType: 'switch-type' },
  'suspend-clusternode': { Name: 'host' },
  'resume-clusternode': { Name: 'host' },
};
const ALIASES: Readonly<Record<string, string>> = {
  'get-vmcheckpoint': 'get-vmsnapshot',
  'restore-vmcheckpoint': 'restore-vmsnapshot',
  'remove-vmcheckpoint': 'remove-vmsnapshot',
};

const VMS: Readonly<Record<string, (v: ProviderWorkload) => boolean>> = {
  'start-vm': (v) => v.nativeState === 'Off' || v.nativeState === 'Saved',
  'stop-vm': (v) => v.nativeState !== 'Off',
  'save-vm': (v) => v.nativeState === 'Running' || v.nativeState === 'Paused',
  'suspend-vm': (v) => v.nativeState === 'Running',
  'resume-vm': (v) => v.nativeState === 'Paused',
  'restart-vm': (v) => v.nativeState === 'Running',
};

export function completeHyperv(ctl: Controller, words: readonly string[], last: string): string[] {
  const hv = ctl.estate.providers.hyperv;
  const cmdlet = words[0].toLowerCase();
  const spec = CMDLET_PARAMS[cmdlet];
  if (!spec) return [];
  if (last.startsWith('-')) return flagWords(spec.params, 'powershell');
  const p = place(words.slice(1), spec.params, 'powershell');
  // Unnamed words bind to the positions not bound by name, in order.
  const param = p.flag ?? spec.positional.filter((n) => !p.values.has(n))[p.operands.length];
  const names = NAMES[ALIASES[cmdlet] ?? cmdlet] ?? {};
  const kind = param === undefined ? undefined : names[param];
  const bound = (n: string) =>
    flagValue(p.values, n) ?? (spec.positional.includes(n) ? p.operands[spec.positional.filter((x) => !p.values.has(x)).indexOf(n)] : undefined);
  switch (kind) {
    case 'vm': {
      const ok = VMS[ALIASES[cmdlet] ?? cmdlet] ?? (() => true);
      return notGiven(
        hv
          .workloads()
          .filter(ok)
          .map((v) => v.name),
        p.operands,
      );
    }
    case 'checkpoint': {
      const vmParam = Object.keys(names).find((n) => names[n] === 'vm');
      const vm = vmParam ? hv.vm(bound(vmParam) ?? '') : undefined;
      return vm ? snapshotNames(ctl, vm.id) : [];
    }
    case 'host':
      return hv.hosts().map((h) => h.id);
    case 'switch':
      return [...hv.switches.keys()];
    case 'switch-type':
      return [...SWITCH_TYPES];
    case 'checkpoint-type':
      return [...CHECKPOINT_TYPES];
    default:
      return [];
  }
}
