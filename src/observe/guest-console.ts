// What a Linux guest writes to its serial console (ttyS0) in a run: the kernel's
// first lines as it boots, systemd's status lines as its services come up, the
// login prompt, and its shutdown. Only lines whose words are the programs' own:
//  - the kernel's printk time "[%5lu.%06lu]" (kernel/printk/printk.c print_time);
//    "Command line: %s" (arch/x86/kernel/setup.c); "Hypervisor detected: %s"
//    with the hypervisors' names "VMware", "Microsoft Hyper-V", "KVM"
//    (arch/x86/kernel/cpu/hypervisor.c and each x86_hyper_* .name); "smpboot:
//    Allowing %d CPUs, %d hotplug CPUs" (arch/x86/kernel/smpboot.c); "Run %s as
//    init process" (init/main.c); "reboot: Power down" and "reboot: Restarting
//    system" (kernel/reboot.c, pr_fmt "reboot: ");
//  - systemd's status lines, "[  OK  ] " then "Started %s.", "Finished %s.",
//    "Reached target %s.", "Stopped %s.", "Stopped target %s.", and nine spaces
//    then "Starting %s..." / "Stopping %s..." (src/core/job.c, target.c,
//    show-status.c), with each unit's Description;
//  - getty's /etc/issue ("Ubuntu 22.04.2 LTS ubuntu ttyS0", a blank line, then
//    "ubuntu login: ", as a captured Ubuntu serial log shows: metalkast
//    cmd/kast/bootstrap/node_test.go); Red Hat's and Fedora's issue is "\S" then
//    "Kernel \r on an \m".
// A Windows guest writes its boot to the screen, not a serial port: it has none.

import type { Run } from './workload-runs.js';

export interface ConsoleGuest {
  readonly hostname: string;
  /** The distribution's PRETTY_NAME (/etc/os-release). */
  readonly pretty: string;
  /** The kernel release (uname -r). */
  readonly kernel: string;
  /** The kernel command line of its cloud image. */
  readonly cmdline: string;
  /** /etc/issue as getty prints it on ttyS0. */
  readonly issue: readonly string[];
  /** sshd's unit Description. */
  readonly sshd: string;
  readonly cpus: number;
  readonly hypervisor?: string;
}

interface Distro {
  readonly pretty: string;
  readonly kernel: string;
  readonly cmdline: (kernel: string) => string;
  readonly redHat: boolean;
}

// Cloud images' kernels and command lines: Ubuntu's root=LABEL=cloudimg-rootfs with console=tty1 console=ttyS0 is a
// captured cloud image's; the kernel releases are each distribution's in late 2024, and Debian's, RHEL's and Fedora's
// command lines their installers' usual ones: neither checked against a captured log of that release.
const ubuntu = (pretty: string, kernel: string): Distro => ({
  pretty,
  kernel,
  cmdline: (k) => `BOOT_IMAGE=/boot/vmlinuz-${k} root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0`,
  redHat: false,
});

/** The guests by the image names the platforms give them (vSphere guest ids, libosinfo ids, marketplace offers). */
const DISTROS: readonly [RegExp, Distro][] = [
  [/ubuntu.?24|ubuntu-24_04/i, ubuntu('Ubuntu 24.04.1 LTS', '6.8.0-51-generic')],
  [/ubuntu.?22|ubuntu-22_04|ubuntu64Guest|^ubuntu/i, ubuntu('Ubuntu 22.04.5 LTS', '5.15.0-127-generic')],
  [
    /debian/i,
    {
      pretty: 'Debian GNU/Linux 12',
      kernel: '6.1.0-28-amd64',
      cmdline: (k) => `BOOT_IMAGE=/boot/vmlinuz-${k} root=LABEL=debian ro console=tty0 console=ttyS0`,
      redHat: false,
    },
  ],
  [
    /rhel|red ?hat/i,
    {
      pretty: 'Red Hat Enterprise Linux 9.5 (Plow)',
      kernel: '5.14.0-503.11.1.el9_5.x86_64',
      cmdline: (k) => `BOOT_IMAGE=(hd0,gpt3)/vmlinuz-${k} root=/dev/mapper/rhel-root ro console=ttyS0`,
      redHat: true,
    },
  ],
  [
    /fedora/i,
    {
      pretty: 'Fedora Linux 40 (Server Edition)',
      kernel: '6.8.5-301.fc40.x86_64',
      cmdline: (k) => `BOOT_IMAGE=(hd0,gpt2)/vmlinuz-${k} root=/dev/mapper/fedora-root ro console=ttyS0`,
      redHat: true,
    },
  ],
];

