// Backups with retention, restores in place and as new VMs, replication to
// another site with a recovery point, and a site failure drill that reports what
// the failover lost.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { must, vm } from './fixtures.js';

function twoSites() {
  const sim = new Simulation({ seed: 3 });
  must(sim.addSite({ id: 'east', kind: 'datacenter' }));
  must(sim.addSite({ id: 'west', kind: 'datacenter' }));
  must(sim.addCluster({ id: 'ce', site: 'east', platform: 'kvm' }));
  must(sim.addCluster({ id: 'cw', site: 'west', platform: 'kvm' }));
  for (const [id, c] of [
    ['e1', 'ce'],
    ['e2', 'ce'],
    ['w1', 'cw'],
  ])
    must(sim.addHost({ id, cluster: c, cores: 16, memoryMiB: gib(64), storageMiB: gib(2000) }));
  must(sim.addBackupTarget({ id: 'repo', site: 'east', capacityMiB: gib(100), throughputMiBps: 200 }));
  must(sim.createWorkload(vm('db', 2, 8, { host: 'e1', diskMiB: gib(20) })));
  return sim;
}

describe('backups', () => {
  it('take disk / throughput, hold the VM as it was when they began, and keep the newest N', () => {
    const sim = twoSites();
    const job = must(sim.backup('db', 'repo', 2));
    expect(job.endsAt - job.startedAt).toBe(Math.round((gib(20) / 200) * 1000));
    sim.advance(job.endsAt - sim.now);
    expect(sim.backups.pointsOf('db').map((p) => [p.id, p.takenAt])).toEqual([['db-1', job.startedAt]]);
    for (let i = 0; i < 2; i++) sim.advance(must(sim.backup('db', 'repo', 2)).endsAt - sim.now);
    expect(sim.backups.pointsOf('db').map((p) => p.id)).toEqual(['db-2', 'db-3']);
    expect(sim.backups.target('repo')!.usedMiB).toBe(2 * gib(20));
    expect(sim.log.all().at(-1)!.message).toMatch(/^Backup db-3 of db on repo: 20 GiB, 2 restore points kept, db-1 expired$/);
  });

  it('refuse what cannot be done, saying why', () => {
    const sim = twoSites();
    expect(sim.backup('db', 'nowhere')).toMatchObject({ ok: false, error: { message: 'no backup target named nowhere (targets: repo)' } });
    must(sim.backup('db', 'repo'));
    expect(sim.backup('db', 'repo')).toMatchObject({ ok: false, error: { message: 'a backup of db is already running' } });
    must(sim.createWorkload(vm('huge', 2, 4, { host: 'e2', diskMiB: gib(90) })));
    expect(sim.backup('huge', 'repo').ok).toBe(false);
  });

  it('restore in place (powered off), or as a new VM anywhere', () => {
    const sim = twoSites();
    sim.advance(must(sim.backup('db', 'repo')).endsAt - sim.now);
    must(sim.resize('db', { memoryMiB: gib(16) }));
    expect(sim.restore('db-1')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/power db off to restore it in place/) } });
    must(sim.act('db', 'force-stop'));
    must(sim.restore('db-1'));
    expect(sim.workload('db')!.state).toBe('provisioning');
    sim.advance(200_000);
    expect([sim.workload('db')!.state, sim.workload('db')!.memoryMiB]).toEqual(['stopped', gib(8)]);
    must(sim.restore('db-1', { asNew: 'db-copy', site: 'west' }));
    sim.advance(200_000);
    expect([sim.workload('db-copy')!.state, sim.workload('db-copy')!.host]).toEqual(['stopped', 'w1']);
  });
});

describe('replication and site failover', () => {
  it('seeds a replica at the other site, keeps it within its RPO, and a failover reports what was lost', () => {
    const sim = twoSites();
    const r = must(sim.replicate('db', 'west', 60_000));
    expect([r.replica, r.host]).toEqual(['db-replica', 'w1']);
    expect(sim.failover('db-replica')).toMatchObject({ ok: false, error: { message: 'db-replica is still seeding: it has no recovery point yet' } });
    sim.advance(r.seedMs + 150_000);
    const synced = Number(sim.workload('db-replica')!.attrs.replicaSyncedAt);
    expect(sim.now - synced).toBeLessThanOrEqual(60_000);
    expect(sim.failover('db-replica')).toMatchObject({ ok: false, error: { message: 'db is running: shut it down first for a planned failover' } });
    sim.advance(40_000);
    const lastPoint = Number(sim.workload('db-replica')!.attrs.replicaSyncedAt);
    must(sim.failSite('east'));
    expect(sim.workload('db')!.state).toBe('failed');
    sim.advance(30_000); // no new recovery point: the source is down
    const drill = must(sim.failoverSite('east'));
    expect(drill.reports).toEqual([{ replica: 'db-replica', source: 'db', lostMs: sim.now - lastPoint, recoveryPoint: lastPoint }]);
    sim.advance(300_000);
    expect([sim.workload('db-replica')!.state, sim.workload('db-replica')!.host]).toEqual(['running', 'w1']);
    expect(sim.log.all().some((e) => e.kind === 'site.failover' && /1 VM up at the other site, at most \d+ s of changes lost/.test(e.message))).toBe(true);
  });

  it('keeps backups, jobs and replicas through a save and a load', () => {
    const sim = twoSites();
    sim.advance(must(sim.backup('db', 'repo')).endsAt - sim.now);
    must(sim.backup('db', 'repo'));
    must(sim.replicate('db', 'west'));
    sim.advance(5_000);
    const loaded = must(restoreCore(dumpCore(sim)));
    expect(dumpCore(loaded)).toEqual(dumpCore(sim));
    loaded.advance(600_000);
    sim.advance(600_000);
    expect(dumpCore(loaded)).toEqual(dumpCore(sim));
    expect(loaded.backups.pointsOf('db')).toHaveLength(2);
  });
});
