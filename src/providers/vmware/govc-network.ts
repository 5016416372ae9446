// govc's network commands: host.portgroup.add|remove|info, host.vswitch.info,
// vm.network.add|change and vm.ip, in govc's words (govmomi cli/host/portgroup/*.go,
// cli/host/vswitch/info.go, cli/vm/network/*.go, cli/vm/ip.go) and vSphere's
// faults as govc prints them: "govc: ServerFaultCode: <message>" (vim25/soap/error.go).
// All of them print nothing when they succeed but vm.ip and the info commands.
import { num, str } from '../cli/flags.js';
import { failure, isExecResult, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { uplinksOf } from './distributed-switches.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, findVm, usage, withVm } from './govc-common.js';
import { ADAPTER_TYPES, deviceName, nicsAttr, nicsOf, VLAN_TRUNK } from './port-groups.js';
import { addressesOf } from './topology.js';

/** Virtual NICs a VM may have (vSphere Configuration Maximums, "Virtual NICs per virtual machine"). */
const MAX_NICS = 10;

const HOST_FLAG = { host: { type: 'string' }, dc: { type: 'string', ignored: true } } as const;

/** The host -host names (a name or an inventory path), or govc's error: with none given, one host must be all there is (find.DefaultHostSystem). */
function hostOf(vmw: VmwareDriver, given: string | undefined): string | ExecResult {
  const hosts = vmw.hosts();
  if (given === undefined) return hosts.length === 1 ? hosts[0]!.id : failure('govc: default host resolves to multiple instances, please specify');
  const id = given.split('/').filter(Boolean).pop() ?? given;
  return hosts.some((h) => h.id === id) ? id : failure(`govc: host '${given}' not found`);
}

const isError = isExecResult;

/** govc's tabwriter (minwidth 2, padding 2): each label padded to the longest in the block. */
function block(rows: readonly (readonly [string, string])[], indentAfterFirst = false): string {
  const width = Math.max(...rows.map(([k], i) => k.length + 1 + (indentAfterFirst && i > 0 ? 2 : 0))) + 2;
  return rows.map(([k, v], i) => `${indentAfterFirst && i > 0 ? '  ' : ''}${k}:`.padEnd(width) + v).join('\n');
}

/**
 * Every network of a datacenter's network folder: its hosts' standard port groups, VM Network first, then as the
 * hosts' port groups come (each name once: one Network object a label); then each distributed switch, its uplinks
 * and its port groups.
 */
export function networksOf(vmw: VmwareDriver, dc: string): string[] {
  const names: string[] = [];
  for (const h of vmw.hosts())
    if (h.site === dc) for (const p of vmw.portGroupsOf(h.id)) if (p.name !== 'Management Network' && !names.includes(p.name)) names.push(p.name);
  for (const d of vmw.dvSwitches.values())
    if (d.dc === dc) names.push(d.name, uplinksOf(d), ...vmw.dvPortGroups.filter((pg) => pg.dvs === d.name).map((pg) => pg.name));
  return names;
}

/** The NetworkFlag commands' words for a missing -vm. */
const NO_VM = 'govc: please specify a vm';

/**
 * The network -net names for adapter `index` of a VM (its label, an inventory path's last part), or govc's error:
 * one the datacenter lacks is not found; one the VM's host lacks is not accessible (CannotAccessNetwork).
 */
function networkFor(vmw: VmwareDriver, vm: ProviderWorkload, net: string | undefined, index: number): string | ExecResult {
  if (net === undefined) return failure('govc: default network resolves to multiple instances, please specify');
  const label = net.split('/').filter(Boolean).pop() ?? net;
  if (!networksOf(vmw, vmw.datacenterOf(vm.host)).includes(label)) return failure(`govc: network '${net}' not found`);
  if (vm.host && !vmw.networksOn(vm.host).some((p) => p.name === label))
    return failure(`govc: Currently connected network interface 'Network adapter ${index + 1}' uses network '${label}', which is not accessible.`);
  return label;
}

export const NETWORK_COMMANDS: Readonly<Record<string, Cmd>> = {
  'host.portgroup.add': {
    flags: { ...HOST_FLAG, vswitch: { type: 'string' }, vlan: { type: 'integer' } },
    usage: 'host.portgroup.add [OPTIONS] NAME',
    run: (vmw, f) => {
      if (f.positionals.length !== 1) return usage('host.portgroup.add', NETWORK_COMMANDS['host.portgroup.add']!.usage);
      const host = hostOf(vmw, str(f, 'host'));
      if (isError(host)) return host;
      const name = f.positionals[0]!;
      const vlan = num(f, 'vlan') ?? 0;
      const vswitch = str(f, 'vswitch') ?? '';
      // HostNetworkSystem.AddPortGroup's faults, in the order vcsim checks them, in ESXi's words (the vim fault texts).
      if (name === '' || name.length > 253 || name.includes('/') || /[\u0000-\u001f\u007f]/.test(name))
        return failure('govc: ServerFaultCode: A specified parameter was not correct: portgrp.name');
      if (!vmw.portGroupsOf(host).some((p) => p.vswitch === vswitch))
        return failure('govc: ServerFaultCode: The object or item referred to could not be found.');
      // A distributed port group of that name would be shadowed on the host: one network name, one network here.
      if (vmw.portGroupsOf(host).some((p) => p.name === name) || vmw.dvPortGroups.some((p) => p.name === name) || vmw.dvSwitches.has(name))
        return failure(`govc: ServerFaultCode: The specified key, name, or identifier '${name}' already exists.`);
      // "Valid vlanIds range from [0,4095], where 0 means no vlan tagging" (HostNetworkSystem.UpdatePortGroup's InvalidArgument).
      if (vlan < 0 || vlan > VLAN_TRUNK) return failure('govc: ServerFaultCode: A specified parameter was not correct: portgrp.vlanId');
      vmw.editPortGroups(host).push({ name, vswitch, vlan });
      return output('', true);
    },
  },
  'host.portgroup.remove': {
    flags: HOST_FLAG,
    usage: 'host.portgroup.remove [OPTIONS] NAME',
    run: (vmw, f) => {
      if (f.positionals.length !== 1) return usage('host.portgroup.remove', NETWORK_COMMANDS['host.portgroup.remove']!.usage);
      const host = hostOf(vmw, str(f, 'host'));
      if (isError(host)) return host;
      const name = f.positionals[0]!;
      const list = vmw.portGroupsOf(host);
      if (!list.some((p) => p.name === name)) return failure('govc: ServerFaultCode: The object or item referred to could not be found.');
      // ESXi refuses while a VM's adapter on this host uses it (ResourceInUse).
      const user = vmw.workloads().find((v) => v.host === host && nicsOf(v.attrs).some((n) => n.network === name));
      if (user) return failure(`govc: ServerFaultCode: The resource '${name}' is in use.`);
      const edited = vmw.editPortGroups(host);
      edited.splice(
        edited.findIndex((p) => p.name === name),
        1,
      );
      return output('', true);
    },
  },
  'host.portgroup.info': {
    flags: { ...HOST_FLAG, json: { type: 'boolean', ignored: true } },
    usage: 'host.portgroup.info [OPTIONS]',
    run: (vmw, f) => {
      const host = hostOf(vmw, str(f, 'host'));
      if (isError(host)) return host;
      const blocks = vmw.portGroupsOf(host).map((p) => {
        const ports = vmw.workloads().filter((v) => v.host === host && v.state !== 'stopped' && nicsOf(v.attrs).some((n) => n.network === p.name)).length;
        return block([
          ['Name', p.name],
          ['Virtual switch', p.vswitch],
          ['VLAN ID', String(p.vlan)],
          ['Active ports', String(ports)],
        ]);
      });
      return output(`${blocks.join('\n\n')}\n`);
    },
  },
  'host.vswitch.info': {
    flags: { ...HOST_FLAG, json: { type: 'boolean', ignored: true } },
    usage: 'host.vswitch.info [OPTIONS]',
    run: (vmw, f) => {
      const host = hostOf(vmw, str(f, 'host'));
      if (isError(host)) return host;
      const switches = [...new Set(vmw.portGroupsOf(host).map((p) => p.vswitch))];
      const blocks = switches.map((s) =>
        block([
          ['Name', s],
          [
            'Portgroup',
            vmw
              .portGroupsOf(host)
              .filter((p) => p.vswitch === s)
              .map((p) => p.name)
              .join(', '),
          ],
          ['Pnic', 'vmnic0'],
          ['MTU', '1500'],
          ['Ports', '128'],
          ['Ports Available', String(128 - vmw.workloads().filter((v) => v.host === host && v.state !== 'stopped').length)],
        ]),
      );
      return output(`${blocks.join('\n\n')}\n`);
    },
  },
  'vm.network.add': {
    flags: {
      vm: { type: 'string' },
      net: { type: 'string' },
      'net.adapter': { type: 'string' },
      'net.address': { type: 'string', ignored: true },
      dc: { type: 'string', ignored: true },
    },
    usage: 'vm.network.add [OPTIONS] NETWORK...',
    run: (vmw, f) =>
      withVm(
        vmw,
        f,
        (vm) => {
          const adapter = str(f, 'net.adapter') ?? 'e1000';
          if (!ADAPTER_TYPES[adapter]) return failure(`govc: unknown ethernet card type '${adapter}'`);
          const nets = f.positionals.length > 0 ? f.positionals : [str(f, 'net')];
          const added = [];
          for (const net of nets) {
            const label = networkFor(vmw, vm, net, nicsOf(vm.attrs).length + added.length);
            if (typeof label !== 'string') return label;
            added.push({ network: label, adapter });
          }
          // vSphere's configuration maximum: 10 virtual NICs a VM (vim.fault.TooManyDevices).
          if (nicsOf(vm.attrs).length + added.length > MAX_NICS)
            return failure('govc: ServerFaultCode: Number of virtual devices exceeds the maximum for a given controller.');
          vmw.sim.setAttrs(vm.id, { ...vm.attrs, ...nicsAttr([...nicsOf(vm.attrs), ...added]) });
          return output('', true);
        },
        NO_VM,
      ),
  },
  'vm.network.change': {
    flags: {
      vm: { type: 'string' },
      net: { type: 'string' },
      'net.adapter': { type: 'string', ignored: true },
      'net.address': { type: 'string', ignored: true },
      dc: { type: 'string', ignored: true },
    },
    usage: 'vm.network.change [OPTIONS] DEVICE',
    run: (vmw, f) =>
      withVm(
        vmw,
        f,
        (vm) => {
          const device = f.positionals[0];
          if (device === undefined) return failure('govc: please specify a device name');
          const nics = nicsOf(vm.attrs);
          // The device is looked up before the network (change.go: devices.Find, then NetworkFlag.Device).
          const i = nics.findIndex((_, k) => deviceName(k) === device);
          if (i < 0) return failure(`govc: device '${device}' not found`);
          const label = networkFor(vmw, vm, f.positionals[1] ?? str(f, 'net'), i);
          if (typeof label !== 'string') return label;
          // The backing changes; the MAC stays (network.bats "network change backing").
          vmw.sim.setAttrs(vm.id, { ...vm.attrs, ...nicsAttr(nics.map((n, k) => (k === i ? { ...n, network: label } : n))) });
          return output('', true);
        },
        NO_VM,
      ),
  },
  'vm.ip': {
    flags: { a: { type: 'boolean' }, v4: { type: 'boolean', ignored: true }, wait: { type: 'string', ignored: true }, n: { type: 'string', ignored: true } },
    usage: 'vm.ip [OPTIONS] VM...',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('vm.ip', NETWORK_COMMANDS['vm.ip']!.usage);
      const lan = vmw.siteLan();
      const lines: string[] = [];
      for (const name of f.positionals) {
        const vm = findVm(vmw, name);
        if (!vm) return failure(`govc: vm '${name}' not found`);
        const ips = addressesOf(vmw, vm, lan);
        // With no address by the time -wait runs out it prints nothing and exits 0 (cli/vm/ip.go).
        if (ips.length > 0) lines.push(f.values.get('a') === true ? ips.join(',') : ips[0]!);
      }
      return output(lines.length ? `${lines.join('\n')}\n` : '');
    },
  },
};
