// govc's distributed switch commands, in govmomi's words: dvs.create
// (cli/dvs/create.go: "adding %s to folder %s... "), dvs.add (cli/dvs/add.go:
// "adding %d hosts to dvs %s... ", and "%s is already a member of %s" on stderr
// for a host that is, skipped) and dvs.portgroup.add (cli/dvs/portgroup/add.go:
// "adding %s portgroup to dvs %s... "; spec.go's defaults: earlyBinding, 128
// ports, VLAN 0, vlan mode). -dvs is looked up as a network (find/error.go:
// "network '%s' not found"); one that is not a switch is refused as add.go does
// ("%s (%T) is not of type %T").
import { CONTROL_CHARS } from '../../core/validate.js';
import { num, str } from '../cli/flags.js';
import { failure, isExecResult } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DistributedSwitch, DVPG_TYPES, FIRST_DVS_KEY } from './distributed-switches.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, usage } from './govc-common.js';
import { networksOf } from './govc-network.js';
import { runTasks } from './govc-tasks.js';
import { VLAN_TRUNK } from './port-groups.js';

/** The datacenter -dc names, or the only one with ESXi hosts (find.DefaultDatacenter's error where there are several). */
function datacenter(vmw: VmwareDriver, given: string | undefined): string | ExecResult {
  const dcs = [...new Set(vmw.hosts().map((h) => h.site))];
  if (given !== undefined) return dcs.includes(given) ? given : failure(`govc: datacenter '${given}' not found`);
  return dcs.length === 1 ? dcs[0]! : failure('govc: default datacenter resolves to multiple instances, please specify');
}

const isError = isExecResult;

/** One task that is done at once: its logged line, or its fault. */
function task(vmw: VmwareDriver, prefix: string, fault: string | undefined, apply: () => void): ExecResult {
  return runTasks(
    [
      {
        prefix,
        logged: true,
        start: () => {
          if (fault !== undefined) return { error: fault };
          apply();
          vmw.networksChanged();
          return { finished: () => true };
        },
      },
    ],
    () => vmw.sim.now,
    prefix,
  );
}

/** The switch -dvs names (a name or an inventory path), or govc's error: no such network, or a network that is not a switch. */
function switchOf(vmw: VmwareDriver, given: string | undefined): DistributedSwitch | ExecResult {
  const name = (given ?? '').split('/').filter(Boolean).pop() ?? '';
  const d = vmw.dvSwitches.get(name);
  if (d) return d;
  if (vmw.dvPortGroups.some((pg) => pg.name === name))
    return failure(`govc: ${name} (*object.DistributedVirtualPortgroup) is not of type *object.DistributedVirtualSwitch`);
  const dcs = [...new Set(vmw.hosts().map((h) => h.site))];
  if (name !== '' && dcs.some((dc) => networksOf(vmw, dc).includes(name)))
    return failure(`govc: ${name} (*object.Network) is not of type *object.DistributedVirtualSwitch`);
  return failure(`govc: network '${given ?? ''}' not found`);
}

/**
 * A name the datacenter's network folder has already: vCenter's DuplicateName fault. Switches and their port groups
 * are named once in the whole estate here (vCenter names them once a datacenter): one in another datacenter is refused too.
 */
const taken = (vmw: VmwareDriver, dc: string, name: string) =>
  networksOf(vmw, dc).includes(name) || vmw.dvSwitches.has(name) || vmw.dvPortGroups.some((pg) => pg.name === name)
    ? `The name '${name}' already exists.`
    : undefined;

const DC_FLAG = { dc: { type: 'string' } } as const;

/** Ports a distributed switch has at most (vSphere Configuration Maximums: 60,000 per switch), so a port group no more. */
const MAX_PORTS = 60_000;

