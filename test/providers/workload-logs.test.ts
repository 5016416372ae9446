// Workloads' logs (providers/workload-logs.ts) and the commands that read them,
// checked against the tools' own words: virsh console's banner and errors
// (libvirt tools/virsh-domain.c cmdRunConsole, tools/virsh-util.c), docker logs'
// flags, -t stamps and errors (docker/cli cli/command/container/logs.go, moby
// write_log_stream.go RFC3339NanoFixed, cli/required.go), az vm boot-diagnostics
// get-boot-log's JSON string of the serial log (azure-cli vm/custom.py
// get_boot_log; issues #29374, #29890), and the guest's own lines (kernel
// printk's "[%5lu.%06lu]", kernel/reboot.c "reboot: Power down", systemd's
// "[  OK  ] Started %s.", getty's issue and "login: " prompt).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { runsOf } from '../../src/observe/workload-runs.js';
import { consoleLog } from '../../src/providers/workload-logs.js';
import { defaultEstate } from '../default-estate.js';

const MIN = 60_000;

describe('a VM’s serial console', () => {
  it('boots, shows its login prompt when it comes up, and writes its shutdown, each line when it happened', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'virsh shutdown dev-01').exitCode).toBe(0);
    e.sim.advance(2 * MIN);
    expect(runLine(e, 'virsh start dev-01').exitCode).toBe(0);
    e.sim.advance(3 * MIN);
    const runs = runsOf(e.sim, 'dev-01');
    expect(runs).toHaveLength(2);
    const [first, second] = runs;
    expect(first).toMatchObject({ end: 'stopped' });
    expect(second.upAt).toBeGreaterThan(second.bootAt);
    const log = consoleLog(e.sim, 'dev-01')!;
    const at = (text: string) => log.filter((l) => l.text === text).map((l) => l.at);
    // The power-off line's printk time is the seconds since that run booted.
    const down = log.find((l) => l.text.endsWith('reboot: Power down'))!;
    expect(down.at).toBe(first.endAt);
    expect(down.text).toBe(`[${((first.endAt! - first.bootAt) / 1000).toFixed(6).padStart(12)}] reboot: Power down`);
    expect(at('[  OK  ] Stopped OpenSSH server daemon.')).toHaveLength(1);
    // The second boot: the kernel's lines from its start, the login prompt when it came up.
    expect(log.find((l) => l.at === second.bootAt && l.text.startsWith('[    0.000000] Command line: BOOT_IMAGE='))).toBeDefined();
    expect(at('dev-01 login: ')).toEqual([first.upAt, second.upAt]);
    expect(log.map((l) => l.at)).toEqual([...log.map((l) => l.at)].sort((a, b) => a - b));
  });

  it('virsh console prints libvirt’s banner then the screen; a stopped or unknown domain is refused in virsh’s words', () => {
    const e = defaultEstate(1);
    const r = runLine(e, 'virsh console dev-01');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(["Connected to domain 'dev-01'", 'Escape character is ^] (Ctrl + ])']);
    expect(r.stdout).toMatch(/^Fedora Linux 40 \(Server Edition\)\nKernel \S+ on an x86_64\n\ndev-01 login: \n$/m);
    expect(runLine(e, 'virsh console nope').stderr).toBe("error: failed to get domain 'nope'\n\n");
    runLine(e, 'virsh destroy dev-01');
    expect(runLine(e, 'virsh console dev-01').stderr).toBe('error: The domain is not running\n\n');
  });

  it('a reboot shuts down, writes "reboot: Restarting system" and boots again in the same console', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'virsh reboot dev-01').exitCode).toBe(0);
    e.sim.advance(3 * MIN);
    const runs = runsOf(e.sim, 'dev-01');
    expect(runs.map((r) => r.end)).toEqual(['rebooted', undefined]);
    const log = consoleLog(e.sim, 'dev-01')!;
    const restart = log.find((l) => l.text.endsWith('reboot: Restarting system'))!;
    expect(restart.at).toBe(runs[1].bootAt);
    expect(log.filter((l) => l.text === 'dev-01 login: ')).toHaveLength(2);
  });

  it('a Windows guest has no serial console to read', () => {
    const e = defaultEstate(1);
    expect(consoleLog(e.sim, 'ad-01')).toBeUndefined();
  });

  it('az vm boot-diagnostics get-boot-log prints the serial log as one JSON string, lines ending \\r\\n', () => {
    const e = defaultEstate(1);
    const r = runLine(e, 'az vm boot-diagnostics get-boot-log -g shop-rg -n jumpbox');
    expect(r.exitCode).toBe(0);
    const text = JSON.parse(r.stdout) as string;
    expect(text).toMatch(/^\[ {4}0\.000000\] Command line: /);
    expect(text).toContain('Hypervisor detected: Microsoft Hyper-V\r\n');
    expect(text.endsWith('Ubuntu 24.04.1 LTS jumpbox ttyS0\r\n\r\njumpbox login: \r\n')).toBe(true);
    expect(runLine(e, 'az vm boot-diagnostics get-boot-log -g shop-rg -n nope').stderr).toMatch(/ResourceNotFound|not found/);
  });
});

