// The docker vocabulary in docker's own words, each expectation taken from the
// real tool's source or test data, named next to it (the formatting underneath
// is checked in docker-format.test.ts):
//   docker/cli cmd/docker/docker.go, cli/cobra.go, cli/required.go, cli/command/container/run.go (+ run_test.go)
//   docker/cli cli/command/formatter/{formatter,container,image}.go (+ container_test.go),
//     cli/command/container/formatter_stats.go (+ formatter_stats_test.go), cli/command/image/tree.go (+ testdata),
//     cli/command/context/testdata/list.golden, cli/command/image/pull.go
//   moby daemon/container/state.go State.String(), daemon/stop.go, daemon/kill.go, daemon/delete.go, daemon/pause.go
import { describe, expect, it } from 'vitest';
import { returned } from '../../src/providers/blocking.js';
import { imageTree } from '../../src/providers/docker/cli-images.js';
import { withHelp } from '../../src/providers/docker/cli-usage.js';
import { dockerHosts } from './docker-hosts.js';

const hosts = dockerHosts;

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

describe('the image tree (docker/cli cli/command/image/tree.go)', () => {
  it('the image tree, collapsed, no terminal (image/testdata/tree-command-success.width-calculation-untagged.golden)', () => {
    const rows = [
      { name: 'a:1', id: '111111111111', diskUsage: '5.5 MB', contentSize: '2.5 MB', inUse: false },
      { name: '<untagged>', id: '222222222222', diskUsage: '3.2 MB', contentSize: '1.6 MB', inUse: false },
      { name: 'short:v1', id: '333333333333', diskUsage: '7.1 MB', contentSize: '3.5 MB', inUse: true },
    ];
    expect(imageTree(rows)).toBe(
      'IMAGE        ID             DISK USAGE   CONTENT SIZE   EXTRA\n' +
        'a:1          111111111111       5.5 MB         2.5 MB        \n' +
        '<untagged>   222222222222       3.2 MB         1.6 MB        \n' +
        'short:v1     333333333333       7.1 MB         3.5 MB   U    \n',
    );
    // image/testdata/list-command-success.simple.golden: no images, the header alone.
    expect(imageTree([])).toBe('IMAGE   ID             DISK USAGE   CONTENT SIZE   EXTRA\n');
  });
});

