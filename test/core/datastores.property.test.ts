// The storage layer's two promises, under any mix of what people do to an estate:
// a datastore's disks never use more than its capacity, and no disk is lost, across
// guests' writes, migrations (with and without the disk), Storage vMotions, host
// failures with HA restarts, snapshots, resizes, deletes, volumes made, grown,
// removed, attached and detached, and reloads from a dump.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../fast-check-seed.js';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { DISK, gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

const HOSTS = ['h1', 'h2', 'h3'] as const;
const STORES = ['lun1', 'nfs1', 'small'] as const;

function estate(): Simulation {
  const sim = cluster(
    [
      { id: 'h1', diskGiB: 200 },
      { id: 'h2', diskGiB: 200 },
    ],
    {
      platform: 'vmware',
      shared: false,
      ha: { kind: 'slots', hostFailures: 1 },
    },
  );
  must(sim.addCluster({ id: 'c2', site: 'dc1', platform: 'vmware' }));
  must(sim.addHost({ id: 'h3', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(200) }));
  must(sim.addDatastore({ id: 'lun1', medium: 'san', clusters: ['c1'], capacityMiB: gib(150) }));
  must(sim.addDatastore({ id: 'nfs1', medium: 'nas', clusters: ['c1', 'c2'], capacityMiB: gib(300) }));
  must(sim.addDatastore({ id: 'small', medium: 'san', clusters: ['c1', 'c2'], capacityMiB: gib(24) }));
  return sim;
}

type Op =
  | { k: 'create'; sizeGiB: number; store: number; format: 'thin' | 'thick' | 'eager'; wroteGiB: number; host: number; level: number }
  | { k: 'advance'; ms: number }
  | { k: 'relocate'; w: number; store: number }
  | { k: 'migrate'; w: number; host: number; copy: boolean; store: number | null }
  | { k: 'host'; host: number; state: 'failed' | 'connected' }
  | { k: 'act'; w: number; action: 'start' | 'stop' | 'resume' | 'delete' }
  | { k: 'snapshot'; w: number; take: boolean }
  | { k: 'grow'; w: number; byGiB: number }
  | { k: 'volume'; store: number; host: number; sizeGiB: number; format: 'thin' | 'thick' | 'eager'; n: number }
  | { k: 'volumeResize'; n: number; sizeGiB: number }
  | { k: 'volumeDelete'; n: number }
  | { k: 'attach'; n: number; w: number; on: boolean }
  | { k: 'dataDisk'; w: number; store: number; sizeGiB: number; format: 'thin' | 'thick' | 'eager'; n: number }
  | { k: 'dataDiskResize'; w: number; sizeGiB: number }
  | { k: 'reload' };

