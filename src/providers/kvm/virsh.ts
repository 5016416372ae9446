// virsh, the libvirt shell: the subset this simulation answers, in its own words.
// Each command lives with its kind (virsh-lifecycle, -info, -snapshot, -migrate, -attach...);
// this file reads the command line as vsh.c does: global options, the command,
// its options and operands, and the blank line printed after each command run.
// Sources: libvirt tools/vsh.c (vshCommandParse: "unknown command: '%s'",
// "command '%s' doesn't support option --%s", "expected syntax: --%s <%s>",
// "command '%s' requires <%s> option", "unexpected data '%s'"; vshCommandRun),
// tools/virsh.c (global options: -c/--connect URI, -q/--quiet, -r, -d, -l, -t).

import { table } from '../../core/own.js';
import { parseFlags, str } from '../cli/flags.js';
import { output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { KvmDriver } from './driver.js';
import { ATTACH_COMMANDS } from './virsh-attach.js';
import { hostOfUri, syntaxError, type Virsh, type VirshCommand, virshError } from './virsh-common.js';
import { INFO_COMMANDS } from './virsh-info.js';
import { IOTUNE_COMMANDS } from './virsh-iotune.js';
import { LIFECYCLE_COMMANDS } from './virsh-lifecycle.js';
import { MIGRATE_COMMANDS } from './virsh-migrate.js';
import { NETWORK_COMMANDS } from './virsh-network.js';
import { SNAPSHOT_COMMANDS } from './virsh-snapshot.js';
import { STORAGE_COMMANDS } from './virsh-storage.js';
import { VOLUME_COMMANDS } from './virsh-volumes.js';

const COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  list: INFO_COMMANDS.list,
  ...LIFECYCLE_COMMANDS,
  ...INFO_COMMANDS,
  ...SNAPSHOT_COMMANDS,
  ...MIGRATE_COMMANDS,
  ...NETWORK_COMMANDS,
  ...STORAGE_COMMANDS,
  ...VOLUME_COMMANDS,
  ...ATTACH_COMMANDS,
  ...IOTUNE_COMMANDS,
});

/** Global options that take a value (virsh.c's long options). */
const VALUED = ['-c', '--connect', '-l', '--log', '-e', '--escape', '-k', '--keepalive-interval', '-K', '--keepalive-count', '-d', '--debug'];

/** Runs `virsh ARGS...`. */
export function virsh(kvm: KvmDriver, args: readonly string[]): ExecResult {
  let i = 0;
  let uri: string | undefined;
  let quiet = false;
  while (i < args.length && args[i].startsWith('-')) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag === '-q' || flag === '--quiet') quiet = true;
    if (VALUED.includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) return syntaxError(`option '${flag}' requires an argument`);
      if (flag === '-c' || flag === '--connect') uri = value;
    }
    i++;
  }
  const name = args[i];
  if (!name) return output(`Welcome to virsh, the virtualization interactive terminal (simulated).\nCommands here: ${Object.keys(COMMANDS).join(', ')}\n`);
  const cmd = COMMANDS[name];
  if (!cmd) return syntaxError(`unknown command: '${name}'\nhint: this simulation's virsh knows: ${Object.keys(COMMANDS).join(', ')}`);
  const host = uri === undefined ? undefined : hostOfUri(uri);
  if (host !== undefined && !kvm.hosts().some((h) => h.id === host)) {
    return syntaxError(
      `failed to connect to the hypervisor\nerror: End of file while reading data: ssh: Could not resolve hostname ${host}: Name or service not known: Input/output error`,
    );
  }
  const parsed = parseFlags(args.slice(i + 1), cmd.flags, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return syntaxError(`command '${name}' doesn't support option ${parsed.flag}`);
    if (parsed.kind === 'missing-value')
      return syntaxError(`expected syntax: ${parsed.flag} <${cmd.flags[parsed.flag.replace(/^--/, '')]?.type === 'number' ? 'number' : 'string'}>`);
    // A number that is not one is found by the command itself, once it runs.
    return virshError(`Numeric value '${parsed.detail ?? ''}' for <${parsed.flag.replace(/^--/, '')}> option is malformed or out of range`);
  }
  const operands: Record<string, string> = {};
  const positionals = [...parsed.value.positionals];
  for (const operand of cmd.operands) {
    const key = operand.replace('?', '');
    const value = str(parsed.value, key) ?? positionals.shift();
    if (value === undefined) {
      if (!operand.endsWith('?')) return syntaxError(`command '${name}' requires <${key}> option`);
      continue;
    }
    operands[key] = value;
  }
  if (positionals.length > 0) return syntaxError(`unexpected data '${positionals[0]}'`);
  const v: Virsh = { kvm, host, quiet };
  const r = cmd.run(v, operands, parsed.value);
  return quiet ? hushed(r) : r;
}

/**
 * -q/--quiet: what virsh prints with vshPrintExtra is left out: the blank line
 * after a command, the "Domain ... started", "Vol ... created" and "Disk attached" kind of message, a table's header.
 */
function hushed(r: ExecResult): ExecResult {
  const quiet = (s: string) =>
    s
      .replace(/^\n?(Domain|Volume|Vol|Size of volume|Disk) [^\n]*\n/gm, '')
      .replace(/^ [^\n]*\n-+\n/, '')
      .replace(/\n$/, '');
  const b = r.blocking;
  return { ...r, stdout: quiet(r.stdout), ...(b ? { blocking: { ...b, answer: () => hushed(b.answer()) } } : {}) };
}

export const VIRSH_COMMANDS = Object.keys(COMMANDS);
/**
 * The commands `:` completion offers: all but domid, which would make
 * `virsh domi<Tab>` stop short of dominfo, the one people mean (domid is still
 * answered when typed).
 */
export const VIRSH_COMPLETED = VIRSH_COMMANDS.filter((c) => c !== 'domid');
