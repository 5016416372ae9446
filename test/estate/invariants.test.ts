// Files that break the core's own rules are refused with the place and the rule,
// rather than loading and then misbehaving: a VM on a claim smaller than its size
// (past admission control), snapshot loops (lost on the next save), Dynamic Memory
// upside down, a clock beyond what the model holds or events due before it (the
// clock replayed them one tick at a time: 1e15 ms never finished).
import { describe, expect, it } from 'vitest';
import { MAX_TIME_MS } from '../../src/core/clock.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine } from '../../src/estate/script.js';

type Doc = Record<string, unknown> & {
  workloads: Record<string, unknown>[];
  hosts: Record<string, unknown>[];
  events: Record<string, unknown>[];
  clock: { now: number; seq: number };
};
const saved = (build = () => buildDefaultEstate(1)): Doc => JSON.parse(JSON.stringify(estateToFile(build()))) as Doc;
const refusal = (doc: unknown) => {
  const r = estateFromJson(doc);
  return r.ok ? 'loaded' : (r.error.details ?? [r.error.message]).join('\n');
};
const index = (doc: Doc, id: string) => doc.workloads.findIndex((w) => w.id === id);

describe('the rules a loaded estate keeps', () => {
  it('a saved estate passes them all, as does one saved mid-operation', () => {
    expect(refusal(saved())).toBe('loaded');
    const estate = buildDefaultEstate(1);
    for (const line of [
      'virsh shutdown dev-01',
      'govc vm.migrate -host esx-04 web-01',
      'Checkpoint-VM -Name ad-01 -SnapshotName a',
      'docker stop api',
      'az vm deallocate -g shop-rg -n reports',
    ])
      runLine(estate, line);
    estate.sim.advance(2000);
    expect(refusal(JSON.parse(JSON.stringify(estateToFile(estate))))).toBe('loaded');
  });

  it("a VM's claim is its size: a smaller one would slip past admission control", () => {
    const doc = saved();
    const w = index(doc, 'web-01');
    doc.workloads[w].claim = { vcpus: 0.5, memory: '1GiB', disk: '40GiB' };
    expect(refusal(doc)).toContain(`workloads[${w}].claim.vcpus: 0.5, but it has 2 vCPUs: a VM claims its size`);
    expect(refusal(doc)).toContain(`workloads[${w}].claim.memory: 1024 MiB, but it has 4096 MiB: a VM claims its size`);
    // A VM whose disk the file leaves out has the default disk, and claims it (review finding: it was taken as 0).
    const plain = saved();
    const v = index(plain, 'web-01');
    delete plain.workloads[v].disk;
    const { vcpus, memory } = plain.workloads[v] as { vcpus: number; memory: string };
    plain.workloads[v].claim = { vcpus, memory, disk: '1GiB' };
    expect(refusal(plain)).toContain(`workloads[${v}].claim.disk: 1024 MiB, less than its disk (10240 MiB)`);
  });

  it('a running workload holds its whole claim, and nothing runs on a failed host', () => {
    const doc = saved();
    const w = index(doc, 'web-01');
    doc.workloads[w].level = 'none';
    expect(refusal(doc)).toContain(`workloads[${w}].level: none, but a vm that is running holds full`);
    const failed = saved();
    const h = failed.hosts.findIndex((x) => x.id === failed.workloads[w].host);
    failed.hosts[h].state = 'failed';
    expect(refusal(failed)).toContain(`workloads[${w}].state: running on ${failed.hosts[h].id}, which has failed`);
  });

  it('snapshots form a tree: no loops, parents and current that exist, names once', () => {
    const estate = buildDefaultEstate(1);
    for (const s of ['a', 'b']) runLine(estate, `govc snapshot.create -vm web-01 ${s}`);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc;
    const w = index(doc, 'web-01');
    const snaps = doc.workloads[w].snapshots as { current?: string; list: { name: string; parent?: string }[] };
    snaps.list[0].parent = 'b';
    expect(refusal(doc)).toContain(`workloads[${w}].snapshots.list[0].parent: the snapshots' parents go round in a loop (a → b → a)`);
    snaps.list[0].parent = 'zz';
    snaps.current = 'nope';
    expect(refusal(doc)).toContain(`workloads[${w}].snapshots.list[0].parent: no snapshot named zz`);
    expect(refusal(doc)).toContain(`workloads[${w}].snapshots.current: no snapshot named nope`);
  });

  it('Dynamic Memory: minimum at most maximum, on Hyper-V only', () => {
    const estate = buildDefaultEstate(1);
    runLine(estate, 'Stop-VM -Name rdsh-01 -Force');
    estate.sim.advance(120_000);
    expect(runLine(estate, 'Set-VMMemory -VMName rdsh-01 -DynamicMemoryEnabled $true -MinimumBytes 1GB -MaximumBytes 64GB').exitCode).toBe(0);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc;
    const w = index(doc, 'rdsh-01');
    doc.workloads[w].dynamicMemory = { minimum: '128GiB', maximum: '64GiB', bufferPct: 20 };
    expect(refusal(doc)).toContain(`workloads[${w}].dynamicMemory: the minimum (131072 MiB) is above the maximum (65536 MiB)`);
    const other = saved();
    const v = index(other, 'web-01');
    other.workloads[v].dynamicMemory = { minimum: '1GiB', maximum: '8GiB', bufferPct: 20 };
    expect(refusal(other)).toContain(`workloads[${v}].dynamicMemory: Dynamic Memory is Hyper-V's; this is a vmware workload`);
  });

  it('no time past the end of simulated time, and no event due before the clock', () => {
    const far = saved();
    far.clock.now = 1e15;
    expect(refusal(far)).toContain(`clock.now: a time of at most ${MAX_TIME_MS} ms (1,000 years)`);
    // 30 days of clock ahead of its queue: the clock would replay every tick between.
    const skew = saved();
    skew.clock.now += 30 * 86_400_000;
    for (const w of skew.workloads) w.since = skew.clock.now;
    // The first event due (a tick, or the clusters' control loop) is named.
    expect(refusal(skew)).toMatch(/events\[\d+\] \((tick|k8s\.sync)\): due at \d+, before the clock \(\d+\): a scheduled event is never in the past/);
  });

  it('one clock, a queue whose events name what exists, and plans that go on', () => {
    const doc = saved();
    const tick = doc.events.find((e) => e.type === 'tick')!;
    doc.events.push({ ...tick, seq: 99_999 });
    expect(refusal(doc)).toContain('events: more than one tick is scheduled; an estate has one clock, ticking once per tickMs');
    const ha = saved();
    ha.events.push({ at: ha.clock.now + 1000, seq: 99_999, type: 'ha', host: 'nowhere', attempt: 0 });
    expect(refusal(ha)).toMatch(/events\[\d+\] \(ha\)\.host: names no host "nowhere"/);
    const stuck = saved();
    const w = index(stuck, 'web-01');
    stuck.workloads[w] = {
      ...stuck.workloads[w],
      state: 'booting',
      target: 'running',
      plan: [
        { state: 'booting', ms: 30_000 },
        { state: 'running', ms: 0 },
      ],
    };
    expect(refusal(stuck)).toContain(
      `workloads[${w}].plan: no scheduled step event with its token (${stuck.workloads[w].token ?? 0}) carries it on; write the state it settles in instead`,
    );
  });

  it('a recovery point interval the core can keep: 0 held the clock at one instant for ever', () => {
    const estate = PRESETS.hybrid!.build(1);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc;
    doc.workloads[0].attrs = { ...(doc.workloads[0].attrs as object), replicaRpoMs: 0 };
    expect(refusal(doc)).toContain('workloads[0].attrs.replicaRpoMs: 0; a recovery point interval is 30000 to 86400000 ms');
  });

  it("a Docker host inside a VM has that VM's size, and is down while its VM is", () => {
    const doc = saved();
    const h = doc.hosts.findIndex((x) => x.inVm === 'dockervm-01');
    doc.hosts[h].cores = 64;
    expect(refusal(doc)).toContain(`hosts[${h}].cores: 64, but it runs inside dockervm-01, which has 8 vCPUs (leave it out)`);
    const down = saved();
    const v = index(down, 'dockervm-01');
    down.workloads[v] = { ...down.workloads[v], state: 'stopped', level: 'disk' };
    for (const w of down.workloads) if (w.host === down.hosts[h].id) w.state = 'failed';
    expect(refusal(down)).toContain(`hosts[${h}].state: connected, but the VM it runs in (dockervm-01) is stopped`);
  });
});

