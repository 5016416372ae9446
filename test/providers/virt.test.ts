// virt-install and virt-clone return when the real ones return, in their words.
// Sources: virt-manager virtinst/virtinstall.py (start_install, _process_domain,
// _wait_for_domain, WaitHandler, _set_default_wait), virtinst/cli.py (no
// DISPLAY: "No display detected. Not running virt-viewer."; "%(levelname)-8s"
// log lines; _txt_console), virtinst/install/installer.py ("Creating
// domain..."), virtinst/_progresspriv.py (the meter's last line),
// virtinst/virtclone.py and virtinst/cloner.py (virt-clone's checks, names and
// messages).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { INSTALL_MS } from '../../src/providers/kvm/defaults.js';
import { KvmDriver } from '../../src/providers/kvm/driver.js';

function lab() {
  const sim = new Simulation({ seed: 4 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'lab', site: 'dc', platform: 'kvm' });
  const kvm = new KvmDriver(sim);
  for (const id of ['kvm-01', 'kvm-02']) sim.addHost(kvm.hostInput({ id, cluster: 'lab', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
  const words = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return t.words;
  };
  const run = (line: string) => returned(sim, kvm.exec(words(line)));
  return { sim, kvm, run, start: (line: string) => kvm.exec(words(line)) };
}

const METER_CREATE = 'Creating domain...                                          |         00:00     \n';
const meterAlloc = (file: string, size: string) => `${`Allocating '${file}'`.padEnd(59)} | ${size.padStart(5)}B  00:00     \n`;

describe('virt-install', () => {
  it('--import --noautoconsole: returns once the domain is created and running', () => {
    const { sim, run } = lab();
    const t = sim.now;
    const r = run('virt-install --name lab-01 --memory 2048 --vcpus 2 --disk size=20 --os-variant debian12 --import --noautoconsole');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`\nStarting install...\n${meterAlloc('lab-01.qcow2', '20 G')}${METER_CREATE}Domain creation completed.\n`);
    expect(sim.now).toBe(t);
    expect(sim.workload('lab-01')!.state).toBe('booting');
  });

  it('--cdrom --noautoconsole: leaves the installer running and returns; the installer powers the domain off when done', () => {
    const { sim, run } = lab();
    const r = run('virt-install --name lab --memory 2048 --disk size=20 --os-variant debian12 --cdrom /isos/debian.iso --noautoconsole');
    expect(r.stdout).toContain(
      '\nDomain is still running. Installation may be in progress.\nYou can reconnect to the console to complete the installation process.\n',
    );
    sim.advance(INSTALL_MS[0] - 60_000);
    expect(sim.workload('lab')!.state).toBe('running');
    sim.advance(INSTALL_MS[1]);
    expect(sim.workload('lab')!.state).toBe('stopped');
  });

  it('with no display (no console to attach): waits for the installation to complete, then starts the guest again', () => {
    const { sim, run } = lab();
    const t = sim.now;
    const r = run(
      'virt-install --name lab --memory 2048 --disk size=20 --os-variant debian12 --location http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('WARNING  No display detected. Not running virt-viewer.\nWARNING  No console to launch for the guest, defaulting to --wait -1\n');
    expect(r.stdout).toContain(
      '\nDomain is still running. Installation may be in progress.\nWaiting for the installation to complete.\nDomain has shutdown. Continuing.\nDomain creation completed.\nRestarting guest.\n',
    );
    expect(sim.now - t).toBeGreaterThanOrEqual(INSTALL_MS[0]);
    expect(sim.now - t).toBeLessThanOrEqual(INSTALL_MS[1]);
    expect(sim.workload('lab')!.state).toBe('booting');
  });

  it('--wait N gives up after N minutes (the installer goes on)', () => {
    const { sim, run } = lab();
    const t = sim.now;
    const r = run('virt-install --name lab --memory 2048 --disk size=20 --os-variant debian12 --cdrom /isos/debian.iso --wait 5');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Waiting 5 minutes for the installation to complete.\nInstallation has exceeded specified time limit. Exiting application.\n');
    expect(sim.now - t).toBe(5 * 60_000);
    expect(sim.workload('lab')!.state).toBe('running');
  });

  it('--import with no display waits until someone shuts the guest down (--noautoconsole is how scripts avoid it)', () => {
    const { sim, start, run } = lab();
    const first = start('virt-install --name app --memory 1024 --disk size=5 --os-variant debian12 --import');
    expect(first.blocking?.waitingFor).toBe('app to shut down');
    sim.advance(600_000);
    expect(first.blocking!.done()).toBe(false);
    run('virsh shutdown app');
    sim.advance(60_000);
    expect(first.blocking!.done()).toBe(true);
    expect(first.blocking!.answer().stdout).toBe(
      'Domain has shutdown. Continuing.\nDomain creation completed.\nYou can restart your domain by running:\n  virsh --connect qemu:///system start app\n',
    );
  });

  it('answers mistakes in its own words', () => {
    const { run } = lab();
    run('virt-install --name taken --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    expect(run('virt-install --name taken --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole').stderr).toBe(
      "ERROR    Guest name 'taken' is already in use.\n",
    );
    expect(run('virt-install --name x --memory 512 --disk size=1 --import').stderr).toContain('ERROR    --os-variant/--osinfo OS name is required');
    expect(run('virt-install --name x --memory lots --disk size=1 --import --os-variant generic').exitCode).toBe(2);
  });
});

describe('virt-clone', () => {
  it('needs --auto-clone or --file, and a shut off original (a paused one is refused)', () => {
    const { run } = lab();
    run('virt-install --name web --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    expect(run('virt-clone --original web --name web2').stderr).toBe(
      "ERROR    Either --auto-clone or --file is required, use '--auto-clone or --file' and try again.\n",
    );
    run('virsh suspend web');
    expect(run('virt-clone --original web --auto-clone').stderr).toBe('ERROR    Domain to clone must be shutoff.\n');
    expect(run('virt-clone --original ghost --auto-clone').stderr).toBe("ERROR    Domain 'ghost' was not found.\n");
  });

  it('returns once the disk is copied: the meter, a blank line, "Clone created successfully"; --auto-clone names NAME-clone, then NAME-clone1', () => {
    const { sim, run } = lab();
    run('virt-install --name web --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    run('virsh destroy web');
    const t = sim.now;
    const r = run('virt-clone --original web --auto-clone');
    const s = Math.floor((sim.now - t) / 1000);
    expect(sim.now - t).toBeGreaterThan(1000);
    expect(r.stdout).toBe(
      `${"Allocating 'web-clone.qcow2'".padEnd(59)} | 5.0 GB  00:${String(s).padStart(2, '0')}     \n\nClone 'web-clone' created successfully.\n`,
    );
    expect(sim.workload('web-clone')!.state).toBe('stopped');
    expect(run('virt-clone --original web --auto-clone').stdout).toContain("Clone 'web-clone1' created successfully.");
    expect(run('virt-clone --original web --name web-clone --file /var/lib/libvirt/images/x.qcow2').stderr).toBe(
      "ERROR    Invalid name for new guest: Guest name 'web-clone' is already in use.\n",
    );
  });
});
