// Completion after az: the phrase's own arguments (and the global ones) for a
// word starting with -, and their values as azure-cli's completers give them:
// -g/--resource-group the resource groups (get_resource_group_completion_list);
// a VM's -n/--name the VMs of the group given with -g, or of every group when
// none is (azure-cli-core commands/parameters.py get_resource_name_completion_list);
// --size the sizes, -l/--location the regions, --image the image aliases, and
// an argument with choices its choices (-o). Of the VMs, start, stop, restart
// and deallocate offer those the verb has something to do to (Azure leaves a VM
// already where it is asked to go as it is).

import { AZ_ARGS } from '../../providers/azure/az.js';
import { type ArgSpec, GLOBAL_ARGS } from '../../providers/azure/az-parser.js';
import { IMAGES, REGIONS, SIZES } from '../../providers/azure/defaults.js';
import type { ProviderWorkload } from '../../providers/provider.js';
import type { Controller } from '../controller.js';

const VMS: Readonly<Record<string, (v: ProviderWorkload) => boolean>> = {
  'vm start': (v) => v.state === 'stopped' || v.state === 'deallocated',
  'vm stop': (v) => v.state === 'running' || v.state === 'booting',
  'vm restart': (v) => v.state === 'running',
  'vm deallocate': (v) => v.state !== 'deallocated',
};

export function completeAz(ctl: Controller, words: readonly string[], last: string): string[] {
  const azure = ctl.estate.providers.azure;
  const phrase = words.slice(1, 3).join(' ');
  const own = AZ_ARGS[phrase];
  if (!own) return [];
  const specs: readonly ArgSpec[] = [...own, ...GLOBAL_ARGS];
  const args = words.slice(3);
  const specOf = (w: string) => specs.find((s) => s.options.includes(w.replace(/=.*$/s, '')));
  const prev = args.at(-1);
  const valueFor = prev !== undefined && !prev.includes('=') ? specOf(prev) : undefined;
  if (!valueFor || valueFor.kind === 'flag') {
    if (!last.startsWith('-')) return [];
    const given = new Set(args.map((a) => specOf(a)?.dest));
    return specs.filter((s) => !given.has(s.dest) || s.kind === 'list').flatMap((s) => s.options);
  }
  if (valueFor.choices) return [...valueFor.choices];
  const groups = [...azure.groups.keys()];
  // The group named by -g / --resource-group (the last one given, as argparse keeps).
  const group = args.reduce<string | undefined>((g, a, i) => (specOf(a)?.dest === 'resource-group' && i + 1 < args.length ? args[i + 1] : g), undefined);
  switch (valueFor.dest) {
    case 'resource-group':
      return groups;
    case 'name':
      if (phrase === 'vm create' || phrase === 'group create') return [];
      if (phrase.startsWith('group ')) return groups;
      return azure
        .workloads()
        .filter((v) => (group === undefined || v.group.toLowerCase() === group.toLowerCase()) && (VMS[phrase]?.(v) ?? true))
        .map((v) => v.name);
    case 'size':
      return SIZES.map((s) => s.name);
    case 'location':
      return Object.keys(REGIONS);
    case 'image':
      return Object.keys(IMAGES);
    default:
      return [];
  }
}