describe('usage errors (docker/cli cmd/docker/docker.go, cli/cobra.go, cli/required.go)', () => {
  it('an unknown command, on stderr, exit 1', () => {
    const { run } = hosts();
    expect(run('docker psx')).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: "docker: unknown command: docker psx\n\nRun 'docker --help' for more information\n",
    });
  });

  it('flag errors: pflag words, the usage line, exit 125, no "docker: " prefix (FlagErrorFunc)', () => {
    const { run } = hosts();
    expect(run('docker ps --x')).toMatchObject({
      exitCode: 125,
      stderr: "unknown flag: --x\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    });
    expect(run('docker ps -z').stderr).toBe(
      "unknown shorthand flag: 'z' in -z\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    );
    expect(run('docker run -m').stderr).toBe(
      "flag needs an argument: 'm' in -m\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker run --name').stderr).toBe(
      "flag needs an argument: --name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker stop -t soon web').stderr).toBe(
      'invalid argument "soon" for "-t, --timeout" flag: strconv.ParseInt: parsing "soon": invalid syntax\n\n' +
        'Usage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\n' +
        "Run 'docker stop --help' for more information\n",
    );
    // The root command's own flags.
    expect(run('docker --bogus ps')).toMatchObject({
      exitCode: 125,
      stderr: "unknown flag: --bogus\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n",
    });
  });

  it('argument counts: NoArgs, RequiresMinArgs ("See ..."), RequiresMaxArgs, ExactArgs, exit 1', () => {
    const { run } = hosts();
    expect(run('docker ps web')).toMatchObject({
      exitCode: 1,
      stderr: "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    });
    expect(run('docker stop')).toMatchObject({
      exitCode: 1,
      stderr:
        "docker: 'docker stop' requires at least 1 argument\n\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker stop --help' for more information\n",
    });
    expect(run('docker run').stderr).toBe(
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
    );
    expect(run('docker images a b').stderr).toBe(
      "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n",
    );
    expect(run('docker pull').stderr).toBe(
      "docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n",
    );
    expect(run('docker context show x').stderr).toBe(
      "docker: 'docker context show' accepts no arguments\n\nUsage:  docker context show\n\nRun 'docker context show --help' for more information\n",
    );
    // context use checks its arguments with cobra.ExactArgs, in cobra's words.
    expect(run('docker context use').stderr).toBe('accepts 1 arg(s), received 0\n');
    expect(run('docker context bogus').stderr).toBe(
      "docker: unknown command: docker context bogus\n\nUsage:  docker context\n\nRun 'docker context --help' for more information\n",
    );
  });

  it('docker run and its daemon errors: "docker: " and the help line, exit 125 (run.go withHelp, toStatusError; run_test.go)', () => {
    expect(withHelp('run', 'context canceled')).toMatchObject({
      exitCode: 125,
      stderr: "docker: context canceled\n\nRun 'docker run --help' for more information\n",
    });
    const { run, id } = hosts();
    run('docker run -d --name web nginx');
    expect(run('docker run -d --name web nginx')).toMatchObject({
      exitCode: 125,
      stderr:
        `docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id('web')}". ` +
        'You have to remove (or rename) that container to be able to reuse that name.\n\n' +
        `Run 'docker run --help' for more information\n`,
    });
    // Client-side checks (opts/parse.go ParseRestartPolicy, container/opts.go) and the daemon's (hostconfig.go ValidateRestartPolicy).
    expect(run('docker run --restart on-failure:x nginx').stderr).toBe(
      "docker: invalid restart policy format: maximum retry count must be an integer\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker run --restart always:3 nginx').stderr).toBe(
      "docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker run --rm --restart always nginx').stderr).toBe(
      "docker: conflicting options: cannot specify both --restart and --rm\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker run Nginx').stderr).toBe(
      "docker: invalid reference format: repository name (library/Nginx) must be lowercase\n\nRun 'docker run --help' for more information\n",
    );
  });

  it('--help prints the head of the usage template to stdout; -h says it is deprecated (cli/cobra.go)', () => {
    const { run } = hosts();
    const r = run('docker stop --help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^Usage: {2}docker stop \[OPTIONS\] CONTAINER \[CONTAINER\.\.\.\]\n\nStop one or more running containers\n\nAliases:\n {2}docker container stop, docker stop\n/,
    );
    expect(run('docker ps -h').stderr).toBe('Flag shorthand -h has been deprecated, use --help\n');
  });
});

describe('docker ps and its statuses (moby daemon/container/state.go State.String())', () => {
  it('Created, Up, Up (Paused), Exited with the code and the time since, newest first, CREATED in go-units words', () => {
    const { sim, docker, run, words } = hosts();
    run('docker run -d --name old alpine');
    // A run still pulling or creating shows Created, and no ports: the daemon fills a container's port map as it
    // starts it and drops it when it stops (daemon/container_operations.go, releaseNetwork), exposed ports with it.
    const pending = docker.exec(words('docker run -d --name web nginx'));
    expect(run('docker ps -a').stdout).toMatch(/ Created +web\n/);
    returned(sim, pending);
    sim.advance(5 * SEC);
    expect(run('docker ps').stdout).toMatch(/ Up 5 seconds +80\/tcp +web\n/);
    sim.advance(2 * HOUR);
    run('docker pause web');
    const ps = run('docker ps').stdout.split('\n');
    // Newest first (daemon/list.go byCreatedDescending); CREATED is go-units HumanDuration + " ago".
    expect(ps[1]).toMatch(/^[0-9a-f]{12} +nginx +"\/docker-entrypoint\.…" +2 hours ago +Up 2 hours \(Paused\) +80\/tcp +web$/);
    expect(ps[2]).toMatch(/ "\/bin\/sh" +2 hours ago +Up 2 hours +old$/);
    run('docker unpause web');
    run('docker stop web');
    sim.advance(3 * MIN);
    expect(run('docker ps -a').stdout).toMatch(/ Exited \(0\) 3 minutes ago +web\n/);
    expect(run('docker ps').stdout).not.toContain('web');
  });

  it('-q, -n, -l and --no-trunc', () => {
    const { run, id } = hosts();
    run('docker run -d --name a alpine');
    run('docker run -d --name b alpine sh -c "echo hi"');
    run('docker stop a');
    expect(run('docker ps -q').stdout).toBe(`${id('b').slice(0, 12)}\n`);
    expect(run('docker ps -aq').stdout).toBe(`${id('b').slice(0, 12)}\n${id('a').slice(0, 12)}\n`);
    expect(run('docker ps -l -q --no-trunc').stdout).toBe(`${id('b')}\n`);
    expect(run('docker ps -n 2 -q').stdout.split('\n').length).toBe(3);
    expect(run('docker ps -a --no-trunc').stdout).toContain(`${id('b')}   alpine    "sh -c echo hi"`);
  });

  it('Restarting (code) while a restart policy waits out its back-off; docker stop calls the restart off', () => {
    const { sim, run } = hosts();
    // postgres works in about 256 MiB: a 64 MiB limit cannot hold it, and "always" brings it back each time.
    run('docker run -d --name pg --memory 64m --restart always postgres:16');
    let seen = false;
    for (let t = 0; t < 120 && !seen; t++) {
      sim.advance(250);
      // Between restarts it has exited: no ports (releaseNetwork again).
      seen = /Restarting \(137\) Less than a second ago +pg\n/.test(run('docker ps').stdout);
    }
    expect(seen).toBe(true);
    expect(run('docker stop pg').stdout).toBe('pg\n');
    sim.advance(5 * MIN);
    expect(run('docker ps -a').stdout).toMatch(/ Exited \(137\) 5 minutes ago +pg\n/);
    expect(JSON.parse(run('docker inspect pg').stdout)[0].State).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 137 });
  });
});

describe('commands return when the real one returns (DOCKER_BLOCKS; moby daemon/stop.go, kill.go, delete.go)', () => {
  it('docker stop -t 0 kills at once: Exited (137), and inspect does not call it an OOM kill', () => {
    const { sim, run } = hosts();
    run('docker run -d --name web nginx');
    const t = sim.now;
    expect(run('docker stop -t 0 web')).toMatchObject({ exitCode: 0, stdout: 'web\n' });
    expect(sim.now).toBe(t);
    expect(run('docker ps -a').stdout).toMatch(/ Exited \(137\) Less than a second ago /);
    expect(JSON.parse(run('docker inspect web').stdout)[0].State).toMatchObject({ Status: 'exited', Running: false, OOMKilled: false, ExitCode: 137 });
  });

  it('docker stop -t N waits at most N seconds, then the daemon kills (137); a stop within the time exits 0', () => {
    const { sim, run } = hosts();
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const n of names) run(`docker run -d --name ${n} nginx`);
    const t = sim.now;
    expect(run(`docker stop -t 2 ${names.join(' ')}`).stdout).toBe(names.map((n) => `${n}\n`).join(''));
    expect(sim.now - t).toBeLessThanOrEqual(2 * SEC);
    const codes = names.map((n) => JSON.parse(run(`docker inspect ${n}`).stdout)[0].State as { ExitCode: number; FinishedAt: string });
    for (const s of codes) {
      const took = Date.parse(s.FinishedAt) - Date.parse('2026-01-01T00:00:00Z') - t;
      // Killed exactly at the deadline, or stopped on its own before it.
      expect(s.ExitCode === 137 ? took === 2 * SEC : s.ExitCode === 0 && took < 2 * SEC).toBe(true);
    }
    expect(codes.some((s) => s.ExitCode === 137)).toBe(true);
    expect(codes.some((s) => s.ExitCode === 0)).toBe(true);
  });

  it('the default --timeout is 10 s: a stop never takes longer; --time is deprecated; both at once conflict', () => {
    const { sim, run } = hosts();
    run('docker run -d --name web nginx');
    const t = sim.now;
    run('docker stop web');
    expect(sim.now - t).toBeLessThanOrEqual(10 * SEC);
    run('docker start web');
    expect(run('docker stop --time 5 web')).toMatchObject({ stdout: 'web\n', stderr: 'Flag --time has been deprecated, use --timeout instead\n' });
    expect(run('docker stop --time 5 -t 5 web')).toMatchObject({
      exitCode: 1,
      stderr: 'Flag --time has been deprecated, use --timeout instead\nconflicting options: cannot specify both --timeout and --time\n',
    });
  });

  it('docker restart -t 0 kills and starts again; restart returns once it runs', () => {
    const { run } = hosts();
    run('docker run -d --name web nginx');
    expect(run('docker restart -t 0 web').stdout).toBe('web\n');
    expect(run('docker ps').stdout).toMatch(/ Up Less than a second +80\/tcp +web\n/);
  });

  it('docker kill and docker rm -f return at once', () => {
    const { sim, run, id } = hosts();
    run('docker run -d --name web nginx');
    run('docker run -d --name api nginx');
    const t = sim.now;
    expect(run('docker kill web')).toMatchObject({ exitCode: 0, stdout: 'web\n' });
    expect(run('docker rm -f api')).toMatchObject({ exitCode: 0, stdout: 'api\n' });
    expect(sim.now).toBe(t);
    expect(run('docker ps -a').stdout).toMatch(/ Exited \(137\) Less than a second ago +web\n$/);
    // kill.go: a container that is not running is an error, by its full ID.
    expect(run('docker kill web')).toMatchObject({ exitCode: 1, stderr: `Error response from daemon: container ${id('web')} is not running\n` });
  });

  it('docker run -d answers with the error when the container was removed before it ran', () => {
    const { sim, docker, words, id } = hosts();
    const pending = docker.exec(words('docker run -d --name web nginx'));
    expect(sim.act('docker-01/web', 'delete').ok).toBe(true);
    expect(returned(sim, pending)).toMatchObject({
      exitCode: 125,
      stdout: `${id('web')}\n`,
      stderr: expect.stringMatching(
        new RegExp(`docker: Error response from daemon: No such container: ${id('web')}\n\nRun 'docker run --help' for more information\n$`),
      ),
    });
  });

  it('docker start answers with the error when the Docker host went down before the container ran', () => {
    const { sim, docker, run, words } = hosts();
    run('docker run -d --name web nginx');
    run('docker stop web');
    const pending = docker.exec(words('docker start web'));
    sim.setHostState('docker-01', 'failed');
    expect(returned(sim, pending)).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'Cannot connect to the Docker daemon at tcp://docker-01:2376. Is the docker daemon running?\nfailed to start containers: web\n',
    });
    expect(run('docker ps')).toMatchObject({
      exitCode: 1,
      stderr: 'Cannot connect to the Docker daemon at tcp://docker-01:2376. Is the docker daemon running?\n',
    });
  });

  it('docker run without -d prints no ID (it would stream the container output) and says where it differs', () => {
    const { run } = hosts();
    const r = run('docker run --name web nginx');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\(hyperpane: without -d, docker run stays attached to web's output until it exits; .*returns once web runs\)\n$/);
  });
});

