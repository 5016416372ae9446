// docker run --user and --privileged, as docker inspect shows them: Config.User is
// what --user gave, else the image's USER ('' when its Dockerfile sets none: root;
// moby api/types/container Config.User), HostConfig.Privileged what --privileged
// gave (api/types/container HostConfig.Privileged). prometheus/prometheus's
// Dockerfile sets USER nobody, grafana/grafana's USER "$GF_UID" (472).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const inspect = (line: string) => {
  const e = defaultEstate(1);
  expect(runLine(e, line).exitCode, line).toBe(0);
  const name = /--name (\S+)/.exec(line)![1];
  const r = runLine(e, `docker inspect ${name}`);
  return JSON.parse(r.stdout)[0] as { Config: { User: string }; HostConfig: { Privileged: boolean } };
};

describe('docker run --user and --privileged', () => {
  it.each([
    ['docker run -d --name a nginx:1.27', '', false],
    ['docker run -d --name a --user 101:101 nginx:1.27', '101:101', false],
    ['docker run -d --name a -u nginx --privileged nginx:1.27', 'nginx', true],
    ['docker run -d --name a prom/prometheus:v2', 'nobody', false],
    ['docker run -d --name a grafana/grafana:11', '472', false],
    ['docker run -d --name a --user root grafana/grafana:11', 'root', false],
  ])('%s: User %j, Privileged %s', (line, user, privileged) => {
    const c = inspect(line);
    expect(c.Config.User).toBe(user);
    expect(c.HostConfig.Privileged).toBe(privileged);
  });
});
