// Docker volumes and run -v, against docker/cli and moby. Sources: docker/cli
// cli/command/volume/{create,list,inspect,remove,prune}.go ("table
// {{.Driver}}\t{{.Name}}" sorted with sortorder.NaturalLess; "conflicting options:
// cannot specify a volume-name through both --name and as a positional arg"; the
// prune warnings, "Deleted Volumes:" and "Total reclaimed space:"),
// docs/reference/commandline/volume_inspect.md (the JSON's fields),
// internal/volumespec/volumespec.go (the client's "invalid empty volume spec",
// "empty section between colons", "too many colons"); moby
// daemon/volume/service/errors.go OpErr ("get NAME: no such volume", "remove NAME:
// volume is in use - [IDS]"), daemon/volume/local/local.go validateName,
// daemon/volume/mounts/linux_parser.go and its linux_parser_test.go (the
// invalid specs and modes below are that test's), daemon/errors.go ("Duplicate
// mount point: "), daemon/volume/service AnonymousLabel.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { parseVolumeSpec } from '../../src/providers/docker/mounts.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const names = (e: ReturnType<typeof defaultEstate>) => ok(e, 'docker volume ls -q').trim().split('\n').filter(Boolean);

describe('docker volume create, ls, inspect, rm, prune', () => {
  it('makes named and anonymous volumes, lists them by name, and inspects them as the daemon shows them', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'docker volume create pgdata')).toBe('pgdata\n');
    // Made again: the same volume, said again (the daemon's create returns the one it has).
    expect(runLine(e, 'docker volume create pgdata')).toMatchObject({ exitCode: 0, stdout: 'pgdata\n', changed: false });
    const anon = ok(e, 'docker volume create').trim();
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    ok(e, 'docker volume create --label tier=db --name app-2');
    expect(ok(e, 'docker volume ls')).toBe(['DRIVER    VOLUME NAME', `local     ${anon}`, 'local     app-2', 'local     pgdata', ''].join('\n'));
    const [v, w] = JSON.parse(ok(e, `docker volume inspect pgdata ${anon}`));
    expect(v).toEqual({
      CreatedAt: '2026-01-01T01:00:00Z',
      Driver: 'local',
      Labels: {},
      Mountpoint: '/var/lib/docker/volumes/pgdata/_data',
      Name: 'pgdata',
      Options: {},
      Scope: 'local',
    });
    expect(w.Labels).toEqual({ 'com.docker.volume.anonymous': '' });
    expect(names(e)).toHaveLength(3);
    expect(ok(e, 'docker volume ls -q -f label=tier=db')).toBe('app-2\n');
    // Labels must all hold; names are alternatives.
    expect(ok(e, 'docker volume ls -q -f label=tier=db -f label=other')).toBe('');
    expect(ok(e, 'docker volume ls -q -f name=^pg -f name=^app')).toBe('app-2\npgdata\n');
    expect(ok(e, 'docker volume ls -q -f name=pg')).toBe('pgdata\n');
    // Each daemon has its own.
    runLine(e, 'docker context use docker-vm-01');
    expect(ok(e, 'docker volume ls')).toBe('DRIVER    VOLUME NAME\n');
  });

  it("says what is wrong in the client's and the daemon's words", () => {
    const e = defaultEstate(1);
    expect(err(e, 'docker volume create x')).toBe(
      'Error response from daemon: create x: volume name is too short, names should be at least two alphanumeric characters',
    );
    expect(err(e, 'docker volume create "my vol"')).toBe(
      'Error response from daemon: create my vol: "my vol" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. ' +
        'If you intended to pass a host directory, use absolute path',
    );
    // The name's characters are checked before the directory is made: a long bad name is a bad name.
    expect(err(e, `docker volume create ${'a!'.repeat(200)}`)).toMatch(/includes invalid characters for a local volume name/);
    expect(err(e, `docker volume create ${'a'.repeat(256)}`)).toMatch(/file name too long$/);
    expect(err(e, 'docker volume create --name a1 a2')).toBe('conflicting options: cannot specify a volume-name through both --name and as a positional arg');
    expect(err(e, 'docker volume create -d nfs share')).toBe(
      'Error response from daemon: create share: error looking up volume plugin nfs: plugin "nfs" not found',
    );
    const inspect = runLine(e, 'docker volume inspect nope');
    expect([inspect.exitCode, inspect.stdout, inspect.stderr]).toEqual([1, '[]\n', 'Error response from daemon: get nope: no such volume\n']);
    expect(err(e, 'docker volume rm nope')).toBe('Error response from daemon: get nope: no such volume');
    // The local driver's options (local_unix.go validateOpts).
    expect(err(e, 'docker volume create -o foo=bar v1')).toBe('Error response from daemon: create v1: invalid option: "foo"');
    expect(err(e, 'docker volume create -o type=nfs v1')).toBe('Error response from daemon: create v1: missing required option: "device"');
    expect(err(e, 'docker volume create -o size=1g v1')).toBe('Error response from daemon: create v1: quota size requested but no quota support');
    // What an estate file could not hold is refused as it is asked for.
    expect(err(e, 'docker volume create --label __proto__=x v1')).toMatch(/^\(hyperpane: a label's or option's key here cannot be __proto__\)$/);
    expect(err(e, `docker volume create --label "k=a\tb" v1`)).toMatch(/no control characters/);
    expect(names(e)).toEqual([]);
    expect(runLine(e, 'docker volume rm -f nope').exitCode).toBe(0);
  });

  it('a volume in use by any container, running or not, is not removed; prune takes the unused ones, anonymous unless --all', () => {
    const e = defaultEstate(1);
    ok(e, 'docker volume create keep');
    ok(e, 'docker volume create spare');
    const id = ok(e, 'docker run -d --name db2 -v keep:/var/lib/postgresql/data -v /cache postgres:16').trim();
    ok(e, 'docker stop db2');
    expect(err(e, 'docker volume rm keep spare')).toBe(`Error response from daemon: remove keep: volume is in use - [${id}]`);
    expect(names(e)).not.toContain('spare');
    // Without --force, prune asks; with no terminal to answer, nothing goes.
    expect(ok(e, 'docker volume prune')).toBe(
      'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] \n',
    );
    expect(ok(e, 'docker volume prune -f')).toBe('Total reclaimed space: 0B\n');
    // rm without -v leaves the container's anonymous volume, dangling; prune takes it, and --all the named one too.
    ok(e, 'docker rm db2');
    const [anon] = names(e).filter((n) => n.length === 64);
    expect(ok(e, 'docker volume ls -q -f dangling=true').trim().split('\n').sort()).toEqual([anon, 'keep'].sort());
    expect(ok(e, 'docker volume prune -f')).toBe(`Deleted Volumes:\n${anon}\n\nTotal reclaimed space: 0B\n`);
    expect(ok(e, 'docker volume prune -f --all')).toBe('Deleted Volumes:\nkeep\n\nTotal reclaimed space: 0B\n');
    // rm -v takes the volumes a container had made without a name: not a named one, not a nameless `volume create`
    // one it mounted by name, not one another container also mounts.
    ok(e, 'docker volume create named');
    const made = ok(e, 'docker volume create').trim();
    ok(e, `docker run -d --name db3 -v named:/data -v ${made}:/made -v /scratch -v /shared postgres:16`);
    const shared = JSON.parse(ok(e, 'docker inspect db3'))[0].Mounts.find((m: { Destination: string }) => m.Destination === '/shared').Name;
    ok(e, `docker run -d --name db4 -v ${shared}:/also postgres:16`);
    ok(e, 'docker rm -f -v db3');
    expect(names(e).sort()).toEqual([made, 'named', shared].sort());
    // prune's filters (label, label!), and a volume with driver options is never pruned.
    ok(e, 'docker rm -f db4');
    ok(e, 'docker volume create --label keep=1 kept');
    ok(e, 'docker volume create -o type=tmpfs -o device=tmpfs tmp');
    const pruned = ok(e, 'docker volume prune -f -a --filter label!=keep').split('\n');
    expect([pruned[0], ...pruned.slice(-3)]).toEqual(['Deleted Volumes:', '', 'Total reclaimed space: 0B', '']);
    expect(pruned.slice(1, -3).sort()).toEqual([made, 'named', shared].sort());
    expect(names(e).sort()).toEqual(['kept', 'tmp']);
    expect(JSON.parse(ok(e, 'docker volume inspect tmp'))[0].Options).toEqual({ device: 'tmpfs', type: 'tmpfs' });
  });
});