describe('docker logs', () => {
  it('prints what the container wrote, each stream to its own; --tail, -t and --since as docker takes them', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'docker run -d --name web nginx:1.21').exitCode).toBe(0);
    e.sim.advance(10_000);
    const all = runLine(e, 'docker logs web');
    expect(all.stdout.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(all.stderr).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: using the "epoll" event method$/m);
    const last = runLine(e, 'docker logs -t --tail 1 web');
    expect(last.stdout + last.stderr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
    expect((last.stdout + last.stderr).trim().split('\n')).toHaveLength(1);
    expect(runLine(e, 'docker logs --since 1s web').stdout).toBe('');
    expect(runLine(e, 'docker logs --since 1m web').stdout).toBe(all.stdout);
    expect(runLine(e, 'docker logs --tail all web').stdout).toBe(all.stdout);
    expect(runLine(e, 'docker logs --since soon web').stderr).toBe('invalid value for "since": failed to parse value as time or duration: "soon"\n');
    expect(runLine(e, 'docker logs nope').stderr).toBe('Error response from daemon: No such container: nope\n');
    expect(runLine(e, 'docker logs').stderr).toMatch(/^docker: 'docker logs' requires 1 argument\n\nUsage: {2}docker logs \[OPTIONS\] CONTAINER/);
    expect(runLine(e, 'docker logs -f web').stderr).toMatch(/^hyperpane: docker logs -f streams the log/);
  });

  it('prints redis 7.2’s start-up as a captured redis:7.2.3 log reads, pid 1, role C then M, and again on each start', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'docker run -d --name cache redis:7.2').exitCode).toBe(0);
    e.sim.advance(10_000);
    const lines = runLine(e, 'docker logs cache').stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^1:C \d\d Jan 2026 \d\d:\d\d:\d\d\.\d{3} # WARNING Memory overcommit must be enabled!/);
    expect(lines.slice(1).map((l) => l.replace(/^(1:[CM]) \d\d \w{3} \d{4} [\d:.]+ /, '$1 '))).toEqual([
      '1:C * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:C * Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started',
      '1:C # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      '1:M * monotonic clock: POSIX clock_gettime',
      '1:M * Running mode=standalone, port=6379.',
      '1:M * Server initialized',
      '1:M * Ready to accept connections tcp',
    ]);
    runLine(e, 'docker restart cache');
    e.sim.advance(10_000);
    const again = runLine(e, 'docker logs cache').stdout.trimEnd().split('\n');
    expect(again.filter((l) => l.endsWith('Ready to accept connections tcp'))).toHaveLength(2);
    // docker stop's SIGTERM: the handler's raw line with the Unix time, the final save, the farewell (server.c, rdb.c);
    // the restart then loads what it saved (rdb.c rdbLoad, server.c loadDataFromDisk), its age the seconds between.
    const stop = again.findIndex((l) => l.includes('Received SIGTERM'));
    expect(again[stop]).toMatch(/^1:signal-handler \(17672\d{5}\) Received SIGTERM scheduling shutdown\.\.\.$/);
    const words = (from: number, n: number) => again.slice(from, from + n).map((l) => l.replace(/^1:M \d\d \w{3} \d{4} [\d:.]+ /, ''));
    expect(words(stop + 1, 4)).toEqual([
      '* User requested shutdown...',
      '* Saving the final RDB snapshot before exiting.',
      '* DB saved on disk',
      '# Redis is now ready to exit, bye bye...',
    ]);
    const init = again.lastIndexOf(again.find((l, i) => i > stop && l.endsWith('Server initialized'))!);
    expect(words(init + 1, 6)).toEqual([
      '* Loading RDB produced by version 7.2.5',
      expect.stringMatching(/^\* RDB age \d+ seconds$/),
      '* RDB memory usage when created 0.90 Mb',
      '* Done loading RDB, keys loaded: 0, keys expired: 0.',
      '* DB loaded from disk: 0.000 seconds',
      '* Ready to accept connections tcp',
    ]);
  });

  it('prints nginx’s graceful stop on docker stop’s SIGQUIT: the master’s signal, each worker’s exit, then its own', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker run -d --name web nginx:1.27');
    e.sim.advance(10_000);
    runLine(e, 'docker stop web');
    e.sim.advance(20_000);
    const err = runLine(e, 'docker logs web')
      .stderr.trimEnd()
      .split('\n')
      .map((l) => l.replace(/^\d{4}\/\d\d\/\d\d [\d:]+ \[notice\] /, ''));
    const from = err.indexOf('1#1: signal 3 (SIGQUIT) received, shutting down');
    expect(from).toBeGreaterThan(0);
    const workers = err.filter((l) => l.startsWith('1#1: start worker process ')).map((l) => Number(l.split(' ').at(-1)));
    expect(workers[0]).toBe(29);
    expect(err.slice(from + 1)).toEqual([
      ...workers.map((w) => `${w}#${w}: gracefully shutting down`),
      ...workers.map((w) => `${w}#${w}: exiting`),
      ...workers.map((w) => `${w}#${w}: exit`),
      // One SIGCHLD reaps the workers already gone; the master's channel (SIGIO) wakes it before the last.
      ...(workers.length > 1
        ? [
            `1#1: signal 17 (SIGCHLD) received from ${workers.at(-2)}`,
            ...workers.slice(0, -1).map((w) => `1#1: worker process ${w} exited with code 0`),
            '1#1: signal 29 (SIGIO) received',
          ]
        : []),
      `1#1: signal 17 (SIGCHLD) received from ${workers.at(-1)}`,
      `1#1: worker process ${workers.at(-1)} exited with code 0`,
      '1#1: exit',
    ]);
    expect(workers.length).toBeGreaterThan(1);
  });

  it('prints postgres:16’s first start (initdb, a server on the socket alone, stopped, then the real one) and a restart’s skip, streams apart', () => {
    // Sources: a captured postgres:16.4 first start; Docker's guide "Pre-seeding" for a later start; the image's
    // docker-entrypoint.sh; 16.11-1.pgdg13+1 on trixie (docker-library/postgres 16/trixie/Dockerfile at 59063d8).
    const e = defaultEstate(1);
    expect(runLine(e, 'docker run -d --name db postgres:16').exitCode).toBe(0);
    e.sim.advance(10_000);
    const first = runLine(e, 'docker logs db');
    const out = first.stdout.split('\n');
    expect(out[0]).toBe('The files belonging to this database system will be owned by user "postgres".');
    expect(out).toContain('PostgreSQL init process complete; ready for start up.');
    const err = first.stderr.trimEnd().split('\n');
    expect(err[0]).toBe('initdb: warning: enabling "trust" authentication for local connections');
    const prefix = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \[(\d+)\] LOG: {2}/;
    expect(err.slice(2).every((l) => prefix.test(l))).toBe(true);
    expect(err[2].replace(prefix, '[$1] ')).toBe(
      '[48] starting PostgreSQL 16.11 (Debian 16.11-1.pgdg13+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit',
    );
    expect(err.at(-1)!.replace(prefix, '[$1] ')).toBe('[1] database system is ready to accept connections');
    runLine(e, 'docker restart db');
    e.sim.advance(10_000);
    const again = runLine(e, 'docker logs db');
    expect(again.stdout.match(/Skipping initialization/g)).toHaveLength(1);
    const shutDown = again.stderr.trimEnd().split('\n').at(-2)!;
    expect(shutDown).toMatch(/ \[29\] LOG: {2}database system was shut down at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  });

  it('after a kill, redis has no snapshot to load and postgres says it was not shut down properly (xlogrecovery.c, xlog.c)', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker run -d --name cache redis:7');
    runLine(e, 'docker run -d --name db postgres:16');
    e.sim.advance(10_000);
    for (const n of ['cache', 'db']) expect(runLine(e, `docker kill ${n}`).exitCode).toBe(0);
    e.sim.advance(5_000);
    for (const n of ['cache', 'db']) expect(runLine(e, `docker start ${n}`).exitCode).toBe(0);
    e.sim.advance(10_000);
    const cache = runLine(e, 'docker logs cache').stdout;
    expect(cache).not.toMatch(/Received SIGTERM|Loading RDB/);
    expect(cache.match(/Ready to accept connections tcp/g)).toHaveLength(2);
    const db = runLine(e, 'docker logs db').stderr.trimEnd().split('\n');
    const words = db.slice(-3).map((l) => l.replace(/^[\d-]+ [\d:.]+ UTC /, ''));
    expect(words[0]).toMatch(/^\[29\] LOG: {2}database system was interrupted; last known up at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(words.slice(1)).toEqual([
      '[29] LOG:  database system was not properly shut down; automatic recovery in progress',
      '[1] LOG:  database system is ready to accept connections',
    ]);
  });

  it('redis:7 is 7.4.7, whose start-up reads as 7.2’s', () => {
    const e = defaultEstate(1);
    const log = runLine(e, 'docker logs redis').stdout;
    expect(log).toMatch(/^1:C \d\d Jan 2026 [\d:.]+ \* Redis version=7\.4\.7, bits=64, commit=00000000, modified=0, pid=1, just started$/m);
    expect(log).toMatch(/\* Ready to accept connections tcp\n$/);
  });

  it('a container made again under a deleted one’s name starts a log of its own', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker run -d --name cache redis:7.2');
    e.sim.advance(10_000);
    runLine(e, 'docker rm -f cache');
    runLine(e, 'docker run -d --name cache redis:7.2');
    e.sim.advance(10_000);
    expect(runLine(e, 'docker logs cache').stdout.match(/Redis is starting/g)).toHaveLength(1);
  });

  it('is the same, byte for byte, on every run', () => {
    const run = () => {
      const e = defaultEstate(1);
      runLine(e, 'docker run -d --name web nginx:1.21');
      e.sim.advance(30_000);
      runLine(e, 'docker restart web');
      e.sim.advance(30_000);
      const r = runLine(e, 'docker logs -t web');
      return r.stdout + r.stderr;
    };
    const first = run();
    expect(first.length).toBeGreaterThan(0);
    expect(run()).toBe(first);
  });
});
