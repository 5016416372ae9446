// docker ps --filter against moby v29 daemon/list.go (includeContainerInList,
// acceptedPsFilterTags, the status filter setting All), daemon/internal/filters
// (Match: the text or an unanchored regular expression; errors.go "invalid filter
// 'KEY'"), api/types/container/state.go (the states), and docker/cli opts/opts.go
// FilterOpt ("bad format of filter (expected name=value)", a flag error: 125);
// integration-cli/docker_cli_ps_test.go (status=rubbish refused, exit 1).
import { describe, expect, it } from 'vitest';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const names = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter((l) => l !== '');

describe('docker ps --filter', () => {
  it('matches a name as a regular expression, with or without its /, unanchored', () => {
    const e = defaultEstate(1);
    expect(names(ok(e, `docker -H docker-01 ps -f name=^/re --format '{{.Names}}'`))).toEqual(['redis']);
    expect(names(ok(e, `docker -H docker-01 ps -f name=^re --format '{{.Names}}'`))).toEqual(['redis']);
    expect(names(ok(e, `docker -H docker-01 ps -f name=es --format '{{.Names}}'`))).toEqual(['postgres']);
    // One key's values are alternatives; keys all hold.
    expect(names(ok(e, `docker -H docker-01 ps -f name=api -f name=nginx --format '{{.Names}}'`)).sort()).toEqual(['api', 'nginx']);
    expect(names(ok(e, `docker -H docker-01 ps -f name=api -f status=exited --format '{{.Names}}'`))).toEqual([]);
  });

  it('lists stopped containers for a status filter without -a; exited= only with -a, by exit code', () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 stop redis');
    expect(names(ok(e, `docker -H docker-01 ps -f status=exited --format '{{.Names}} {{.State}}'`))).toEqual(['redis exited']);
    expect(names(ok(e, `docker -H docker-01 ps -f exited=0 --format '{{.Names}}'`))).toEqual([]);
    const code = ok(e, `docker -H docker-01 inspect -f '{{.State.ExitCode}}' redis`).trim();
    expect(names(ok(e, `docker -H docker-01 ps -a -f exited=${code} --format '{{.Names}}'`))).toEqual(['redis']);
    expect(names(ok(e, `docker -H docker-01 ps -f status=running --format '{{.Names}}'`)).sort()).toEqual(['api', 'nginx', 'postgres']);
  });

  it('matches ports, networks, images and IDs as the daemon does', () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 run -d --name w -p 8080:80 nginx:1.27');
    expect(names(ok(e, `docker -H docker-01 ps -f publish=8080 --format '{{.Names}}'`))).toEqual(['w']);
    // publish and expose are alternatives to each other: 80 is w's private port and nginx's exposed one.
    expect(names(ok(e, `docker -H docker-01 ps -f expose=80/tcp --format '{{.Names}}'`)).sort()).toEqual(['nginx', 'w']);
    expect(names(ok(e, `docker -H docker-01 ps -f ancestor=redis:7 --format '{{.Names}}'`))).toEqual(['redis']);
    expect(names(ok(e, `docker -H docker-01 ps -f network=bridge -f name=w --format '{{.Names}}'`))).toEqual(['w']);
    const id = ok(e, `docker -H docker-01 ps -f name=^w$ --format '{{.ID}}'`).trim();
    expect(names(ok(e, `docker -H docker-01 ps -f id=${id.slice(0, 6)} --format '{{.Names}}'`))).toEqual(['w']);
    // No labels are kept here, and no container is a swarm task or has a healthcheck.
    expect(names(ok(e, `docker -H docker-01 ps -f label=app --format '{{.Names}}'`))).toEqual([]);
    expect(names(ok(e, `docker -H docker-01 ps -f health=none -f name=w --format '{{.Names}}'`))).toEqual(['w']);
  });

  it('walks before and since in creation order among what the name and id filters leave', () => {
    const e = defaultEstate(1);
    // Newest first: postgres, redis, api, nginx.
    expect(names(ok(e, `docker -H docker-01 ps -f before=redis --format '{{.Names}}'`))).toEqual(['api', 'nginx']);
    expect(names(ok(e, `docker -H docker-01 ps -f since=redis --format '{{.Names}}'`))).toEqual(['postgres']);
    // The anchor left out by a name filter: before keeps nothing, since has no effect.
    expect(names(ok(e, `docker -H docker-01 ps -f before=redis -f name=api --format '{{.Names}}'`))).toEqual([]);
    expect(names(ok(e, `docker -H docker-01 ps -f since=redis -f name=api --format '{{.Names}}'`))).toEqual(['api']);
  });

  it('finds a stopped container on its network, and ports as the API lists them (an exposed one public 0)', () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 stop redis');
    expect(names(ok(e, `docker -H docker-01 ps -a -f network=bridge --format '{{.Names}}'`))).toEqual(['postgres', 'redis', 'api', 'nginx']);
    expect(names(ok(e, `docker -H docker-01 ps -f publish=0 --format '{{.Names}}'`))).toEqual(['postgres', 'nginx']);
    expect(names(ok(e, `docker -H docker-01 ps -f expose=80/ --format '{{.Names}}'`))).toEqual(['nginx']);
    expect(names(ok(e, `docker -H docker-01 ps -f expose=5000-6000/tcp --format '{{.Names}}'`))).toEqual(['postgres']);
    // is-task: a true value and no false one (GetBoolOrDefault); no container here is a swarm task.
    expect(names(ok(e, `docker -H docker-01 ps -f is-task=true -f is-task=x --format '{{.Names}}'`))).toEqual([]);
    expect(names(ok(e, `docker -H docker-01 ps -f is-task=0 --format '{{.Names}}'`))).toHaveLength(3);
  });

  it('refuses what the daemon and the CLI refuse, in their words', () => {
    const e = defaultEstate(1);
    expect(err(e, 'docker -H docker-01 ps -f status=rubbish')).toBe(
      "Error response from daemon: invalid filter 'status=rubbish': invalid value for state (rubbish): must be one of created, running, paused, restarting, removing, exited, dead",
    );
    expect(err(e, 'docker -H docker-01 ps -f foo=bar')).toBe("Error response from daemon: invalid filter 'foo'");
    expect(err(e, 'docker -H docker-01 ps -f exited=abc')).toBe(
      `Error response from daemon: invalid filter 'exited=abc': strconv.Atoi: parsing "abc": invalid syntax`,
    );
    expect(err(e, 'docker -H docker-01 ps -f before=nosuch')).toBe('Error response from daemon: No such container: nosuch');
    expect(err(e, 'docker -H docker-01 ps -f publish=80:80')).toBe("Error response from daemon: filter for 'publish' should not contain ':': 80:80");
    expect(err(e, 'docker -H docker-01 ps -f nameonly', 125)).toMatch(
      /^invalid argument "nameonly" for "-f, --filter" flag: bad format of filter \(expected name=value\)\n\nUsage:/,
    );
    expect(err(e, 'docker -H docker-01 ps -f publish=70000')).toBe(
      "Error response from daemon: error while looking up for publish 70000: invalid start port '70000': value out of range",
    );
    expect(err(e, 'docker -H docker-01 ps -f publish=90-80')).toBe(
      'Error response from daemon: error while looking up for publish 90-80: invalid port range: 90-80',
    );
    expect(err(e, 'docker -H docker-01 ps -f publish=')).toBe(
      'Error response from daemon: error while looking up for publish : invalid port range: value is empty',
    );
    expect(err(e, 'docker -H docker-01 ps -f is-task=x')).toBe("Error response from daemon: invalid filter 'is-task=[x]'");
    expect(err(e, 'docker -H docker-01 ps -f =x')).toBe('Error response from daemon: invalid filter');
    expect(err(e, 'docker -H docker-01 ps -n abc', 125)).toMatch(
      /^invalid argument "abc" for "-n, --last" flag: strconv.ParseInt: parsing "abc": invalid syntax/,
    );
    // A pattern that takes a backtracking engine forever answers at once (RE2).
    expect(names(ok(e, `docker -H docker-01 ps -f 'name=(a+)+$' --format '{{.Names}}'`))).toEqual([]);
  });
});