export const DVS_COMMANDS: Readonly<Record<string, Cmd>> = {
  'dvs.create': {
    flags: {
      ...DC_FLAG,
      folder: { type: 'string', ignored: true },
      'product-version': { type: 'string', ignored: true },
      mtu: { type: 'integer', ignored: true },
      'num-uplinks': { type: 'integer', ignored: true },
      'discovery-protocol': { type: 'string', ignored: true },
    },
    usage: 'dvs.create [OPTIONS] DVS',
    run: (vmw, f) => {
      if (f.positionals.length !== 1) return usage('dvs.create', DVS_COMMANDS['dvs.create']!.usage);
      const dc = datacenter(vmw, str(f, 'dc'));
      if (isError(dc)) return dc;
      const name = f.positionals[0]!;
      const key = Math.max(FIRST_DVS_KEY - 1, ...[...vmw.dvSwitches.values()].map((d) => d.key)) + 1;
      return task(vmw, `adding ${name} to folder /${dc}/network... `, badName(name, 'configSpec.name') ?? taken(vmw, dc, name), () =>
        vmw.dvSwitches.set(name, { name, dc, key, hosts: [] }),
      );
    },
  },
  'dvs.add': {
    flags: { dvs: { type: 'string' }, pnic: { type: 'string', ignored: true }, host: { type: 'string', ignored: true }, dc: { type: 'string', ignored: true } },
    usage: 'dvs.add [OPTIONS] HOST...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('dvs.add', DVS_COMMANDS['dvs.add']!.usage);
      const d = switchOf(vmw, str(f, 'dvs'));
      if (isError(d)) return d;
      const hosts: string[] = [];
      let warnings = '';
      for (const arg of f.positionals) {
        const id = arg.split('/').filter(Boolean).pop() ?? arg;
        // A cluster's path adds each of its hosts (HostSystems expands a ComputeResource).
        const inCluster = vmw.hosts().filter((h) => h.cluster === id);
        const found = inCluster.length > 0 ? inCluster : vmw.hosts().filter((h) => h.id === id);
        if (found.length === 0) return failure(`govc: host '${arg}' not found`);
        for (const h of found) {
          const path = `/${h.site}/host/${h.cluster}/${h.id}`;
          if (d.hosts.includes(h.id) || hosts.includes(h.id)) warnings += `${path} is already a member of /${d.dc}/network/${d.name}\n`;
          else if (h.site !== d.dc) return failure(`govc: host '${arg}' not found`);
          else hosts.push(h.id);
        }
      }
      if (hosts.length === 0) return { exitCode: 0, stdout: '', stderr: warnings, changed: false };
      const r = task(vmw, `adding ${hosts.length} hosts to dvs /${d.dc}/network/${d.name}... `, undefined, () => d.hosts.push(...hosts));
      return { ...r, stderr: warnings + r.stderr };
    },
  },
  'dvs.portgroup.add': {
    flags: {
      dvs: { type: 'string' },
      dc: { type: 'string', ignored: true },
      type: { type: 'string' },
      nports: { type: 'integer' },
      vlan: { type: 'integer' },
      'vlan-mode': { type: 'string' },
      'vlan-range': { type: 'string', ignored: true },
      'auto-expand': { type: 'boolean', ignored: true },
    },
    usage: 'dvs.portgroup.add [OPTIONS] NAME',
    run: (vmw, f) => {
      if (f.positionals.length !== 1) return usage('dvs.portgroup.add', DVS_COMMANDS['dvs.portgroup.add']!.usage);
      const d = switchOf(vmw, str(f, 'dvs'));
      if (isError(d)) return d;
      const name = f.positionals[0]!;
      const type = str(f, 'type') ?? 'earlyBinding';
      const mode = str(f, 'vlan-mode') ?? 'vlan';
      const vlan = num(f, 'vlan') ?? 0;
      const ports = num(f, 'nports') ?? 128;
      // vCenter's InvalidArgument names the spec's property it refused.
      const fault =
        badName(name, 'spec.name') ??
        taken(vmw, d.dc, name) ??
        (!(DVPG_TYPES as readonly string[]).includes(type)
          ? 'A specified parameter was not correct: spec.type'
          : mode !== 'vlan' && mode !== 'trunking'
            ? `invalid vlan mode: ${mode}`
            : vlan < 0 || vlan > 4094
              ? 'A specified parameter was not correct: spec.defaultPortConfig.vlan.vlanId'
              : ports < 0 || ports > MAX_PORTS
                ? 'A specified parameter was not correct: spec.numPorts'
                : undefined);
      return task(vmw, `adding ${name} portgroup to dvs /${d.dc}/network/${d.name}... `, fault, () =>
        vmw.dvPortGroups.push({ name, dvs: d.name, vlan: mode === 'trunking' ? VLAN_TRUNK : vlan, type: type as (typeof DVPG_TYPES)[number], ports }),
      );
    },
  },
};

/**
 * A name refused: empty, over 80 characters (an inventory name's limit), or with a control character. vCenter's
 * InvalidArgument reads "A specified parameter was not correct: " and the property, named here by the spec field
 * that carries the name (DVSCreateSpec.configSpec.name, DVPortgroupConfigSpec.name).
 */
function badName(name: string, property: string): string | undefined {
  return name === '' || name.length > 80 || CONTROL_CHARS.test(name) ? `A specified parameter was not correct: ${property}` : undefined;
}
