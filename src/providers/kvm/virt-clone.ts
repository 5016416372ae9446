// virt-clone: copies a shut-off (or paused) domain's definition and disks into a new domain.
import { formatMiB } from '../../core/units.js';
import { bool, parseFlags, str, type FlagSpec } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { KvmDriver } from './driver.js';

const FLAGS: Record<string, FlagSpec> = {
  original: { type: 'string', aliases: ['o'] },
  name: { type: 'string', aliases: ['n'] },
  'auto-clone': { type: 'boolean' },
  connect: { type: 'string' },
  // Disk paths, MAC addresses and the rest are libvirt's business: accepted and recorded.
  file: { type: 'string', ignored: true, repeat: true, aliases: ['f'] },
  mac: { type: 'string', ignored: true, repeat: true, aliases: ['m'] },
  uuid: { type: 'string', ignored: true, aliases: ['u'] },
  'skip-copy': { type: 'string', ignored: true, repeat: true },
  'nonsparse': { type: 'boolean', ignored: true },
  'preserve-data': { type: 'boolean', ignored: true },
  reflink: { type: 'boolean', ignored: true },
  check: { type: 'string', ignored: true },
  quiet: { type: 'boolean', ignored: true, aliases: ['q'] },
  debug: { type: 'boolean', ignored: true, aliases: ['d'] },
};

const USAGE = 'usage: virt-clone --original [NAME] ...';

export function virtClone(kvm: KvmDriver, args: readonly string[]): ExecResult {
  const parsed = parseFlags(args, FLAGS, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`${USAGE}\nvirt-clone: error: unrecognized arguments: ${parsed.flag}`, 2);
    return failure(`${USAGE}\nvirt-clone: error: argument ${parsed.flag}: expected one argument`, 2);
  }
  const f = parsed.value;
  if (f.positionals.length > 0) return failure(`${USAGE}\nvirt-clone: error: unrecognized arguments: ${f.positionals.join(' ')}`, 2);
  const original = str(f, 'original');
  if (!original) return failure('ERROR    --original is required', 1);
  const source = kvm.domain(original);
  if (!source) return failure(`ERROR    Domain '${original}' was not found.`, 1);
  const name = str(f, 'name') ?? (bool(f, 'auto-clone') ? kvm.defaultCloneName(source) : undefined);
  if (!name) return failure('ERROR    A name is required for the new virtual machine. Use \'--name NEW_VM_NAME\' to specify one.', 1);
  if (kvm.domain(name)) return failure(`ERROR    Invalid name for new guest: Guest name '${name}' is already in use.`, 1);
  if (source.state !== 'stopped' && source.state !== 'paused' && source.state !== 'suspended') return failure('ERROR    Domain with devices to clone must be paused or shutoff.', 1);
  const r = kvm.perform(source.id, 'clone', { cloneName: name, recorded: f.recorded });
  if (!r.ok) return failure(`ERROR    ${r.error.message}`, 1);
  const disk = `${name}.qcow2`;
  const recorded = f.recorded.length > 0 ? `(recorded, not simulated: ${f.recorded.join(' ')})\n` : '';
  return output(`Allocating '${disk}'  ${formatMiB(source.diskMiB)}\n\nClone '${name}' created successfully.\n${recorded}`, true);
}
