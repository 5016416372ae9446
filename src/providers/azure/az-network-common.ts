// What the az network commands share: finding the resource group, ARM's
// not-found answers, list answers filtered by -g, -l checked against the
// cloud's regions, and the argument specs every network command declares.

import { failure, isExecResult as isExec } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type Args, type Outcome, str } from './az-command.js';
import { armError, groupNotFound } from './az-errors.js';
import { SUBSCRIPTION } from './az-resources.js';
import { REGIONS } from './defaults.js';
import type { AzureDriver } from './driver.js';
import { type ArmFault, same } from './networks.js';
import { badResourceName } from './vm-networking.js';

export const list = (a: Args, k: string) => a.get(k) as string[] | undefined;
export const fault = (f: ArmFault): ExecResult => armError(f.code, f.message, 1);

/** ARM's answer for a top-level resource that is not there. */
export const notFound = (type: string, name: string, group: string) =>
  armError(
    'ResourceNotFound',
    `The Resource 'Microsoft.Network/${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    3,
  );
/** The Network provider's answer for a child resource (a subnet, a rule) that is not there. */
export const childNotFound = (id: string) => armError('NotFound', `Resource ${id} not found.`, 3);

/** The provider's words for a reference to a resource that is not there (Azure/bicep-types-az#1403). */
export const referenceMissing = (target: string, by: string): ExecResult =>
  fault({
    code: 'InvalidResourceReference',
    message: `Resource ${target} referenced by resource ${by} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
  });

/** A child resource's ID ("/subscriptions/.../resourceGroups/RG/providers/Microsoft.Network/TYPE/PARENT/CHILDTYPE/NAME") as [id, group, parent, name], or null. */
export function childOfId(text: string, type: string, childType: string): RegExpExecArray | null {
  return new RegExp(`^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\\.Network/${type}/([^/]+)/${childType}/([^/]+)$`, 'i').exec(text);
}

/** The resource group named by -g, or the error if it is missing. */
export function groupOf(azure: AzureDriver, a: Args): { name: string; location: string } | ExecResult {
  const name = str(a, 'resource-group');
  if (name === undefined) return failure('ERROR: the following arguments are required: --resource-group/-g', 2);
  return azure.group(name) ?? groupNotFound(name);
}

/** A list command's answer: the resources of -g's group (every group's without -g), or the group's not-found. */
export function listed<T extends { group: string }>(azure: AzureDriver, a: Args, all: Iterable<T>, show: (x: T) => unknown): Outcome {
  const g = str(a, 'resource-group');
  if (g !== undefined && !azure.group(g)) return groupNotFound(g);
  // What the caller may read, as ARM filters a list: the resource groups their roles reach with reads.
  const readable = (group: string) =>
    azure.mayRead('Microsoft.Resources/subscriptions/resourceGroups/read', `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}`);
  return { result: () => [...all].filter((x) => (g === undefined || same(x.group, g)) && readable(x.group)).map(show) };
}

/** A new resource's group (-g) and name (-n, as ARM allows names), or the error. */
export function newResource(azure: AzureDriver, a: Args): { group: { name: string; location: string }; name: string } | ExecResult {
  const group = groupOf(azure, a);
  if (isExec(group)) return group;
  const name = str(a, 'name')!;
  const bad = badResourceName(name);
  return bad ? fault(bad) : { group, name };
}

/** A new top-level resource's group, name and region (-l, else the group's), or the error. */
export function newRegional(azure: AzureDriver, a: Args): { group: { name: string; location: string }; name: string; location: string } | ExecResult {
  const made = newResource(azure, a);
  if (isExec(made)) return made;
  const location = locationOf(a, made.group);
  return isExec(location) ? location : { ...made, location };
}

/** -l as ARM takes it (any case, one of the cloud's regions), or the group's region when not given. */
export function locationOf(a: Args, g: { location: string }): string | ExecResult {
  const given = str(a, 'location');
  if (given === undefined) return g.location;
  const location = given.toLowerCase();
  if (REGIONS[location] === undefined)
    return armError(
      'LocationNotAvailableForResourceType',
      `The provided location '${given}' is not available for resource type 'Microsoft.Network'. List of available regions for this simulation: '${Object.keys(REGIONS).join(',')}'.`,
      1,
    );
  return location;
}

export const NAME = { dest: 'name', options: ['--name', '-n'], required: true } as const;
export const VNET_NAME = { dest: 'vnet-name', options: ['--vnet-name'], required: true } as const;
export const NSG_NAME = { dest: 'nsg-name', options: ['--nsg-name'], required: true } as const;
export const LOCATION = { dest: 'location', options: ['--location', '-l'] } as const;
export const TAGS = { dest: 'tags', options: ['--tags'], kind: 'list' } as const;
