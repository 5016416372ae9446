// Completion after govc: vSphere objects only. As govmomi's own bash completion
// (scripts/govc_bash_completion) does, -vm and the VM commands' arguments offer
// VM names, -host host names, and a word starting with / an inventory path one
// level at a time (govc ls: /DC, /DC/vm, /DC/vm/NAME, /DC/host/CLUSTER/HOST;
// a name is found by its last path element, so either form works). Of the VMs,
// vm.power offers those the switch given can act on (PowerOnVM_Task refuses a
// VM powered on, PowerOffVM_Task, ShutdownGuest, RebootGuest and SuspendVM_Task
// one not powered on), never templates; vm.markasvm offers templates.

import type { ProviderWorkload } from '../../providers/provider.js';
import { GOVC_COMMANDS, GOVC_FLAGS } from '../../providers/vmware/govc.js';
import { govcDatastores } from '../../providers/vmware/govc-storage.js';
import type { Controller } from '../controller.js';
import { flagValue, flagWords, place } from './complete-args.js';
import { notGiven, snapshotNames } from './complete-common.js';

type Kind = 'vm' | 'host' | 'cluster' | 'snapshot' | 'path' | 'datastore';

/** What each command's arguments name (none: a new name, or nothing of the estate). */
const ARGS: Readonly<Record<string, Kind>> = {
  ls: 'path',
  'vm.info': 'vm',
  'vm.power': 'vm',
  'vm.destroy': 'vm',
  'vm.migrate': 'vm',
  'vm.markastemplate': 'vm',
  'vm.markasvm': 'vm',
  'snapshot.revert': 'snapshot',
  'snapshot.remove': 'snapshot',
  'host.maintenance.enter': 'host',
  'host.maintenance.exit': 'host',
  'cluster.change': 'cluster',
  'cluster.override.change': 'cluster',
  'datastore.info': 'datastore',
};
const FLAG_KINDS: Readonly<Record<string, Kind>> = { vm: 'vm', 'vm.path': 'vm', host: 'host', cluster: 'cluster', ds: 'datastore' };

const on = (v: ProviderWorkload) => v.nativeState === 'poweredOn';
const template = (v: ProviderWorkload) => v.attrs.template === true;

function vmsFor(command: string, switches: ReadonlyMap<string, string | true>): (v: ProviderWorkload) => boolean {
  if (command === 'vm.markasvm') return template;
  if (command === 'vm.markastemplate') return (v) => !template(v) && v.nativeState === 'poweredOff';
  if (command !== 'vm.power') return () => true;
  if (switches.has('on')) return (v) => !template(v) && !on(v);
  if (['off', 's', 'r', 'reset', 'suspend'].some((s) => switches.has(s))) return (v) => !template(v) && on(v);
  return (v) => !template(v);
}

export function completeGovc(ctl: Controller, words: readonly string[], last: string): string[] {
  const vmw = ctl.estate.providers.vmware;
  const command = words[1];
  if (command === undefined) return GOVC_COMMANDS;
  const flags = GOVC_FLAGS[command];
  if (!flags) return [];
  const p = place(words.slice(2), flags, 'go');
  if (!p.flag && last.startsWith('-')) return flagWords(flags, 'go');
  const kind = p.flag ? FLAG_KINDS[p.flag] : ARGS[command];
  const given = p.flag ? [] : p.operands;
  const vms = vmw.workloads().filter(p.flag ? () => true : vmsFor(command, p.values));
  const hosts = vmw.hosts();
  if (last.startsWith('/') || kind === 'path') return notGiven(paths(ctl, last, kind, vms), given);
  switch (kind) {
    case 'vm':
      return notGiven(
        vms.map((v) => v.name),
        given,
      );
    case 'host': {
      const state = command === 'host.maintenance.enter' ? 'connected' : command === 'host.maintenance.exit' ? 'maintenance' : undefined;
      return notGiven(
        hosts.filter((h) => !state || h.state === state).map((h) => h.id),
        given,
      );
    }
    case 'cluster':
      return notGiven([...new Set(hosts.map((h) => h.cluster))], given);
    case 'datastore':
      return notGiven(
        govcDatastores(vmw).map((d) => d.name),
        given,
      );
    case 'snapshot': {
      const vm = vmw.workload((flagValue(p.values, 'vm') ?? '').split('/').filter(Boolean).pop() ?? '');
      return vm ? snapshotNames(ctl, vm.id) : [];
    }
    default:
      return [];
  }
}

/** Inventory paths one level below the folder typed (govc ls's layout), folders ending in /. */
function paths(ctl: Controller, word: string, kind: Kind | undefined, vms: readonly ProviderWorkload[]): string[] {
  const vmw = ctl.estate.providers.vmware;
  const hosts = vmw.hosts();
  const parts = word.split('/').slice(1, -1);
  const [dc, folder, cluster] = parts;
  const dcs = [...new Set(hosts.map((h) => h.site))];
  if (parts.length === 0) return dcs.map((d) => `/${d}/`);
  if (!dcs.includes(dc)) return [];
  const wants = (f: string) =>
    kind === undefined || kind === 'path' || (f === 'vm' ? kind === 'vm' : f === 'host' ? kind === 'host' || kind === 'cluster' : false);
  if (parts.length === 1) return ['vm', 'host', 'datastore', 'network'].filter(wants).map((f) => `/${dc}/${f}/`);
  if (folder === 'datastore' && parts.length === 2) return govcDatastores(vmw, dc).map((d) => `/${dc}/datastore/${d.name}`);
  if (folder === 'vm' && parts.length === 2) return vms.filter((v) => vmw.datacenterOf(v.host) === dc).map((v) => `/${dc}/vm/${v.name}`);
  const here = hosts.filter((h) => h.site === dc);
  if (folder === 'host' && parts.length === 2)
    return [...new Set(here.map((h) => h.cluster))].map((c) => (kind === 'cluster' ? `/${dc}/host/${c}` : `/${dc}/host/${c}/`));
  if (folder === 'host' && parts.length === 3 && kind !== 'cluster')
    return here.filter((h) => h.cluster === cluster).map((h) => `/${dc}/host/${cluster}/${h.id}`);
  return [];
}
