// virt-install: defines a new domain, starts it, and waits as virt-install waits.
// Source: virt-manager virtinst/virtinstall.py (start_install, _process_domain,
// _wait_for_domain, WaitHandler, _set_default_wait), virtinst/cli.py
// (_determine_default_autoconsole_type: with no DISPLAY, "No display detected.
// Not running virt-viewer."; log lines "%(levelname)-8s %(message)s";
// virsh_start_cmd; _txt_console), virtinst/install/installer.py ("Creating
// domain..."), virtinst/guest.py ("Guest name '%s' is already in use.").
// What it waits for (INSTALL in defaults.ts):
//  - --noautoconsole (or --wait 0): nothing. An --import domain is created and
//    running: "Domain creation completed."; an installer (--cdrom, --location)
//    is left running: "Domain is still running. Installation may be in
//    progress." and it shuts the domain off when it is done (its install-time
//    definition turns the installer's reboot into a power-off).
//  - a console: with no display there is no graphical one, so virt-install waits
//    as with --wait -1: until the domain shuts down, which an installer does when
//    done (virt-install then starts it again: "Restarting guest."), and an
//    imported guest only when someone shuts it down.
//  - --wait N: the same, for at most N minutes ("Installation has exceeded
//    specified time limit. Exiting application.", exit 1).
//  - --graphics none: the text console (virsh console) stays attached until the
//    domain shuts down; hyperpane has no console to attach, and returns then too.

import { type Blocking, blockOn } from '../blocking.js';
import { bool, type FlagSpec, num, parseFlags, str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { INSTALL_EVENT, INSTALL_MS } from './defaults.js';
import type { KvmDriver } from './driver.js';
import { isHostBridge, NETWORK_ATTR } from './networks.js';
import { hostOfUri, isActive } from './virsh-common.js';
import { iscsiPoolName } from './virsh-storage.js';
import { meterLine } from './virt-meter.js';

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
  noautoconsole: { type: 'boolean' },
  autoconsole: { type: 'string' },
  wait: { type: 'number' },
  graphics: { type: 'string' },
  // Real flags with no meaning in this simulation: accepted and recorded.
  network: { type: 'string', repeat: true },
  console: { type: 'string', ignored: true },
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
  autostart: { type: 'boolean', ignored: true },
  noreboot: { type: 'boolean', ignored: true },
};

const USAGE = 'usage: virt-install --name NAME --memory MB STORAGE INSTALL [options]';
const log = (level: 'WARNING' | 'ERROR', text: string) => `${level.padEnd(8)} ${text}\n`;

