// A web server's request lines (observe/request-log.ts): a minute's count by the
// Utilization Law X = U / S (Denning and Buzen 1978) with S from NGINX's own
// measurement (74,091 requests a second on one CPU, 1 KB file; nginx.com "Testing
// the Performance of NGINX and NGINX Plus Web Servers", 2017), each line in the
// image's log_format main (nginx/pkg-oss debian/debian/nginx.conf; $time_local as
// nginx src/core/ngx_times.c writes it), spread evenly over the minute, the same
// after a reload; docker logs writes the newest 10,000 of a busy server's and says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { NGINX_RPS_PER_CPU, requestAt, requestsBefore, requestsInMinute } from '../../src/observe/request-log.js';
import { SIM_EPOCH_MS } from '../../src/providers/common.js';
import { defaultEstate } from '../default-estate.js';

const MIN = 60_000;
const ACCESS = /^172\.17\.0\.1 - - \[(\d\d)\/Jan\/2026:(\d\d):(\d\d):(\d\d) \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/;

describe('request lines', () => {
  it('counts a minute’s requests as U / S: half of one CPU for a minute serves 2,222,730', () => {
    expect(NGINX_RPS_PER_CPU).toBe(74_091);
    expect(requestsInMinute(50, 1000, NGINX_RPS_PER_CPU)).toBe(2_222_730);
    // 12.5% of a 2-CPU limit: 0.25 CPU x 74,091 x 60 s.
    expect(requestsInMinute(12.5, 2000, NGINX_RPS_PER_CPU)).toBe(1_111_365);
    expect(requestsInMinute(0, 1000, NGINX_RPS_PER_CPU)).toBe(0);
  });

  it('spreads a minute’s requests evenly, and knows how many come before any moment without writing them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: -10, max: 60_010 }), (count, length, t) => {
        const span = { from: 1_000_000, to: 1_000_000 + length, count };
        let before = 0;
        for (let k = 0; k < count; k++) if (requestAt(span, k) < span.from + t) before++;
        expect(requestsBefore(span, span.from + t)).toBe(before);
      }),
    );
  });

  it('writes nginx:1.27’s start-up, then a line a request at the rate its measured CPU implies, the same after a reload', () => {
    const e = defaultEstate(1);
    const nginx = e.sim.workloadViews().find((w) => w.name === 'nginx')!.id;
    e.sim.advance(2 * MIN - (e.sim.now % MIN));
    const row = e.sim.workloadRow(nginx)!;
    const expected = requestsInMinute(row.lastMinute('cpu')!, row.cpuMilli, NGINX_RPS_PER_CPU);
    expect(expected).toBeGreaterThan(10_000);
    const minute = runLine(e, 'docker logs --since 1m --until 1ms nginx');
    const lines = minute.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10_000);
    for (const l of lines) expect(l).toMatch(ACCESS);
    expect(minute.stderr).toBe(
      `hyperpane: ${(expected - 10_000).toLocaleString('en-US')} earlier lines left out, the newest 10,000 written (--tail, --since and --until choose others)\n`,
    );
    // The minute's last tenth of a second holds its share of them.
    const last = runLine(e, 'docker logs --since 100ms --until 1ms nginx').stdout.trimEnd().split('\n');
    expect(Math.abs(last.length - expected / 600)).toBeLessThanOrEqual(1);
    const copy = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!copy.ok) throw new Error(copy.error.message);
    expect(runLine(copy.value, 'docker logs -t --tail 50 nginx').stdout).toBe(runLine(e, 'docker logs -t --tail 50 nginx').stdout);
    for (const x of [e, copy.value]) x.sim.advance(MIN);
    expect(runLine(copy.value, 'docker logs -t --tail 50 nginx').stdout).toBe(runLine(e, 'docker logs -t --tail 50 nginx').stdout);
  });

  it('keeps a day of counts: a clock that jumped further (a file’s) leaves nothing kept before, rather than a count for every minute between', () => {
    const e = defaultEstate(1);
    const nginx = e.sim.workloadViews().find((w) => w.name === 'nginx')!.id;
    expect(e.providers.requests.load({ servers: { [nginx]: { first: -10_000_000, counts: [5] } } })).toBeUndefined();
    e.sim.advance(61_000);
    const kept = e.providers.requests.save().servers[nginx];
    expect(kept.counts).toHaveLength(1);
    expect(kept.first).toBe(Math.floor(e.sim.now / MIN) - 1);
    e.sim.advance(1441 * MIN);
    expect(e.providers.requests.save().servers[nginx].counts).toHaveLength(1440);
  });

  it('a container made again under a deleted one’s id counts its own minutes from its start (the old record stays in the table)', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker run -d --name web nginx:1.21');
    e.sim.advance(2 * MIN);
    runLine(e, 'docker rm -f web');
    runLine(e, 'docker run -d --name web nginx:1.21');
    const id = e.providers.docker.find('web')!.id;
    e.sim.advance(5 * MIN);
    const kept = e.providers.requests.save().servers[id];
    expect(kept.counts.length).toBeGreaterThanOrEqual(4);
    expect(kept.counts.every((c) => c > 0)).toBe(true);
  });

  it('spreads a minute’s count over the part of it the server was up: a start at :30 writes the whole count in its last half', () => {
    const e = defaultEstate(1);
    e.sim.advance(MIN - (e.sim.now % MIN) + 30_000);
    runLine(e, 'docker run -d --name web nginx:1.21');
    const id = e.providers.docker.find('web')!.id;
    const upAt = e.sim.workloadRow(id)!.runningSince;
    e.sim.advance(2 * MIN);
    const kept = e.providers.requests.save().servers[id];
    const minute = Math.floor(upAt / MIN);
    expect(kept.first).toBe(minute);
    const count = kept.counts[0];
    expect(count).toBeGreaterThan(0);
    // Its lines in that minute: all of the minute's count, none before it came up.
    const r = runLine(e, `docker logs --tail ${Math.min(count, 10_000)} --until ${(SIM_EPOCH_MS + (minute + 1) * MIN - 1) / 1000} web`);
    const got = r.stdout
      .trimEnd()
      .split('\n')
      .filter((l) => l.includes('GET'));
    expect(got).toHaveLength(Math.min(count, 10_000));
    const seconds = (l: string) => Number(ACCESS.exec(l)![4]);
    expect(seconds(got[0])).toBeGreaterThanOrEqual(Math.floor((upAt % MIN) / 1000));
  });

  it('counts nothing for the CPU a server spends starting: one that then idles has served no one', () => {
    const e = defaultEstate(1);
    e.sim.advance(MIN - (e.sim.now % MIN) + 20_000);
    runLine(e, 'docker run -d --name web nginx:1.21');
    const id = e.providers.docker.find('web')!.id;
    expect(e.sim.setLoad(id, 0).ok).toBe(true);
    e.sim.advance(30_000);
    expect(
      e.sim
        .workloadRow(id)!
        .history('cpu', 'tick')
        .some((pct) => pct > 0),
    ).toBe(true); // its start's
    e.sim.advance(2 * MIN);
    expect(e.providers.requests.save().servers[id]).toBeUndefined();
    expect(runLine(e, 'docker logs web').stdout).not.toMatch(/GET/);
  });

  it('writes none while the server is stopped, and a deleted one’s go with it', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker run -d --name web nginx:1.21');
    e.sim.advance(3 * MIN);
    expect(runLine(e, 'docker logs --tail 1 web').stdout.trimEnd()).toMatch(ACCESS);
    runLine(e, 'docker stop web');
    e.sim.advance(5 * MIN);
    const stopped = runLine(e, 'docker logs --since 3m web');
    expect(stopped.stdout + stopped.stderr).toBe('');
    runLine(e, 'docker rm web');
    runLine(e, 'docker run -d --name web nginx:1.21');
    e.sim.advance(20_000);
    expect(runLine(e, 'docker logs web').stdout).not.toMatch(/GET/);
  });
});
