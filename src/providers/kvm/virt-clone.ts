// virt-clone: copies a shut off domain's definition and disks into a new domain,
// and returns once the disks are copied (KVM_BLOCKS.clone).
// Source: virt-manager virtinst/virtclone.py (main: "Either --auto-clone or
// --file is required", "An original machine name is required", "A name is
// required for the new virtual machine", the blank line and "Clone '%s' created
// successfully."), virtinst/cloner.py (_lookup_vm: "Domain '%s' was not
// found."; "Domain to clone must be shutoff."; prepare: "Invalid name for new
// guest: %s"; _generate_clone_name: NAME-clone, then NAME-clone1, -clone2 ...;
// _generate_clone_path; start_duplicate copies each disk, metered as
// "Allocating '%s'"), virtinst/guest.py ("Guest name '%s' is already in use.").

import { blockOn } from '../blocking.js';
import { bool, type FlagSpec, parseFlags, str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { KVM_BLOCKS } from './defaults.js';
import type { KvmDriver } from './driver.js';
import { diskOf } from './virsh-storage.js';
import { meterLine } from './virt-meter.js';

const FLAGS: Record<string, FlagSpec> = {
  original: { type: 'string', aliases: ['o'] },
  name: { type: 'string', aliases: ['n'] },
  'auto-clone': { type: 'boolean' },
  file: { type: 'string', repeat: true, aliases: ['f'] },
  connect: { type: 'string' },
  // MAC addresses, UUIDs and the rest are libvirt's business: accepted and recorded.
  mac: { type: 'string', ignored: true, repeat: true, aliases: ['m'] },
  uuid: { type: 'string', ignored: true, aliases: ['u'] },
  'skip-copy': { type: 'string', ignored: true, repeat: true },
  nonsparse: { type: 'boolean', ignored: true },
  'preserve-data': { type: 'boolean', ignored: true },
  reflink: { type: 'boolean', ignored: true },
  check: { type: 'string', ignored: true },
  quiet: { type: 'boolean', ignored: true, aliases: ['q'] },
  debug: { type: 'boolean', ignored: true, aliases: ['d'] },
};

const USAGE = 'usage: virt-clone --original [NAME] ...';
const error = (text: string) => failure(`ERROR    ${text}`, 1);

export function virtClone(kvm: KvmDriver, args: readonly string[]): ExecResult {
  const parsed = parseFlags(args, FLAGS, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`${USAGE}\nvirt-clone: error: unrecognized arguments: ${parsed.flag}`, 2);
    return failure(`${USAGE}\nvirt-clone: error: argument ${parsed.flag}: expected one argument`, 2);
  }
  const f = parsed.value;
  if (f.positionals.length > 0) return failure(`${USAGE}\nvirt-clone: error: unrecognized arguments: ${f.positionals.join(' ')}`, 2);
  const files = (f.values.get('file') as string[] | undefined) ?? [];
  if (files.length === 0 && !bool(f, 'auto-clone')) return error("Either --auto-clone or --file is required, use '--auto-clone or --file' and try again.");
  const original = str(f, 'original');
  if (!original) return error("An original machine name is required, use '--original src_name' and try again.");
  const source = kvm.workload(original);
  if (!source) return error(`Domain '${original}' was not found.`);
  if (source.nativeState !== 'shut off') return error('Domain to clone must be shutoff.');
  const name = str(f, 'name') ?? (bool(f, 'auto-clone') ? cloneName(kvm, source.name) : undefined);
  if (!name) return error("A name is required for the new virtual machine, use '--name NEW_VM_NAME' to specify one.");
  if (kvm.workload(name)) return error(`Invalid name for new guest: Guest name '${name}' is already in use.`);
  // The disk: the --file given, else the original's path with the clone's name (_generate_clone_path): NAME.qcow2 in a
  // pool of files, NAME in a logical pool (an LV has no extension).
  const own = diskOf({ kvm }, source.id)?.path;
  const disk = (files[0] ?? (own?.startsWith('/dev/') ? name : `${name}.qcow2`)).split('/').pop()!;
  const r = kvm.perform(source.id, 'clone', { cloneName: name, recorded: f.recorded });
  if (!r.ok) return error(r.error.message);
  const started = kvm.now();
  const recorded = f.recorded.length > 0 ? `(recorded, not simulated: ${f.recorded.join(' ')})\n` : '';
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    changed: true,
    blocking: blockOn(kvm.sim, name, KVM_BLOCKS.clone, `${name}'s disk to be copied`, () => ({
      exitCode: 0,
      stdout: `${meterLine(`Allocating '${disk}'`, source.diskMiB * 1048576, kvm.now() - started)}\nClone '${name}' created successfully.\n`,
      stderr: recorded,
      changed: true,
    })),
  };
}

/** NAME-clone, else NAME-clone1, NAME-clone2 ...; a NAME-cloneN goes on from N (_generate_clone_name). */
function cloneName(kvm: KvmDriver, base: string): string {
  const m = /-clone([1-9]*)$/.exec(base);
  const stem = `${m ? base.slice(0, m.index) : base}-clone`;
  let n = m ? (m[1] ? Number(m[1]) + 1 : 1) : 0;
  for (;;) {
    const candidate = n === 0 ? stem : `${stem}${n}`;
    if (!kvm.workload(candidate)) return candidate;
    n++;
  }
}
