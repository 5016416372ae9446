// virt-install: defines a new domain and starts its install.
import { num, parseFlags, str, type FlagSpec } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { KvmDriver } from './driver.js';

const FLAGS: Record<string, FlagSpec> = {
  name: { type: 'string', aliases: ['n'] },
  memory: { type: 'number', aliases: ['ram', 'r'] },
  vcpus: { type: 'number' },
  disk: { type: 'string', repeat: true },
  'os-variant': { type: 'string', aliases: ['osinfo'] },
  cdrom: { type: 'string', aliases: ['c'] },
  location: { type: 'string', aliases: ['l'] },
  import: { type: 'boolean' },
  connect: { type: 'string' },
  // Real flags with no meaning in this simulation: accepted and recorded.
  graphics: { type: 'string', ignored: true },
  network: { type: 'string', ignored: true, repeat: true },
  console: { type: 'string', ignored: true },
  noautoconsole: { type: 'boolean', ignored: true },
  'virt-type': { type: 'string', ignored: true },
  boot: { type: 'string', ignored: true },
  cpu: { type: 'string', ignored: true },
  features: { type: 'string', ignored: true },
  video: { type: 'string', ignored: true },
  sound: { type: 'string', ignored: true },
  rng: { type: 'string', ignored: true },
  controller: { type: 'string', ignored: true },
  channel: { type: 'string', ignored: true },
  'extra-args': { type: 'string', ignored: true },
  wait: { type: 'number', ignored: true },
  autostart: { type: 'boolean', ignored: true },
  noreboot: { type: 'boolean', ignored: true },
};

export function virtInstall(kvm: KvmDriver, args: readonly string[]): ExecResult {
  const parsed = parseFlags(args, FLAGS, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]\nvirt-install: error: unrecognized arguments: ${parsed.flag}`, 2);
    return failure(`usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]\nvirt-install: error: argument ${parsed.flag}: ${parsed.kind === 'missing-value' ? 'expected one argument' : `invalid value: ${parsed.detail}`}`, 2);
  }
  const f = parsed.value;
  if (f.positionals.length > 0) return failure(`usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]\nvirt-install: error: unrecognized arguments: ${f.positionals.join(' ')}`, 2);
  const name = str(f, 'name');
  const memory = num(f, 'memory');
  const vcpus = num(f, 'vcpus') ?? 1;
  if (!name) return failure('ERROR    --name is required', 1);
  if (memory === undefined) return failure('ERROR    --memory amount must be specified for a VM', 1);
  if (!(memory >= 1 && Number.isInteger(memory))) return failure(`ERROR    --memory: expected a whole number of MiB, got ${memory}`, 1);
  if (!(vcpus >= 1 && Number.isInteger(vcpus))) return failure(`ERROR    --vcpus: expected a whole number of vCPUs, got ${vcpus}`, 1);
  const osVariant = str(f, 'os-variant');
  if (!osVariant) return failure('ERROR    --os-variant/--osinfo OS name is required, but no value was set or detected.\n\nThis is now a fatal error. Specifying an OS name is required for modern, performant, and secure virtual machine defaults.', 1);
  const disks = (f.values.get('disk') as string[] | undefined) ?? [];
  if (disks.length === 0) return failure('ERROR    --disk storage must be specified (override with --disk none)', 1);
  let diskGiB = 0;
  for (const d of disks) {
    const size = /(?:^|,)size=(\d+(?:\.\d+)?)/.exec(d);
    if (d === 'none') continue;
    if (!size && !/(?:^|,)path=/.test(d)) return failure(`ERROR    Error: --disk ${d}: give size=GiB (and path=...)`, 1);
    diskGiB += size ? Number(size[1]) : 10;
  }
  if (!str(f, 'cdrom') && !str(f, 'location') && f.values.get('import') !== true) {
    return failure('ERROR    An install method must be specified\n(use --cdrom, --location, --import, --pxe or --boot)', 1);
  }
  const host = hostOfConnect(str(f, 'connect'));
  const r = kvm.create({ name, vcpus, memoryMiB: memory, diskGiB, image: osVariant, host, recorded: f.recorded });
  if (!r.ok) return failure(`ERROR    ${r.error.message}`, 1);
  const where = kvm.domain(name)?.host;
  const recorded = f.recorded.length > 0 ? `(recorded, not simulated: ${f.recorded.join(' ')})\n` : '';
  return output(`\nStarting install...\nCreating domain...\nDomain creation completed${where ? ` on ${where}` : ''}.\n${recorded}`, true);
}

function hostOfConnect(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const m = /^[a-z+]+:\/\/(?:[^@/]*@)?([^/:]+)/.exec(uri);
  return m ? m[1] : undefined;
}