export function virtInstall(kvm: KvmDriver, args: readonly string[]): ExecResult {
  const parsed = parseFlags(args, FLAGS, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`${USAGE}\nvirt-install: error: unrecognized arguments: ${parsed.flag}`, 2);
    return failure(
      `${USAGE}\nvirt-install: error: argument ${parsed.flag}: ${parsed.kind === 'missing-value' ? 'expected one argument' : `invalid int value: '${parsed.detail}'`}`,
      2,
    );
  }
  const f = parsed.value;
  if (f.positionals.length > 0) return failure(`${USAGE}\nvirt-install: error: unrecognized arguments: ${f.positionals.join(' ')}`, 2);
  const name = str(f, 'name');
  const memory = num(f, 'memory');
  const vcpus = num(f, 'vcpus') ?? 1;
  if (!name) return failure(log('ERROR', '--name is required'), 1);
  if (memory === undefined) return failure(log('ERROR', '--memory amount must be specified for a VM'), 1);
  if (!(memory >= 1 && Number.isInteger(memory))) return failure(log('ERROR', `--memory: expected a whole number of MiB, got ${memory}`), 1);
  if (!(vcpus >= 1 && Number.isInteger(vcpus))) return failure(log('ERROR', `--vcpus: expected a whole number of vCPUs, got ${vcpus}`), 1);
  const osVariant = str(f, 'os-variant');
  if (!osVariant)
    return failure(
      `${log('ERROR', '--os-variant/--osinfo OS name is required, but no value was set or detected.')}\n` +
        'This is now a fatal error. Specifying an OS name is required for modern, performant, and secure virtual machine defaults.\n',
      1,
    );
  const disks = (f.values.get('disk') as string[] | undefined) ?? [];
  if (disks.length === 0) return failure(log('ERROR', '--disk storage must be specified (override with --disk none)'), 1);
  let diskGiB = 0;
  const allocated: number[] = [];
  // pool=NAME makes the volume in that storage pool: a shared one (NFS, iSCSI) every host of its clusters mounts, or
  // "default", the host's own /var/lib/libvirt/images. sparse=no allocates it whole (virt-install's default: sparse).
  let datastore: { id: string; format: 'thin' | 'thick' } | undefined;
  // A SAN's pool is a logical one (virsh-storage.ts): its volumes are LVs, named with no extension (virtinst's
  // StorageVolume has no format there), and never sparse: virtinst's StorageVolume.validate warns and allocates
  // the whole capacity when virt-install's sparse default asks for less.
  let lvm = false;
  let notes = '';
  for (const d of disks) {
    const pool = /(?:^|,)pool=([^,]+)/.exec(d)?.[1];
    if (pool !== undefined && pool !== 'default' && datastore === undefined) {
      const kvmDs = kvm.sim.datastoreViews().filter((x) => x.medium === 'san' && x.clusters.some((c) => kvm.sim.cluster(c)?.platform === 'kvm'));
      // A SAN's iscsi pool: its one LUN is the volume group's, so nothing is free (virtinst validate_disk's check).
      const lun = kvmDs.find((x) => iscsiPoolName(x.name) === pool);
      const gib = Number(/(?:^|,)size=(\d+(?:\.\d+)?)/.exec(d)?.[1] ?? 0);
      if (lun)
        return failure(
          log(
            'ERROR',
            'The requested volume capacity will exceed the available pool space when the volume is fully allocated. ' +
              `(${Math.round(gib * 1024)} M requested capacity > 0 M available) (Use --check disk_size=off or --check all=off to override)`,
          ),
          1,
        );
      const shared = kvm.sim.datastoreViews().find((x) => x.name === pool && x.clusters.some((c) => kvm.sim.cluster(c)?.platform === 'kvm'));
      // libvirt's VIR_ERR_NO_STORAGE_POOL (virterror.c: "Storage pool not found: %s"), as storage_driver.c words the lookup.
      if (!shared) return failure(log('ERROR', `Error: --disk ${d}: Storage pool not found: no storage pool with matching name '${pool}'`), 1);
      const sparse = !/(?:^|,)sparse=(no|false|off)/.test(d);
      lvm = shared.medium === 'san';
      // virtinst build_vol_install: a pool whose volumes take no format (a logical one) refuses format=.
      if (lvm && /(?:^|,)format=/.test(d)) return failure(log('ERROR', `Error: --disk ${d}: Format attribute not supported for this volume type`), 1);
      if (lvm && sparse) notes += log('WARNING', 'Sparse logical volumes are not supported, setting allocation equal to capacity');
      datastore = { id: shared.id, format: sparse && !lvm ? 'thin' : 'thick' };
    }
    const size = /(?:^|,)size=(\d+(?:\.\d+)?)/.exec(d);
    if (d === 'none') continue;
    if (!size && !/(?:^|,)path=/.test(d)) return failure(log('ERROR', `Error: --disk ${d}: give size=GiB (and path=...)`), 1);
    diskGiB += size ? Number(size[1]) : 10;
    // A size makes a new volume (allocated, and metered); a path alone names an existing image.
    if (size) allocated.push(Number(size[1]));
  }
  const install = Boolean(str(f, 'cdrom') || str(f, 'location'));
  if (!install && !bool(f, 'import'))
    return failure(log('ERROR', 'An install method must be specified\n(use --cdrom, --location, --import, --pxe or --boot)'), 1);
  if (kvm.workload(name)) return failure(log('ERROR', `Guest name '${name}' is already in use.`), 1);
  // One NIC, on the libvirt network --network names (network=NAME or its first word, default or none; bridge=br0 puts it
  // straight on a host bridge, the site's LAN, kept as the attachment "bridge=br0"), the default network otherwise.
  const nets = (f.values.get('network') as string[] | undefined) ?? [];
  if (nets.length > 1) return failure(log('ERROR', '--network: this simulation gives a domain one NIC; give one --network'), 1);
  const parts = nets[0]?.split(',') ?? [];
  const opt = (k: string) => parts.find((p) => p.startsWith(`${k}=`))?.slice(k.length + 1);
  const netName =
    nets.length === 0
      ? 'default'
      : parts[0] === 'none'
        ? ''
        : parts[0] === 'default'
          ? 'default'
          : opt('network') !== undefined
            ? opt('network')
            : opt('bridge') !== undefined
              ? `bridge=${opt('bridge')}`
              : undefined;
  if (netName === undefined) return failure(log('ERROR', `--network ${nets[0]}: give network=NAME, bridge=NAME, default or none`), 1);
  // A libvirt network is its host's: a domain on one is made where the connection's libvirtd runs (the local one, as
  // virsh's), unless the default network is active everywhere.
  const onNetwork = netName !== '' && !isHostBridge(netName);
  const everywhere = netName === 'default' && kvm.hosts().every((h) => kvm.networksOn(h.id).some((n) => n.name === 'default' && n.active));
  const target = hostOfUri(str(f, 'connect') ?? 'qemu:///system') ?? (onNetwork && !everywhere ? kvm.localHost() : undefined);
  if (onNetwork && target !== undefined) {
    const net = kvm.networksOn(target).find((n) => n.name === netName);
    if (!net) return failure(log('ERROR', `Network not found: no network with matching name '${netName}'`), 1);
    if (!net.active) return failure(log('ERROR', `Requested operation is not valid: network '${netName}' is not active`), 1);
  }

  // How virt-install will wait (virtinstall.py: _set_default_wait, WaitHandler).
  let warnings = notes;
  let wait = num(f, 'wait');
  let noConsole = bool(f, 'noautoconsole') || str(f, 'autoconsole') === 'none';
  if (wait === 0) {
    warnings += log('WARNING', 'Treating --wait 0 as --noautoconsole');
    noConsole = true;
    wait = undefined;
  }
  const textConsole = !noConsole && (str(f, 'graphics') === 'none' || str(f, 'autoconsole') === 'text');
  if (!noConsole && !textConsole) {
    warnings += log('WARNING', 'No display detected. Not running virt-viewer.');
    if (wait === undefined) {
      warnings += log('WARNING', 'No console to launch for the guest, defaulting to --wait -1');
      wait = -1;
    }
  }

  const uri = str(f, 'connect') ?? 'qemu:///system';
  const r = kvm.create({ name, vcpus, memoryMiB: memory, diskGiB, image: osVariant, host: target, recorded: f.recorded, ...(datastore ? { datastore } : {}) });
  if (r.ok && netName !== 'default') {
    const made = kvm.workload(name);
    if (made) kvm.sim.setAttrs(made.id, { ...made.attrs, [NETWORK_ATTR]: netName });
  }
  if (!r.ok) {
    return failure(
      `${warnings}${log('ERROR', r.error.message)}Domain installation does not appear to have been successful.\n` +
        `If it was, you can restart your domain by running:\n  virsh --connect ${uri} start ${name}\notherwise, please restart your installation.`,
      1,
    );
  }
  const started = kvm.now();
  const installMs = install ? kvm.sim.rng.int(INSTALL_MS[0], INSTALL_MS[1]) : 0;
  // The installer runs its course and powers the domain off, whoever waits for it.
  if (install) kvm.sim.schedule(installMs, { type: INSTALL_EVENT, domain: name, started });
  const recorded = f.recorded.length > 0 ? `(recorded, not simulated: ${f.recorded.join(' ')})\n` : '';
  let out = '\nStarting install...\n';
  for (const gib of allocated) out += meterLine(`Allocating '${name}${lvm ? '' : '.qcow2'}'`, gib * 1024 ** 3, 0);
  out += meterLine('Creating domain...', undefined, 0);
  const first: ExecResult = { exitCode: 0, stdout: '', stderr: warnings + recorded, changed: true };

  if (textConsole) out += `Running text console command: virsh --connect ${uri} console ${name}\n`;
  if (noConsole) {
    out += install
      ? '\nDomain is still running. Installation may be in progress.\nYou can reconnect to the console to complete the installation process.\n'
      : 'Domain creation completed.\n';
    return { ...first, stdout: out };
  }
  if (textConsole && !install) {
    // Attached to the guest's console until someone leaves it (Ctrl+]): hyperpane has none to attach, and returns once the guest runs.
    return {
      ...first,
      stdout: out,
      blocking: blockOn(kvm.sim, name, 'settled', `${name} to start`, () => ({
        exitCode: 0,
        stdout: 'Domain creation completed.\n',
        stderr: `(hyperpane: the real virt-install stays attached to ${name}'s text console until you leave it with Ctrl+]; here it returns once ${name} runs)\n`,
        changed: true,
      })),
    };
  }
  if (!textConsole)
    out +=
      '\nDomain is still running. Installation may be in progress.\n' +
      `${wait! < 0 ? 'Waiting for the installation to complete.' : `Waiting ${wait} minute${wait === 1 ? '' : 's'} for the installation to complete.`}\n`;
  const deadline = wait !== undefined && wait >= 0 ? started + wait * 60_000 : Infinity;
  const inactive = () => !isActive(kvm.workload(name)?.nativeState ?? 'shut off');
  const blocking: Blocking = {
    waitingFor: install ? `${name}'s installation to finish` : `${name} to shut down`,
    done: () => inactive() || kvm.now() >= deadline,
    answer: () => {
      if (!inactive()) return { exitCode: 1, stdout: 'Installation has exceeded specified time limit. Exiting application.\n', stderr: '', changed: true };
      let end = `${textConsole ? '' : 'Domain has shutdown. Continuing.\n'}Domain creation completed.\n`;
      if (!install)
        return { exitCode: 0, stdout: `${end}You can restart your domain by running:\n  virsh --connect ${uri} start ${name}\n`, stderr: '', changed: true };
      // Shut off before the installer was done: someone stopped it.
      if (kvm.now() < started + installMs) return { exitCode: 0, stdout: `${end}User stopped the VM. Not rebooting.\n`, stderr: '', changed: true };
      const again = kvm.perform(name, 'start');
      end += 'Restarting guest.\n';
      const note = textConsole ? `(hyperpane: the real virt-install attaches ${name}'s console again until you leave it, Ctrl+]; here it returns)\n` : '';
      return { exitCode: again.ok ? 0 : 1, stdout: end, stderr: again.ok ? note : log('ERROR', again.error.message), changed: true };
    },
  };
  return { ...first, stdout: out, blocking };
}
