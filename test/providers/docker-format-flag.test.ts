// docker's --format on ps and on inspect (container, network, volume), against
// docker/cli v29: cli/command/formatter/formatter.go (Format.templateString: table,
// json, \t and \n; postFormat's tabwriter and header row; contextFormat's "template
// parsing error"), container.go (ContainerContext's fields, NewContainerContext's
// headers, SubHeaderContext.Label), its tests container_test.go
// (TestContainerContextWrite's "table {{.Image}}" and custom formats,
// TestContainerContextWriteJSON: one object a line, keys sorted), templates/
// templates.go (basicFunctions, HeaderFunctions), container/list.go (the format
// tried on an empty container first: "failed to parse template" / "failed to
// execute template"; -q with --format: the warning and {{.ID}}), and
// inspect/inspector.go (json compact, a template per object and a newline, parse
// errors exit 64, the raw-JSON retry's missingkey=error, Flush's lone newline).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('docker ps --format', () => {
  it('runs a template on each container, a line each', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 ps --format '{{.Names}} {{.Status}}'`)).toBe(
      'postgres Up About an hour\nredis Up About an hour\napi Up About an hour\nnginx Up About an hour\n',
    );
    expect(ok(e, `docker -H docker-01 ps --format '{{.Names}}: {{upper .State}} {{len .ID}}'`).split('\n')[0]).toBe('postgres: RUNNING 12');
    expect(ok(e, `docker -H docker-01 ps --no-trunc --format '{{len .ID}} {{.Command}}'`).split('\n')[0]).toBe('64 "docker-entrypoint.sh postgres"');
  });

  it('lays a table out under its header row, \\t a column (TestContainerContextWrite)', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 ps --format 'table {{.Image}}'`)).toBe('IMAGE\npostgres:16\nredis:7\nnode:22-alpine\nnginx:1.27\n');
    expect(ok(e, `docker -H docker-01 ps --format 'table {{.Names}}\\t{{.Networks}}\\t{{.CreatedAt}}'`)).toBe(
      [
        'NAMES      NETWORKS   CREATED AT',
        'postgres   bridge     2026-01-01 00:00:00 +0000 UTC',
        'redis      bridge     2026-01-01 00:00:00 +0000 UTC',
        'api        bridge     2026-01-01 00:00:00 +0000 UTC',
        'nginx      bridge     2026-01-01 00:00:00 +0000 UTC',
        '',
      ].join('\n'),
    );
    // A label's header is its last dotted part, - and _ as spaces; upper gives the header back as it is.
    expect(ok(e, `docker -H docker-01 ps --format 'table {{.Label "com.docker.compose.project-name"}}\\t{{upper .Names}}'`).split('\n')[0]).toBe(
      'project name   NAMES',
    );
    // "table" alone is the default table.
    expect(ok(e, 'docker -H docker-01 ps -a --format table')).toBe(ok(e, 'docker -H docker-01 ps -a'));
  });

  it('prints json as one object a line, its keys sorted (TestContainerContextWriteJSON)', () => {
    const e = defaultEstate(1);
    const lines = ok(e, 'docker -H docker-01 ps --format json').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first)).toEqual([
      'Command',
      'CreatedAt',
      'ID',
      'Image',
      'Labels',
      'LocalVolumes',
      'Mounts',
      'Names',
      'Networks',
      'Platform',
      'Ports',
      'RunningFor',
      'Size',
      'State',
      'Status',
    ]);
    expect(first).toMatchObject({ Names: 'postgres', State: 'running', Ports: '5432/tcp', Platform: { architecture: 'amd64', os: 'linux' }, Size: '0B' });
    expect(ok(e, `docker -H docker-01 ps --format '{{json .Names}}'`).split('\n')[0]).toBe('"postgres"');
  });

  it('refuses a template that does not parse, or fails on an empty container, before listing any', () => {
    const e = defaultEstate(1);
    expect(err(e, `docker -H docker-01 ps --format '{{.Names'`)).toBe('failed to parse template: template: :1: unclosed action');
    expect(err(e, `docker -H docker-01 ps --format '{{nope .Names}}'`)).toBe('failed to parse template: template: :1: function "nope" not defined');
    expect(err(e, `docker -H docker-01 ps --format '{{.Name}}'`)).toBe(
      'failed to execute template: template: :1:2: executing "" at <.Name>: can\'t evaluate field Name in type *formatter.ContainerContext',
    );
    expect(err(e, `docker -H docker-01 ps --format '{{split .Names}}'`)).toBe(
      'failed to execute template: template: :1:2: executing "" at <split>: wrong number of args for split: want 2 got 1',
    );
  });

  it("escapes <, > and & in json as the context's own MarshalJSON does, and not in {{json .Field}}", () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 run -d --name w -p 8080:80 nginx:1.27');
    const line = ok(e, 'docker -H docker-01 ps --format json').split('\n')[0]!;
    expect(line).toContain('"Ports":"0.0.0.0:8080-\\u003e80/tcp, [::]:8080-\\u003e80/tcp"');
    expect(ok(e, `docker -H docker-01 ps --format '{{json .Ports}}'`).split('\n')[0]).toBe('"0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"');
  });

  it("keeps what a table's header wrote before its function refused the column names (HeaderFunctions take strings)", () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 ps --format 'table {{.Names}}\t{{json .}}'`).split('\n')[0]).toBe('NAMES      ');
  });

  it('answers a bad argument or a raw format plainly, never with an internal error', () => {
    const e = defaultEstate(1);
    expect(err(e, `docker -H docker-01 ps --format '{{pad .Names -1 0}}'`)).toBe(
      'failed to execute template: template: :1:2: executing "" at <pad .Names -1 0>: error calling pad: strings: negative Repeat count',
    );
    expect(err(e, `docker -H docker-01 ps --format '{{printf "%999999999d" 1}}'`, 0)).toBe('');
    expect(err(e, 'docker -H docker-01 ps --format raw')).toMatch(/^hyperpane: docker ps --format raw is not simulated/);
    const r = runLine(e, `docker -H docker-01 ps -q --format '{{.Nope}}'`);
    expect(r.stderr).toMatch(/^WARNING: Ignoring custom format, because both --format and --quiet are set\.\nfailed to execute template: /);
  });

  it('lists IDs with -q, saying it ignores the format', () => {
    const e = defaultEstate(1);
    const r = runLine(e, `docker -H docker-01 ps -q --format '{{.Names}}'`);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
    expect(r.stdout).toBe(ok(e, 'docker -H docker-01 ps -q'));
  });
});

describe('docker network ls, volume ls and images --format (network/formatter.go, formatter/volume.go, formatter/image.go)', () => {
  it('lays their contexts out as ps does, json keys sorted, the default table for "table"', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 network ls --format '{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.IPv6}}'`)).toBe(
      'bridge bridge local false false\nhost host local false false\nnone null local false false\n',
    );
    expect(ok(e, 'docker -H docker-01 network ls --format table')).toBe(ok(e, 'docker -H docker-01 network ls'));
    expect(Object.keys(JSON.parse(ok(e, 'docker -H docker-01 network ls --format json').split('\n')[0]!))).toEqual([
      'CreatedAt',
      'Driver',
      'ID',
      'IPv4',
      'IPv6',
      'Internal',
      'Labels',
      'Name',
      'Scope',
    ]);
    ok(e, 'docker -H docker-01 volume create --label tier=db data');
    expect(ok(e, `docker -H docker-01 volume ls --format 'table {{.Name}}\t{{.Labels}}\t{{.Label "tier"}}\t{{.Size}}'`)).toBe(
      'VOLUME NAME   LABELS    tier      SIZE\ndata          tier=db   db        N/A\n',
    );
    expect(ok(e, 'docker -H docker-01 volume ls --format table')).toBe(ok(e, 'docker -H docker-01 volume ls'));
    expect(ok(e, `docker -H docker-01 images --format '{{.Repository}}:{{.Tag}} {{.Containers}} {{.Size}} {{.SharedSize}}'`).split('\n')[0]).toBe(
      'postgres:16 1 618MB N/A',
    );
    expect(ok(e, 'docker -H docker-01 images --format table').split('\n')[0]).toBe('REPOSITORY   TAG         IMAGE ID       CREATED             SIZE');
    // <none> HTML-escaped, as the context's MarshalJSON writes it.
    expect(ok(e, 'docker -H docker-01 images --format json').split('\n')[0]).toContain('"Digest":"\\u003cnone\\u003e"');
    // --digests adds the column to a table without one.
    expect(ok(e, `docker -H docker-01 images --digests --format 'table {{.Repository}}'`).split('\n')[0]).toBe('REPOSITORY   DIGEST');
  });

  it('keeps a format of its own under -q, which makes the table an ID list; refuses a bad one', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 network ls -q --format 'table {{.Name}}'`)).toBe('NAME\nbridge\nhost\nnone\n');
    expect(err(e, 'docker -H docker-01 network ls --format raw')).toMatch(/^hyperpane: --format raw is not simulated/);
    // image.go: no Label method; a format that shows the digest gets it without --digests.
    expect(err(e, `docker -H docker-01 images --format '{{.Label "x"}}'`)).toBe(
      'template parsing error: template: :1:2: executing "" at <.Label>: can\'t evaluate field Label in type *formatter.imageContext',
    );
    expect(ok(e, `docker -H docker-01 images --format '{{.Digest}}'`).split('\n')[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ok(e, `docker -H docker-01 network ls -q --format '{{.Name}}'`)).toBe('bridge\nhost\nnone\n');
    expect(ok(e, 'docker -H docker-01 network ls -q --format table')).toBe(ok(e, 'docker -H docker-01 network ls -q'));
    // Nothing to list, nothing run (formatter.go: only ps tries a format on an empty item first).
    expect(ok(e, `docker -H docker-01 volume ls --format '{{.Nope}}'`)).toBe('');
    ok(e, 'docker -H docker-01 volume create data');
    expect(err(e, `docker -H docker-01 volume ls --format '{{.Nope}}'`)).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.volumeContext',
    );
    // A label is looked up among the labels only, never the object's own workings.
    ok(e, 'docker -H docker-01 volume create --label a=b v1');
    expect(ok(e, `docker -H docker-01 volume ls --format '[{{.Label "__proto__"}}][{{.Label "constructor"}}][{{.Label "a"}}]'`)).toBe('[][][]\n[][][b]\n');
  });
});

describe('docker context ls and stats --format (formatter/context.go, container/formatter_stats.go)', () => {
  it('prints their contexts: Current a JSON boolean, -q over any format; stats Container as asked', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'docker context ls --format json').split('\n')[0]).toBe(
      '{"Current":true,"Description":"","DockerEndpoint":"tcp://docker-01:2376","Error":"","Name":"docker-01"}',
    );
    expect(ok(e, 'docker context ls --format table')).toBe(ok(e, 'docker context ls'));
    expect(ok(e, 'docker context ls -q --format json')).toBe(ok(e, 'docker context ls -q'));
    expect(ok(e, `docker -H docker-01 stats --no-stream --format '{{.Container}} {{.Name}} {{len .ID}}' postgres`)).toBe('postgres postgres 12\n');
    expect(Object.keys(JSON.parse(ok(e, 'docker -H docker-01 stats --no-stream --format json postgres')))).toEqual([
      'BlockIO',
      'CPUPerc',
      'Container',
      'ID',
      'MemPerc',
      'MemUsage',
      'Name',
      'NetIO',
      'PIDs',
    ]);
    expect(ok(e, 'docker -H docker-01 stats --no-stream --format table')).toBe(ok(e, 'docker -H docker-01 stats --no-stream'));
  });
});

describe('docker inspect --format', () => {
  it('runs a template on each object, a line each', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 inspect -f '{{.State.Status}} {{.Name}} {{.RestartCount}}' postgres redis`)).toBe(
      'running /postgres 0\nrunning /redis 0\n',
    );
    expect(ok(e, `docker -H docker-01 inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' postgres`)).toMatch(/^172\.17\.0\.\d+\n$/);
    // The Go field ID, as the typed run finds it, and the JSON key Id, as the raw one does.
    const [goName, jsonName] = ok(e, `docker -H docker-01 inspect -f '{{.ID}} {{.Id}}' postgres`).trim().split(' ');
    expect(goName).toMatch(/^[0-9a-f]{64}$/);
    expect(goName).toBe(jsonName);
    // A map's missing key prints "<no value>"; a struct prints as {a b}.
    expect(ok(e, `docker -H docker-01 inspect -f '{{.NetworkSettings.Networks.nope}}' postgres`)).toBe('<no value>\n');
    expect(ok(e, `docker -H docker-01 inspect -f '{{.HostConfig.RestartPolicy}}' postgres`)).toBe('{unless-stopped 0}\n');
  });

  it('prints json compact, and the objects as before without a format', () => {
    const e = defaultEstate(1);
    const compact = ok(e, 'docker -H docker-01 inspect --format json postgres');
    expect(compact).toMatch(/^\[\{"Id":"[0-9a-f]{64}","Created":/);
    expect(compact.split('\n')).toHaveLength(2);
    expect(JSON.parse(compact)).toEqual(JSON.parse(ok(e, 'docker -H docker-01 inspect postgres')));
  });

  it('refuses a template that does not parse (exit 64), and a field the object has not (exit 1, a lone newline out)', () => {
    const e = defaultEstate(1);
    const parse = runLine(e, `docker -H docker-01 inspect -f '{{nope}}' postgres`);
    expect([parse.exitCode, parse.stdout, parse.stderr]).toEqual([64, '', 'template parsing error: template: :1: function "nope" not defined\n']);
    const missing = runLine(e, `docker -H docker-01 inspect -f '{{.State.Nope}}' postgres`);
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toBe('\n');
    expect(missing.stderr).toMatch(
      /^template parsing error: template: :1:8: executing "" at <\.State\.Nope>: map has no entry for key "Nope" \(hyperpane: .*Status, Running/,
    );
  });

  it("takes a map as a map whatever its keys, a nil slice as empty, and moby's Go names for the CPU fields", () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 volume create --label Tier=db --label Env=prod v1');
    expect(ok(e, `docker -H docker-01 volume inspect -f '{{.Labels}} {{json .Labels}} {{.Labels.Owner}}' v1`)).toBe(
      'map[Env:prod Tier:db] {"Env":"prod","Tier":"db"} <no value>\n',
    );
    expect(ok(e, `docker -H docker-01 volume inspect -f '{{if eq .Labels.owner "me"}}mine{{else}}other{{end}}' v1`)).toBe('other\n');
    expect(
      ok(e, `docker -H docker-01 inspect -f '{{.NetworkSettings.Networks.bridge.Aliases}} {{len .NetworkSettings.Networks.bridge.Aliases}}' postgres`),
    ).toBe('[] 0\n');
    expect(ok(e, `docker -H docker-01 inspect -f '{{.HostConfig.NanoCPUs}} {{.HostConfig.CPUShares}}' postgres`)).toMatch(/^\d+ \d+\n$/);
  });

  it('formats networks and volumes too', () => {
    const e = defaultEstate(1);
    expect(ok(e, `docker -H docker-01 network inspect -f '{{.Name}} {{.Driver}} {{range .IPAM.Config}}{{.Subnet}}{{end}}' bridge`)).toBe(
      'bridge bridge 172.17.0.0/16\n',
    );
    ok(e, 'docker -H docker-01 volume create data');
    expect(ok(e, `docker -H docker-01 volume inspect -f '{{.Mountpoint}} {{.Driver}} {{json .Labels}}' data`)).toMatch(
      /^\/var\/lib\/docker\/volumes\/data\/_data local (null|\{\})\n$/,
    );
  });
});