/** The guest an image runs, or undefined for a Windows guest (or an image of no known Linux). */
export function guestOf(image: string, hostname: string, cpus: number, hypervisor?: string): ConsoleGuest | undefined {
  if (/windows/i.test(image)) return undefined;
  const d = DISTROS.find(([re]) => re.test(image))?.[1];
  if (!d) return undefined;
  const issue = d.redHat ? [d.pretty, `Kernel ${d.kernel} on an x86_64`] : [`${d.pretty} ${hostname} ttyS0`];
  return {
    hostname,
    pretty: d.pretty,
    kernel: d.kernel,
    cmdline: d.cmdline(d.kernel),
    issue,
    sshd: d.redHat ? 'OpenSSH server daemon' : 'OpenBSD Secure Shell server',
    cpus: Math.max(1, Math.round(cpus)),
    ...(hypervisor ? { hypervisor } : {}),
  };
}

export interface ConsoleLine {
  readonly at: number;
  readonly text: string;
}

/** "[    1.234567] ", the kernel's time since boot. */
function printkTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const micro = Math.round((seconds - whole) * 1e6);
  return `[${String(whole).padStart(5)}.${String(micro).padStart(6, '0')}] `;
}

const ok = (text: string) => `[  OK  ] ${text}`;
const doing = (text: string) => `         ${text}`;

/** Each line of a run's console, at the time it was written. */
export function consoleLines(g: ConsoleGuest, run: Run): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  const up = run.upAt ?? run.endAt ?? run.bootAt;
  const boot = Math.max(0, up - run.bootAt);
  // The kernel's part takes the first tenth of the boot (at most 3 s: a cloud image's kernel hands over to init in
  // about that); systemd's the rest, up to the login prompt. A spread for reading, not a measured one.
  const kernelEnd = Math.min(boot * 0.1, 3000);
  const kernel = (fraction: number, text: string) => {
    const ms = kernelEnd * fraction;
    out.push({ at: run.bootAt + ms, text: `${printkTime(ms / 1000)}${text}` });
  };
  kernel(0, `Command line: ${g.cmdline}`);
  if (g.hypervisor) kernel(0, `Hypervisor detected: ${g.hypervisor}`);
  kernel(0.05, `smpboot: Allowing ${g.cpus} CPUs, 0 hotplug CPUs`);
  kernel(1, 'Run /init as init process');
  if (run.upAt === undefined && run.endAt !== undefined && run.end === 'failed') return out;
  const services: string[] = [
    ok('Started Journal Service.'),
    ok('Reached target Local File Systems.'),
    ok('Reached target Network.'),
    doing(`Starting ${g.sshd}...`),
    ok(`Started ${g.sshd}.`),
    ok('Finished Permit User Sessions.'),
    ok('Reached target Multi-User System.'),
  ];
  const span = up - (run.bootAt + kernelEnd);
  for (const [i, text] of services.entries()) out.push({ at: run.bootAt + kernelEnd + (span * (i + 1)) / (services.length + 1), text });
  if (run.upAt !== undefined) {
    out.push({ at: run.upAt, text: '' });
    for (const l of g.issue) out.push({ at: run.upAt, text: l });
    out.push({ at: run.upAt, text: '' });
    out.push({ at: run.upAt, text: `${g.hostname} login: ` });
  }
  // A clean shutdown (stopping, then stopped or deallocated) writes its own lines; a power cut (failed) writes none.
  if (run.stoppingAt !== undefined && run.endAt !== undefined && run.end !== 'failed') {
    const from = run.stoppingAt;
    const to = run.endAt;
    const step = (to - from) / 6;
    out.push({ at: from, text: doing(`Stopping ${g.sshd}...`) });
    out.push({ at: from + step, text: ok(`Stopped ${g.sshd}.`) });
    out.push({ at: from + 2 * step, text: ok('Stopped target Multi-User System.') });
    out.push({ at: from + 3 * step, text: ok('Stopped target Network.') });
    out.push({ at: from + 4 * step, text: ok('Reached target System Shutdown.') });
    out.push({ at: to, text: `${printkTime((to - run.bootAt) / 1000)}reboot: ${run.end === 'rebooted' ? 'Restarting system' : 'Power down'}` });
  }
  return out;
}