describe('the end of simulated time', () => {
  it('a sleep that would pass it is refused, and the clock never passes it', () => {
    const doc = saved();
    const shift = MAX_TIME_MS - 3_600_000 - doc.clock.now;
    doc.clock.now += shift;
    for (const e of doc.events) e.at = (e.at as number) + shift;
    for (const w of doc.workloads) {
      w.since = (w.since as number) + shift;
      if ((w.runningSince as number) >= 0) w.runningSince = (w.runningSince as number) + shift;
      if (w.billing) (w.billing as { accruedAt: number }).accruedAt += shift;
    }
    doc.log = { total: 0, entries: [] };
    const r = estateFromJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    expect(runLine(r.value, 'sleep 2h').stderr).toBe("sleep: the estate's clock stops at 1,000 years of simulated time; it has 1h left\n");
    expect(runLine(r.value, 'sleep 1h').exitCode).toBe(0);
    r.value.sim.advance(3_600_000);
    expect(r.value.sim.now).toBe(MAX_TIME_MS);
  });
});

describe('what normal use saves loads again (review findings)', () => {
  const roundTrip = (estate: ReturnType<typeof buildDefaultEstate>) => refusal(JSON.parse(JSON.stringify(estateToFile(estate))));
  const run = (estate: ReturnType<typeof buildDefaultEstate>, ...lines: string[]) => {
    for (const line of lines) {
      const r = runLine(estate, line);
      expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
    }
  };

  it('Dynamic Memory, then a revert to a checkpoint taken before it', () => {
    const estate = PRESETS['small-office']!.build(1);
    run(
      estate,
      'Stop-VM -Name print -Force',
      'sleep 2m',
      'Checkpoint-VM -Name print -SnapshotName s1',
      'Set-VMMemory -VMName print -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 4GB',
      'Restore-VMSnapshot -VMName print -Name s1 -Confirm:$false',
    );
    expect(roundTrip(estate)).toBe('loaded');
  });

  it('a container whose memory reservation is above what it uses', () => {
    const estate = buildDefaultEstate(1);
    run(estate, 'docker run -d --name x --memory-reservation 128m nginx:1.27');
    expect(roundTrip(estate)).toBe('loaded');
  });

  it('the VM a Docker host runs in, resized: the host takes its new size', () => {
    const estate = PRESETS['small-office']!.build(1);
    run(estate, 'Stop-VM -Name docker-host -Force', 'sleep 1m', 'Set-VM -Name docker-host -ProcessorCount 3');
    expect(estate.sim.host('docker-host')!.cores).toBe(3);
    expect(roundTrip(estate)).toBe('loaded');
  });

  it('on-failure:1 restarts once in all, host failures included', () => {
    const estate = buildDefaultEstate(1);
    run(estate, 'docker run -d --name x --restart on-failure:1 nginx:1.27', 'sleep 1m');
    for (let i = 0; i < 2; i++) {
      expect(runSim(estate, ['fail', 'host', 'docker-01'])).toBeUndefined();
      expect(runSim(estate, ['recover', 'host', 'docker-01'])).toBeUndefined();
      estate.sim.advance(120_000);
    }
    expect(roundTrip(estate)).toBe('loaded');
  });

  it('a stopped cloud VM does not start on a region that has failed', () => {
    const estate = buildDefaultEstate(1);
    run(estate, 'az vm stop -g shop-rg -n shop-web-1', 'sleep 2m');
    expect(runSim(estate, ['fail', 'host', 'westeurope-capacity'])).toBeUndefined();
    expect(runLine(estate, 'az vm start -g shop-rg -n shop-web-1').exitCode).not.toBe(0);
    expect(roundTrip(estate)).toBe('loaded');
  });

  it("a cold move of a Docker host's VM that is off keeps the host down", () => {
    const estate = PRESETS['small-office']!.build(1);
    run(estate, 'Stop-VM -Name docker-host -Force', 'sleep 2m', 'Move-VM -Name docker-host -DestinationHost hv-01');
    estate.sim.advance(2000);
    expect(estate.sim.host('docker-host')!.state).toBe('failed');
    expect(roundTrip(estate)).toBe('loaded');
  });
});