const w = fc.nat(11);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('create' as const),
      sizeGiB: fc.integer({ min: 4, max: 120 }),
      // 3: the host's own storage.
      store: fc.nat(3),
      format: fc.constantFrom('thin' as const, 'thick' as const, 'eager' as const),
      wroteGiB: fc.nat(40),
      host: fc.nat(2),
      level: fc.constantFrom(0, 0.3, 1),
    }),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 1000, max: 7_200_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('relocate' as const), w, store: fc.nat(2) }) },
  {
    weight: 2,
    // store: a vMotion with storage to that datastore (h3's cluster mounts nfs1 and small, not lun1).
    arbitrary: fc.record({ k: fc.constant('migrate' as const), w, host: fc.nat(2), copy: fc.boolean(), store: fc.option(fc.nat(2), { freq: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('host' as const), host: fc.nat(2), state: fc.constantFrom('failed' as const, 'connected' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('act' as const),
      w,
      action: fc.constantFrom('start' as const, 'stop' as const, 'resume' as const, 'delete' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('snapshot' as const), w, take: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('grow' as const), w, byGiB: fc.integer({ min: 1, max: 60 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('volume' as const),
      // 3: a host's own storage.
      store: fc.nat(3),
      host: fc.nat(2),
      sizeGiB: fc.integer({ min: 1, max: 80 }),
      format: fc.constantFrom('thin' as const, 'thick' as const, 'eager' as const),
      n: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('volumeResize' as const), n: fc.nat(7), sizeGiB: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('volumeDelete' as const), n: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('attach' as const), n: fc.nat(7), w, on: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('dataDisk' as const),
      w,
      // 3: its host's own storage.
      store: fc.nat(3),
      sizeGiB: fc.integer({ min: 1, max: 30 }),
      format: fc.constantFrom('thin' as const, 'thick' as const, 'eager' as const),
      n: fc.nat(2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dataDiskResize' as const), w, sizeGiB: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reload' as const) }) },
);

/** Applies one step; a refusal is a fine outcome (the properties hold either way). */
function apply(sim: Simulation, o: Op, ids: string[]): Simulation {
  const id = (n: number) => ids[n % Math.max(1, ids.length)] ?? 'none';
  switch (o.k) {
    case 'create': {
      const name = `vm${ids.length}`;
      const placed = sim.createWorkload(
        vm(name, 2, 4, {
          platform: 'vmware',
          host: HOSTS[o.host],
          diskMiB: gib(o.sizeGiB),
          modelLevel: o.level,
          ...(o.store < 3 ? { datastore: { id: STORES[o.store], format: o.format, allocatedMiB: gib(Math.min(o.wroteGiB, o.sizeGiB)) } } : {}),
        }),
      );
      if (placed.ok) ids.push(name);
      return sim;
    }
    case 'advance':
      sim.advance(o.ms);
      return sim;
    case 'relocate':
      sim.relocateStorage(id(o.w), STORES[o.store]);
      return sim;
    case 'migrate':
      sim.migrate(id(o.w), HOSTS[o.host], { copyStorage: o.copy, ...(o.store === null ? {} : { datastore: STORES[o.store] }) });
      return sim;
    case 'host':
      sim.setHostState(HOSTS[o.host], o.state);
      return sim;
    case 'act':
      sim.act(id(o.w), o.action);
      return sim;
    case 'snapshot':
      if (o.take) sim.takeSnapshot(id(o.w), `s${sim.now}`);
      else {
        const w = sim.workloads.indexOf(id(o.w));
        const first = w === undefined ? undefined : sim.snapshots.of(w).list[0];
        if (first) sim.deleteSnapshot(id(o.w), first.name);
      }
      return sim;
    case 'grow': {
      const v = sim.workload(id(o.w));
      if (v) sim.resize(id(o.w), { diskMiB: v.diskMiB + gib(o.byGiB) });
      return sim;
    }
    case 'volume': {
      const store = o.store < 3 ? { datastore: STORES[o.store] } : { host: HOSTS[o.host] };
      sim.createVolume({ store, name: `disks/v${o.n}.vmdk`, capacityMiB: gib(o.sizeGiB), format: o.format });
      return sim;
    }
    case 'volumeResize':
    case 'volumeDelete': {
      const all = sim.volumes();
      const v = all[o.n % Math.max(1, all.length)];
      if (!v) return sim;
      const store = v.datastore === undefined ? { host: v.host! } : { datastore: v.datastore };
      if (o.k === 'volumeDelete') sim.deleteVolume(store, v.name);
      else sim.resizeVolume(store, v.name, gib(o.sizeGiB));
      return sim;
    }
    case 'attach': {
      const all = sim.volumes();
      const v = all[o.n % Math.max(1, all.length)];
      if (!v) return sim;
      const store = v.datastore === undefined ? { host: v.host! } : { datastore: v.datastore };
      if (o.on) sim.attachVolume(store, v.name, id(o.w));
      else sim.detachVolume(store, v.name);
      return sim;
    }
    case 'dataDisk': {
      // A data disk for a VM, where its host can open it (or not: a refusal is fine).
      const vmId = id(o.w);
      const host = sim.workload(vmId)?.host;
      const store = o.store < 3 ? { datastore: STORES[o.store] } : host ? { host } : undefined;
      if (!store) return sim;
      const name = `${vmId}/data${o.n}.vmdk`;
      if (sim.createVolume({ store, name, capacityMiB: gib(o.sizeGiB), format: o.format }).ok && !sim.attachVolume(store, name, vmId).ok)
        must(sim.deleteVolume(store, name));
      return sim;
    }
    case 'dataDiskResize': {
      const d = sim.dataDisks(id(o.w))[0];
      if (d) sim.resizeVolume(d.datastore === undefined ? { host: d.host! } : { datastore: d.datastore }, d.name, gib(o.sizeGiB));
      return sim;
    }
    case 'reload': {
      const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
      expect(again.datastoreViews()).toEqual(sim.datastoreViews());
      expect(again.volumes()).toEqual(sim.volumes());
      expect(again.hostViews().map((h) => h.allocated)).toEqual(sim.hostViews().map((h) => h.allocated));
      return again;
    }
  }
}

/** Where each live VM's disk is: a datastore, or its host's own storage. */
function whereDisks(sim: Simulation, ids: readonly string[]): Map<string, string> {
  const at = new Map<string, string>();
  for (const id of ids) {
    const v = sim.workload(id);
    if (!v || v.state === 'deleted') continue;
    const disk = sim.diskOn(id);
    at.set(id, disk ? `ds:${disk.datastore}` : 'host');
  }
  return at;
}

function holds(sim: Simulation, ids: readonly string[], before: Map<string, string>): void {
  const views = sim.datastoreViews();
  for (const d of views) {
    expect(d.usedMiB, d.id).toBeLessThanOrEqual(d.capacityMiB);
    // What its disks and volumes use, and no more than the room a copy holds besides.
    const disks = d.disks.reduce((s, k) => s + k.usedMiB, 0) + d.volumes.reduce((s, v) => s + v.usedMiB, 0);
    expect(d.usedMiB, d.id).toBeGreaterThanOrEqual(disks);
    for (const k of d.disks) {
      expect(k.usedMiB).toBeLessThanOrEqual(k.provisionedMiB);
      expect(k.capacityMiB).toBe(sim.workload(k.workload)!.diskMiB);
    }
  }
  // A data disk is always where its VM's host (and a migration's target, unless it is on its way with a vMotion with
  // storage to a datastore that target mounts) can open it.
  for (const [w, m] of sim.datastores.moves) {
    if (!m.withMigration) continue;
    expect(sim.datastores.sees(sim.hosts, m.to, sim.migrations.get(w)!.to), `move of ${sim.workloads.records[w].id}`).toBe(true);
    // Its target holds no disk for it: the disk is going to the datastore.
    if (sim.workloads.claimId2[w] >= 0) expect(sim.ledger.claimAmounts(sim.workloads.claimId2[w])[DISK]).toBe(0);
  }
  for (const v of sim.volumes()) {
    if (!v.attachedTo) continue;
    const vmView = sim.workload(v.attachedTo)!;
    expect(vmView.state).not.toBe('deleted');
    const w = sim.workloads.indexOf(v.attachedTo)!;
    const carried = sim.datastores.moves.get(w)?.withMigration === true;
    const hosts = [sim.workloads.host[w], ...(carried ? [] : [sim.workloads.host2[w]])].filter((h) => h >= 0).map((h) => sim.hosts.records[h].id);
    for (const at of hosts) {
      if (v.host !== undefined) expect(at, `${v.name} of ${v.attachedTo}`).toBe(v.host);
      else expect(sim.datastoreViews().find((d) => d.id === v.datastore)!.clusters).toContain(sim.host(at)!.cluster);
    }
  }
  const now = whereDisks(sim, ids);
  for (const [id, was] of before) {
    const v = sim.workload(id);
    // A VM goes only when someone deletes it; its disk is somewhere until then.
    if (!v || v.state === 'deleted') continue;
    const at = now.get(id)!;
    // A disk on a datastore stays on one (a move is to another datastore).
    if (was.startsWith('ds:')) expect(at.startsWith('ds:'), `${id}: ${was} -> ${at}`).toBe(true);
    if (at === 'host' && v.host) {
      const claim = sim.workloads.records[sim.workloads.indexOf(id)!].claim[DISK];
      expect(claim, id).toBeGreaterThanOrEqual(v.diskMiB);
    }
  }
  // Every host's storage holds at least the disks of the VMs kept on it, and its volumes.
  for (const h of sim.hostViews()) {
    const own = [...now].filter(([id, at]) => at === 'host' && sim.workload(id)!.host === h.id);
    const sum = own.reduce((s, [id]) => s + sim.workload(id)!.diskMiB, 0) + sim.volumes({ host: h.id }).reduce((s, v) => s + v.capacityMiB, 0);
    expect(h.allocated.diskMiB, h.id).toBeGreaterThanOrEqual(sum);
  }
}

describe('datastores under any sequence of operations', () => {
  it('never use more than their capacity, and lose no disk', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
        let sim = estate();
        const ids: string[] = [];
        for (const o of ops) {
          const before = whereDisks(sim, ids);
          sim = apply(sim, o, ids);
          holds(sim, ids, before);
        }
        // Whatever was under way finishes, and the promises still hold.
        const before = whereDisks(sim, ids);
        sim.advance(3_600_000);
        holds(sim, ids, before);
        const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
        expect(again.datastoreViews()).toEqual(sim.datastoreViews());
      }),
      { numRuns: 60 },
    );
  });
});