describe('the daemon refuses, in its words (moby daemon/{start,pause,unpause,delete}.go)', () => {
  it('start, pause, unpause and rm', () => {
    const { run, id } = hosts();
    run('docker run -d --name web nginx');
    expect(run('docker start ghost web')).toMatchObject({
      exitCode: 1,
      stdout: 'web\n',
      stderr: 'Error response from daemon: No such container: ghost\nfailed to start containers: ghost\n',
    });
    expect(run('docker unpause web').stderr).toBe(`Error response from daemon: Container ${id('web')} is not paused\n`);
    expect(run('docker pause web').stdout).toBe('web\n');
    expect(run('docker pause web').stderr).toBe(`Error response from daemon: container ${id('web')} is already paused\n`);
    expect(run('docker rm web').stderr).toBe('Error response from daemon: cannot remove container "web": container is paused and must be unpaused first\n');
    run('docker unpause web');
    expect(run('docker rm web').stderr).toBe(
      'Error response from daemon: cannot remove container "web": container is running: stop the container before removing or force remove\n',
    );
    run('docker kill web');
    expect(run('docker pause web').stderr).toBe(`Error response from daemon: container ${id('web')} is not running\n`);
    expect(run('docker kill -s BOGUS web').stderr).toBe('Error response from daemon: invalid signal: BOGUS\n');
    expect(run('docker rm web ghost')).toMatchObject({ exitCode: 1, stdout: 'web\n', stderr: 'Error response from daemon: No such container: ghost\n' });
    // system/inspect.go: nothing by that name of any kind; an empty list printed.
    expect(run('docker inspect ghost')).toMatchObject({ exitCode: 1, stdout: '[]\n', stderr: 'error: no such object: ghost\n' });
  });
});