describe('docker run -v', () => {
  it('mounts a named volume (made if missing), an anonymous one and a bind, as inspect shows them', () => {
    const e = defaultEstate(1);
    ok(e, 'docker run -d --name web2 -v site:/usr/share/nginx/html:ro -v /var/cache/nginx/ -v ./conf:/etc/nginx/conf.d -v logs:/var/log/nginx nginx:1.27');
    const mounts = JSON.parse(ok(e, 'docker inspect web2'))[0].Mounts;
    const anon = names(e).find((n) => n.length === 64)!;
    expect(mounts).toEqual([
      {
        Type: 'volume',
        Name: 'site',
        Source: '/var/lib/docker/volumes/site/_data',
        Destination: '/usr/share/nginx/html',
        Driver: 'local',
        Mode: 'ro',
        RW: false,
        Propagation: '',
      },
      {
        Type: 'volume',
        Name: anon,
        Source: `/var/lib/docker/volumes/${anon}/_data`,
        Destination: '/var/cache/nginx',
        Driver: 'local',
        Mode: '',
        RW: true,
        Propagation: '',
      },
      // The client makes a relative host path absolute from where it runs.
      { Type: 'bind', Source: '/root/conf', Destination: '/etc/nginx/conf.d', Mode: '', RW: true, Propagation: 'rprivate' },
      // A named volume given no mode is relabelled: "z" (volumes_unix.go setBindModeIfNull).
      {
        Type: 'volume',
        Name: 'logs',
        Source: '/var/lib/docker/volumes/logs/_data',
        Destination: '/var/log/nginx',
        Driver: 'local',
        Mode: 'z',
        RW: true,
        Propagation: '',
      },
    ]);
    expect(names(e).sort()).toEqual([anon, 'logs', 'site'].sort());
    // The console's detail of the container lists them as -v gave them.
    expect(e.providers.docker.workload('docker-01/web2')?.details?.Mounts).toBe(
      'site:/usr/share/nginx/html (ro), (anonymous):/var/cache/nginx, /root/conf:/etc/nginx/conf.d, logs:/var/log/nginx',
    );
    // A volume a run made was given no labels or options: inspect shows null; an anonymous one its mark.
    expect(JSON.parse(ok(e, 'docker volume inspect site'))[0]).toMatchObject({ Labels: null, Options: null });
    expect(JSON.parse(ok(e, `docker volume inspect ${anon}`))[0]).toMatchObject({ Labels: { 'com.docker.volume.anonymous': '' }, Options: null });
    // A bind's propagation is its mode's; a spec given twice is one; an anonymous volume on a named one's target is not made.
    ok(e, 'docker run -d --name web3 -v /srv:/srv:ro,rshared -v aa:/x -v aa:/x -v /x nginx:1.27');
    const m3 = JSON.parse(ok(e, 'docker inspect web3'))[0].Mounts;
    expect(m3.map((m: { Destination: string; Propagation: string }) => `${m.Destination} ${m.Propagation}`)).toEqual(['/srv rshared', '/x ']);
    // Two anonymous volumes on one target (as cleaned): the second is not made.
    ok(e, 'docker run -d --name web4 -v /y -v /y/ nginx:1.27');
    expect(JSON.parse(ok(e, 'docker inspect web4'))[0].Mounts).toHaveLength(1);
  });

  it("refuses what moby's parser refuses (its own test's cases), a target twice, and a bad volume name", () => {
    // The client's checks first (volumespec.Parse), then the daemon's (linux_parser.go), as linux_parser_test.go lists them.
    const client: Record<string, string> = {
      '': 'invalid empty volume spec',
      '/tmp:': 'invalid spec: /tmp:: empty section between colons',
      ':test': 'invalid spec: :test: empty section between colons',
      ':/test': 'invalid spec: :/test: empty section between colons',
      '/tmp:::': 'invalid spec: /tmp:::: empty section between colons',
      'a:/b:ro:x': 'invalid spec: a:/b:ro:x: too many colons',
    };
    for (const [spec, want] of Object.entries(client)) expect(parseVolumeSpec(spec), spec).toEqual({ client: want });
    const daemon: Record<string, string> = {
      '/path:rw': "invalid volume specification: '/path:rw'",
      '/path:ro': "invalid volume specification: '/path:ro'",
      '/rw:rw': "invalid volume specification: '/rw:rw'",
      '/path:/path:sw': 'invalid mode: sw',
      '/path:/path:rwz': 'invalid mode: rwz',
      '/path:/path:ro,rshared,rslave': 'invalid mode: ro,rshared,rslave',
      '/path:/path:ro,z,rshared,rslave': 'invalid mode: ro,z,rshared,rslave',
      'name:relative': `invalid volume specification: 'name:relative': invalid mount config for type "volume": invalid mount path: 'relative' mount path must be absolute`,
      // validateMountConfigImpl and validateExclusiveOptions (mounts/validate.go, parser.go ErrVolumeTargetIsRoot).
      'vol:/': `invalid volume specification: 'vol:/': invalid mount config for type "volume": invalid specification: destination can't be '/'`,
      'vol:/p:rshared': `invalid volume specification: 'vol:/p:rshared': invalid mount config for type "volume": field BindOptions must not be specified`,
      '/a:/b:nocopy': `invalid volume specification: '/a:/b:nocopy': invalid mount config for type "bind": field VolumeOptions must not be specified`,
    };
    for (const [spec, want] of Object.entries(daemon)) expect(parseVolumeSpec(spec), spec).toEqual({ daemon: want });
    expect(parseVolumeSpec('/a:/b:ro,rshared')).toMatchObject({ type: 'bind', rw: false, mode: 'ro,rshared' });
    const e = defaultEstate(1);
    const run = (spec: string) => runLine(e, `docker run -d -v ${spec} nginx:1.27`);
    expect(run('/path:rw')).toMatchObject({ exitCode: 125 });
    expect(run('/path:rw').stderr).toBe(
      "docker: Error response from daemon: invalid volume specification: '/path:rw'\n\nRun 'docker run --help' for more information\n",
    );
    expect(run(':/x').stderr).toBe("docker: invalid spec: :/x: empty section between colons\n\nRun 'docker run --help' for more information\n");
    expect(run('x:/data').stderr).toMatch(/^docker: Error response from daemon: create x: volume name is too short/);
    expect(run(`${'n'.repeat(256)}:/data`).stderr).toContain(`file name too long`);
    // Nothing was made by a refused run.
    expect(names(e)).toEqual([]);
    expect(runLine(e, 'docker run -d -v aa:/x -v bb:/x/ nginx:1.27').stderr).toMatch(/^docker: Error response from daemon: Duplicate mount point: \/x\n/);
    // --rm: a run refused as it starts is removed, and the volume it had made without a name with it.
    ok(e, 'docker network create -d bridge --internal --subnet 10.9.0.0/30 tiny');
    ok(e, 'docker run -d --network tiny nginx:1.27');
    expect(runLine(e, 'docker run -d --rm --network tiny -v /scratch nginx:1.27').exitCode).toBe(125);
    expect(names(e).filter((n) => n.length === 64)).toEqual([]);
  });

  it('an estate file keeps the volumes and the containers their mounts; a mount whose volume is missing is refused', () => {
    const e = defaultEstate(1);
    ok(e, 'docker volume create --label tier=db pgdata');
    ok(e, 'docker run -d --name db2 -v pgdata:/var/lib/postgresql/data -v /cache postgres:16');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(Object.keys(file.providers.docker.volumes)).toEqual(['docker-01']);
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    for (const line of ['docker volume ls', 'docker volume inspect pgdata', 'docker inspect db2'])
      expect(runLine(back.value, line).stdout, line).toBe(runLine(e, line).stdout);
    expect(err(back.value, 'docker volume rm pgdata')).toMatch(/volume is in use/);
    const refused = (volumes: unknown) => {
      const r = estateFromJson({ ...file, providers: { ...file.providers, docker: { ...file.providers.docker, volumes } } });
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(refused({ 'docker-01': file.providers.docker.volumes['docker-01'].slice(1) })).toContain('its volume pgdata is not among docker-01');
    expect(refused({ 'esx-01': [] })).toContain('esx-01 is not a Docker host');
    expect(refused({ 'docker-01': [...file.providers.docker.volumes['docker-01'], { name: 'x', created: 0, labels: {}, anonymous: false }] })).toContain(
      'volume name is too short',
    );
    const twice = file.providers.docker.volumes['docker-01'][0];
    expect(refused({ 'docker-01': [...file.providers.docker.volumes['docker-01'], twice] })).toContain(`${twice.name} is used twice on docker-01`);
  });

  it('a host that goes takes its volumes with it; what a file could not hold is refused as it is asked for, not at the next load', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker context use docker-vm-01');
    ok(e, 'docker volume create gone-with-it');
    runLine(e, 'docker context use docker-01');
    ok(e, 'virsh destroy dockervm-01');
    ok(e, 'virsh undefine dockervm-01');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.providers.docker.volumes).toBeUndefined();
    expect(estateFromJson(file).ok).toBe(true);
    expect(err(e, `docker volume create --label k=${'v'.repeat(1001)} big`)).toMatch(/^\(hyperpane: a label's or option's key here is at most 255 characters/);
    for (let i = 0; i < 1000; i++) e.providers.docker.volumes.ensure('docker-01', `v${i}`, { created: 0 });
    expect(err(e, 'docker volume create one-more')).toBe('(hyperpane: a daemon here holds at most 1000 volumes; remove one first)');
    expect(runLine(e, 'docker run -d -v /fresh nginx:1.27')).toMatchObject({
      exitCode: 125,
      stderr: '(hyperpane: a daemon here holds at most 1000 volumes; remove one first)\n',
    });
    // Counted as kept: anonymous volumes' names are 64 characters each.
    const many = Array.from({ length: 90 }, (_, i) => `-v /d${i}`).join(' ');
    expect(runLine(e, `docker run -d ${many} nginx:1.27`).stderr).toMatch(/^\(hyperpane: a container's mounts here are at most 10000 characters/);
    // One it has already is no new one.
    expect(ok(e, 'docker volume create v1')).toBe('v1\n');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    expect(back.ok).toBe(true);
  });
});
