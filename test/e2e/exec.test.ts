// The real binary, as a script or CI would run it: no TTY, CI=true.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { saveEstate } from '../../src/estate/store.js';

const BIN = join(import.meta.dirname, '../../dist/cli.js');
const run = (args: string[], input?: string) =>
  execa(process.execPath, [BIN, ...args], {
    reject: false,
    stripFinalNewline: false,
    env: { CI: 'true' },
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
  });

describe('hyperpane exec', () => {
  it('answers native commands against the built-in estate', async () => {
    const r = await run(['exec', 'virsh list --all', 'docker ps', 'az vm list -o table']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/ Id +Name +State\n-+\n/);
    expect(r.stdout).toMatch(/CONTAINER ID +IMAGE/);
    expect(r.stdout).toMatch(/shop-web-1 +shop-rg +westeurope/);
    expect(r.stderr).toBe('');
  });

  it('reads lines from standard input with -, and moves the clock with sleep', async () => {
    // --no-wait: az vm create returns at once (sdk_no_wait), so the VM is still being created on the next line.
    const r = await run(
      ['exec', '--echo', '-'],
      'az vm create -g shop-rg -n extra --image Ubuntu2404 --size Standard_B1s --no-wait\naz vm list -d -o table\nsleep 3m\naz vm list -d -o table\n',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\$ az vm list -d -o table\n[^$]*extra +shop-rg +VM creating/);
    expect(r.stdout).toMatch(/\$ sleep 3m\n\$ az vm list -d -o table\n[^$]*extra +shop-rg +VM running/);
  });

  it('with --verbose, says why each host refused a line no host could take', async () => {
    const r = await run([
      'exec',
      '--verbose',
      'virt-install --name big --memory 2048 --vcpus 2 --disk size=99999 --os-variant debian12 --import --noautoconsole',
      'virsh list',
    ]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /\nhyperpane: No host can take big \(2 vCPU, 2 GiB memory, 97\.7 TiB disk\): 0\/12 hosts are available: .*\n {2}esx-01: Incompatible hypervisor: esx-01 runs ESXi, the workload needs KVM\n/,
    );
    expect(r.stderr.match(/^ {2}kvm-0\d: Insufficient disk/gm)).toHaveLength(3);
    const quiet = await run(['exec', 'virt-install --name big --memory 2048 --vcpus 2 --disk size=99999 --os-variant debian12 --import --noautoconsole']);
    expect(quiet.stderr).not.toMatch(/esx-01/);
  });

  it('gives standard input to a line that reads a file from - (kubectl apply -f -)', async () => {
    const manifest = readFileSync(join(import.meta.dirname, '../../demo/web-app.yaml'), 'utf8');
    const r = await run(['exec', 'kubectl apply -f -', 'sleep 30', 'kubectl get deploy web-app'], manifest);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^deployment\.apps\/web-app created\nservice\/web-app-service created\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb-app +3\/3 +3 +3 +30s\n$/,
    );
  });

  it('keeps going after a failing line and exits with its code', async () => {
    const r = await run(['exec', 'virsh start nope', 'virsh list']);
    expect(r.exitCode).toBe(1);
    // virsh's error, then the blank line vshCommandRun prints after every command it ran (tools/vsh.c).
    expect(r.stderr).toBe("error: failed to get domain 'nope'\n\n");
    expect(r.stdout).toMatch(/ Id +Name +State/);
    const unknown = await run(['exec', 'helm list']);
    expect(unknown.exitCode).toBe(127);
    expect(unknown.stderr).toMatch(/^hyperpane: helm: command not found\nhint: this estate answers /);
  });

  it('works on an estate file and saves it back when a line changed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-e2e-'));
    const file = join(dir, 'lab.json');
    expect((await run(['new', file])).stdout).toBe(`wrote the default estate to ${file}\n`);
    const before = readFileSync(file, 'utf8');
    expect((await run(['exec', '--estate', file, 'virsh list'])).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await run(['exec', '--estate', file, 'virsh destroy dev-01'])).exitCode).toBe(0);
    const after = await run(['exec', '--estate', file, 'virsh list --all']);
    expect(after.stdout).toMatch(/ - +dev-01 +shut off/);
    expect((await run(['new', file])).stderr).toContain('exists; add --force to replace it');
    // The huge estate is refused at once, before a minute of building, with where it can be had.
    const huge = await run(['new', '--preset', 'huge', join(dir, 'huge.json')]);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toMatch(
      /^hyperpane new: the huge estate cannot be written to a file: a million workloads is more than an estate file holds \(500,000\); open it with --preset huge\n/,
    );
  });

  it('says what is wrong with its own flags, with exit code 2 and no stack trace', async () => {
    const r = await run(['exec', 'virsh', 'list', '--all']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^hyperpane exec: Unknown option '--all'.*quote each line/);
    const missing = await run(['exec', '--estate', '/nonexistent/x.json', 'virsh list']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('hyperpane exec: cannot read /nonexistent/x.json: no such file or directory\n');
    const none = await run(['exec']);
    expect(none.exitCode).toBe(2);
    for (const x of [r, missing, none]) expect(x.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('hyperpane', () => {
  const config = mkdtempSync(join(tmpdir(), 'hyperpane-config-'));
  const main = (args: string[]) =>
    execa(process.execPath, [BIN, ...args], { reject: false, stripFinalNewline: false, env: { CI: 'true', HYPERPANE_CONFIG_DIR: config }, stdin: 'ignore' });

  it('prints a summary with --summary and rejects unknown flags', async () => {
    const r = await main(['--summary', '--minutes', '1']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^hyperpane demo estate - sim time 01:01:00 - seed 1\n/);
    const bad = await main(['--bogus']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('hyperpane: unknown option --bogus\nRun hyperpane --help for usage.\n');
    // A flag's message quotes what was typed, not what the parser made of it.
    const seed = await main(['--seed', 'abc', '--summary']);
    expect([seed.exitCode, seed.stderr.split('\n')[0]]).toEqual([2, 'hyperpane: --seed must be a whole number from 0 to 4294967295, got abc']);
    const minutes = await main(['--minutes', '5']);
    expect([minutes.exitCode, minutes.stderr.split('\n')[0]]).toEqual([2, 'hyperpane: --minutes goes with --summary (hyperpane --summary --minutes 30)']);
  });

  it('says what to do instead when there is no terminal', async () => {
    const r = await main([]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^hyperpane: the console needs a terminal/);
    expect(r.stderr).toContain('hyperpane --summary');
  });

  it('prints where its settings live, and refuses bad speeds, presets and themes clearly', async () => {
    const path = await main(['--print-config-path']);
    expect(path.exitCode).toBe(0);
    expect(path.stdout).toBe(`${join(config, 'config.json')}\n`);
    const speed = await main(['--speed', '7']);
    expect(speed.exitCode).toBe(2);
    expect(speed.stderr).toContain('--speed must be one of 0, 1, 10, 60, 600, got 7');
    const preset = await main(['--preset', 'giant', '--summary']);
    expect(preset.exitCode).toBe(1);
    expect(preset.stderr).toBe('hyperpane: no preset named giant (presets: default, small-office, enterprise, hybrid, scale, huge)\n');
    for (const x of [speed, preset]) expect(x.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('every change exec makes is saved (test/providers/changes-saved.test.ts runs each command in process)', () => {
  it('through the real binary: az vm create, then the VM is there on the next call', async () => {
    const lab = join(mkdtempSync(join(tmpdir(), 'hp-saved-')), 'real.json');
    saveEstate(buildDefaultEstate(1), lab);
    const created = await run(['exec', '--estate', lab, 'az vm create -g shop-rg -n c1 --image Ubuntu2204']);
    expect(created.exitCode).toBe(0);
    const listed = await run(['exec', '--estate', lab, 'az vm list -o table']);
    expect(listed.stdout).toMatch(/^c1 +shop-rg +westeurope/m);
  });
});