describe('docker stats (container/formatter_stats.go, stats.go)', () => {
  it('sizes by go-units, percentages with two decimals, zeros for a container that is not running, nothing at all when there is nothing', () => {
    const { sim, run } = hosts();
    expect(run('docker stats --no-stream')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    run('docker run -d --name web --memory 256m nginx');
    run('docker run -d --name off alpine');
    run('docker stop off');
    sim.advance(30 * SEC);
    const lines = run('docker stats --no-stream -a').stdout.split('\n');
    expect(lines[0]).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS');
    // Columns line up under their headers (the tabwriter pads every cell of a column alike).
    const at = (h: string) => lines[0].indexOf(h);
    const cells = (l: string) =>
      [at('CPU %'), at('MEM USAGE'), at('MEM %'), at('NET I/O'), at('BLOCK I/O'), at('PIDS')].map((i, k, a) => l.slice(i, a[k + 1] ?? undefined).trim());
    expect(lines[1]).toMatch(/^[0-9a-f]{12} {3}off +/);
    expect(cells(lines[1])).toEqual(['0.00%', '0B / 0B', '0.00%', '0B / 0B', '0B / 0B', '0']);
    const web = /^[0-9a-f]{12} {3}web {7}\d+\.\d\d% +(\d+(?:\.\d+)?)MiB \/ 256MiB +(\d+\.\d\d)% +0B \/ 0B {3}0B \/ 0B {5}1$/.exec(lines[2]);
    expect(web).not.toBeNull();
    expect(Math.abs(Number(web![2]) - (100 * Number(web![1])) / 256)).toBeLessThan(0.1);
    expect(run('docker stats --no-stream ghost')).toMatchObject({ exitCode: 1, stdout: '', stderr: 'Error response from daemon: No such container: ghost\n' });
  });
});

describe('images and pulls (image/tree.go, formatter/image.go, image/pull.go; moby daemon/containerd)', () => {
  it('docker pull: the default tag said, the progress, the digest, the status, the full reference; -q only the reference', () => {
    const { run } = hosts();
    expect(run('docker pull alpine').stdout).toMatch(
      /^Using default tag: latest\nlatest: Pulling from library\/alpine\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/,
    );
    expect(run('docker pull alpine:latest').stdout).toMatch(
      /^latest: Pulling from library\/alpine\nDigest: sha256:[0-9a-f]{64}\nStatus: Image is up to date for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/,
    );
    expect(run('docker pull -q grafana/grafana').stdout).toBe('docker.io/grafana/grafana:latest\n');
    expect(run('docker pull ngnix')).toMatchObject({
      exitCode: 1,
      stdout: 'Using default tag: latest\n',
      stderr: "Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login'\n",
    });
  });

  it('docker images: the collapsed tree by default (docker/cli v29), sizes in decimal units; the classic table and -q on request', () => {
    const { run } = hosts();
    run('docker pull alpine');
    run('docker run -d --name web nginx');
    const tree = run('docker images').stdout.split('\n');
    expect(tree[0]).toBe('IMAGE           ID             DISK USAGE   CONTENT SIZE   EXTRA');
    // alpine: 8MB unpacked and its compressed content; nginx: 188MB unpacked, in use by web.
    expect(tree[1]).toMatch(/^alpine:latest {3}[0-9a-f]{12} {7}11\.4MB {9}3\.44MB {8}$/);
    expect(tree[2]).toMatch(/^nginx:latest {4}[0-9a-f]{12} {8}269MB {9}80\.9MB {3}U {4}$/);
    expect(run('docker images --no-trunc').stdout).toMatch(
      /^REPOSITORY {3}TAG {7}IMAGE ID +CREATED +SIZE\nnginx +latest +sha256:[0-9a-f]{64} +\d+ seconds ago +269MB\nalpine +latest +sha256:[0-9a-f]{64} +\d+ seconds ago +11\.4MB\n$/,
    );
    expect(run('docker images -q').stdout).toMatch(/^[0-9a-f]{12}\n[0-9a-f]{12}\n$/);
    expect(run('docker images --tree -q')).toMatchObject({ exitCode: 1, stderr: '--quiet is not yet supported with --tree\n' });
    expect(run('docker images ls').stderr).toBe('No images found matching "ls": did you mean "docker image ls"?\n');
  });
});

describe('docker context (context/list.go, use.go, show.go; testdata/list.golden)', () => {
  it('ls marks the current one with " *" and has an ERROR column; use says so on stderr; an unknown one is not found', () => {
    const { run } = hosts();
    expect(run('docker context ls').stdout).toBe(
      'NAME          DESCRIPTION   DOCKER ENDPOINT        ERROR\n' +
        'docker-01 *                 tcp://docker-01:2376   \n' +
        'docker-02                   tcp://docker-02:2376   \n',
    );
    expect(run('docker context use docker-02')).toMatchObject({ exitCode: 0, stdout: 'docker-02\n', stderr: 'Current context is now "docker-02"\n' });
    expect(run('docker context show').stdout).toBe('docker-02\n');
    expect(run('docker context ls -q').stdout).toBe('docker-01\ndocker-02\n');
    expect(run('docker context use nope').stderr).toMatch(
      /^context "nope": context not found: open \/root\/\.docker\/contexts\/meta\/[0-9a-f]{64}\/meta\.json: no such file or directory\n$/,
    );
    expect(run('docker --context nope ps').exitCode).toBe(1);
    expect(run('docker -H docker-01 --context docker-02 ps').stderr).toBe('conflicting options: cannot specify both --host and --context\n');
  });
});
