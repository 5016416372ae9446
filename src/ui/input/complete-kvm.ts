// Completion after virsh, virt-install and virt-clone: KVM domains and hosts
// only (virt-clone --original a domain, --connect a host's URI); of the domains the
// ones the command's own completer offers. libvirt tools/virsh-domain.c and
// virsh-snapshot.c give each <domain> option completer flags, which
// virshDomainNameCompleter passes to virConnectListAllDomains: start SHUTOFF;
// shutdown, reboot, managedsave, domjobinfo ACTIVE; suspend RUNNING; resume
// PAUSED; snapshot-list, snapshot-revert, snapshot-delete HAS_SNAPSHOT;
// dominfo, snapshot-create-as, undefine (PERSISTENT: every domain here is) all.
// Commands not listed offer every domain. <snapshotname> offers the domain's
// snapshots (virshSnapshotNameCompleter); migrate's <desturi> the other KVM
// hosts as qemu+ssh URIs, the form virsh migrate reads here.

import { VIRSH_COMMANDS } from '../../providers/kvm/virsh.js';
import { hostOfUri, isActive, type VirshCommand } from '../../providers/kvm/virsh-common.js';
import { INFO_COMMANDS } from '../../providers/kvm/virsh-info.js';
import { LIFECYCLE_COMMANDS } from '../../providers/kvm/virsh-lifecycle.js';
import { MIGRATE_COMMANDS } from '../../providers/kvm/virsh-migrate.js';
import { SNAPSHOT_COMMANDS } from '../../providers/kvm/virsh-snapshot.js';
import type { ProviderWorkload } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import { type Flags, flagValue, flagWords, place } from './complete-args.js';
import { snapshotNames } from './complete-common.js';

const TABLE: Readonly<Record<string, VirshCommand>> = { ...INFO_COMMANDS, ...LIFECYCLE_COMMANDS, ...SNAPSHOT_COMMANDS, ...MIGRATE_COMMANDS };

/** virsh.c's global options (vshParseArgv's long options), those that take a value marked. */
const GLOBAL: Flags = {
  connect: { type: 'string', aliases: ['c'] },
  debug: { type: 'string', aliases: ['d'] },
  escape: { type: 'string', aliases: ['e'] },
  'keepalive-interval': { type: 'string', aliases: ['k'] },
  'keepalive-count': { type: 'string', aliases: ['K'] },
  log: { type: 'string', aliases: ['l'] },
  quiet: { type: 'boolean', aliases: ['q'] },
  readonly: { type: 'boolean', aliases: ['r'] },
  timing: { type: 'boolean', aliases: ['t'] },
};

type Which = (d: ProviderWorkload, ctl: Controller) => boolean;
const hasSnapshot: Which = (d, ctl) => snapshotNames(ctl, d.id).length > 0;
const DOMAINS: Readonly<Record<string, Which>> = {
  start: (d) => d.nativeState === 'shut off',
  shutdown: (d) => isActive(d.nativeState),
  reboot: (d) => isActive(d.nativeState),
  managedsave: (d) => isActive(d.nativeState),
  domjobinfo: (d) => isActive(d.nativeState),
  suspend: (d) => d.nativeState === 'running',
  resume: (d) => d.nativeState === 'paused',
  'snapshot-list': hasSnapshot,
  'snapshot-revert': hasSnapshot,
  'snapshot-delete': hasSnapshot,
};

const uri = (host: string) => `qemu+ssh://${host}/system`;

export function completeKvm(ctl: Controller, words: readonly string[], last: string): string[] {
  const kvm = ctl.estate.providers.kvm;
  const hosts = kvm.hosts().map((h) => h.id);
  if (words[0] === 'virt-clone' || words[0] === 'virt-install') {
    // Only the value of --connect and virt-clone's --original name something of the estate.
    const p = place(words.slice(1), { original: { type: 'string', aliases: ['o'] }, connect: { type: 'string' } }, 'gnu');
    if (p.flag === 'connect') return ['qemu:///system', ...hosts.map(uri)];
    return p.flag === 'original' && words[0] === 'virt-clone' ? kvm.workloads().map((d) => d.name) : [];
  }
  if (words[0] !== 'virsh') return [];
  const global = place(words.slice(1), GLOBAL, 'gnu');
  if (global.flag === 'connect') return ['qemu:///system', ...hosts.map(uri)];
  if (global.flag) return [];
  const name = global.operands[0];
  if (name === undefined) return last.startsWith('-') ? flagWords(GLOBAL, 'gnu') : VIRSH_COMMANDS;
  const cmd = TABLE[name];
  if (!cmd) return [];
  // The words after the command: everything after its own position on the line.
  const after = words.slice(words.indexOf(name, 1) + 1);
  const p = place(after, cmd.flags, 'gnu');
  const on = hostOfUri(flagValue(global.values, 'connect') ?? '');
  const domains = () =>
    kvm
      .workloads()
      .filter((d) => (on === undefined || d.host === on) && (DOMAINS[name]?.(d, ctl) ?? true))
      .map((d) => d.name);
  const domainGiven = () => flagValue(p.values, 'domain') ?? (cmd.operands[0] === 'domain' ? p.operands[0] : undefined);
  const operand = (kind: string | undefined): string[] => {
    if (kind === 'domain') return domains();
    if (kind === 'snapshotname') {
      const d = kvm.workload(domainGiven() ?? '');
      return d ? snapshotNames(ctl, d.id) : [];
    }
    if (kind === 'desturi') {
      const d = kvm.workload(domainGiven() ?? '');
      return hosts.filter((h) => h !== d?.host).map(uri);
    }
    return [];
  };
  if (p.flag) return operand(p.flag);
  if (last.startsWith('-')) return flagWords(cmd.flags, 'gnu').filter((f) => f.startsWith('--'));
  // Operands given as --domain X do not take a position (vshCommandParse fills options first).
  const open = cmd.operands.map((o) => o.replace('?', '')).filter((o) => !p.values.has(o));
  return operand(open[p.operands.length]);
}