describe('hand-written queues and plans that could not finish are refused (review findings)', () => {
  it('a stray step event for a workload with no plan runs harmlessly', () => {
    const doc = saved();
    const w = doc.workloads[index(doc, 'web-01')];
    doc.events.push({ at: doc.clock.now + 5000, seq: 99_999, type: 'step', workload: 'web-01', token: w.token ?? 0 });
    const r = estateFromJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    r.value.sim.advance(10_000);
    expect(r.value.sim.workload('web-01')!.state).toBe('running');
  });

  it('a migration that lands in a transition, on another platform or a failed host', () => {
    const estate = buildDefaultEstate(1);
    // Not waited for (govc vm.migrate returns once the VM has moved): the migration stays in flight.
    expect(estate.providers.exec('govc vm.migrate -host esx-04 web-01').exitCode).toBe(0);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc & { migrations: Record<string, unknown>[] };
    doc.migrations[0].after = 'booting';
    expect(refusal(doc)).toContain('migrations[0].after: a live migration lands running, not booting');
    doc.migrations[0].after = 'running';
    doc.migrations[0].to = 'hv-01';
    expect(refusal(doc)).toContain('migrations[0].to: hv-01 does not run vmware workloads');
  });

  it('snapshots bigger than the disk claim that holds them', () => {
    const estate = buildDefaultEstate(1);
    runLine(estate, 'govc snapshot.create -vm web-01 big');
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc;
    const w = index(doc, 'web-01');
    (doc.workloads[w].snapshots as { list: { size: string }[] }).list[0].size = '900GiB';
    expect(refusal(doc)).toMatch(new RegExp(`workloads\\[${w}\\]\\.claim\\.disk: \\d+ MiB, less than its disk and snapshots`));
  });

  it('a Docker host whose VM is deleted, a fractional clock, a VM with half a vCPU', () => {
    const doc = saved();
    const h = doc.hosts.findIndex((x) => x.inVm === 'dockervm-01');
    const v = index(doc, 'dockervm-01');
    doc.workloads[v] = { ...doc.workloads[v], state: 'deleted', level: 'none' };
    delete doc.workloads[v].host;
    expect(refusal(doc)).toContain(`hosts[${h}].inVm: dockervm-01 is deleted, and the host went with it: leave the host out`);
    const half = saved();
    half.clock.now += 0.5;
    expect(refusal(half)).toContain('clock.now: a whole number of ms');
    const vcpu = saved();
    vcpu.workloads[index(vcpu, 'web-01')].vcpus = 2.5;
    expect(refusal(vcpu)).toContain(`workloads[${index(vcpu, 'web-01')}].vcpus: 2.5; a VM has a whole number of vCPUs`);
  });

  it('at the end of simulated time a file without a tick saves and loads', () => {
    const doc = saved();
    const shift = MAX_TIME_MS - 500 - doc.clock.now;
    doc.clock.now += shift;
    doc.events = [];
    doc.workloads = doc.workloads.map((w) => ({
      ...w,
      since: (w.since as number) + shift,
      ...((w.runningSince as number) >= 0 ? { runningSince: (w.runningSince as number) + shift } : {}),
      ...(w.billing ? { billing: { ...(w.billing as object), accruedAt: ((w.billing as { accruedAt: number }).accruedAt ?? 0) + shift } } : {}),
    }));
    doc.log = { total: 0, entries: [] };
    const r = estateFromJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    expect(refusal(JSON.parse(JSON.stringify(estateToFile(r.value))))).toBe('loaded');
  });
});

describe('fields an event does not declare', () => {
  it('are kept as they are, not taken for indices (a stray numeric workload made every save throw)', () => {
    const estate = PRESETS.hybrid!.build(1);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as Doc;
    const sync = doc.events.find((e) => e.type === 'replica-sync');
    const tick = doc.events.find((e) => e.type === 'tick')!;
    (sync ?? tick).workload = 99_999;
    const r = estateFromJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    r.value.sim.advance(1000);
    expect(refusal(JSON.parse(JSON.stringify(estateToFile(r.value))))).toBe('loaded');
  });
});
