import { existsSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { loadEstate, saveEstate, saveOrRecover } from '../../src/estate/store.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hyperpane-estate-'));

describe('estate files', () => {
  it("round-trip: load(save(estate)) is the same estate, drivers' state included", () => {
    const estate = buildDefaultEstate(3);
    estate.sim.advance(90_000);
    estate.providers.exec('docker run -d --name cache redis:7');
    estate.providers.exec('New-VMSwitch -Name Lab -SwitchType Private');
    estate.providers.exec('virsh snapshot-create-as dev-01 clean');
    const file = JSON.parse(JSON.stringify(estateToFile(estate)));
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(`${back.error.message}\n${back.error.details?.join('\n')}`);
    expect(dumpCore(back.value.sim)).toEqual(dumpCore(estate.sim));
    expect(estateToFile(back.value)).toEqual(file);
    expect(back.value.providers.hyperv.switchNamed('Lab')?.type).toBe('Private');
  });

  it('writes sizes as people write them', () => {
    const file = estateToFile(buildDefaultEstate(1));
    expect(file.hosts.find((h) => h.id === 'esx-01')).toMatchObject({ memory: '256GiB', storage: '4TiB' });
    expect(file.workloads!.find((w) => w.id === 'web-01')).toMatchObject({ vcpus: 2, memory: '4GiB', durations: 'vmware' });
  });

  it('reads a short hand-written estate, filling in what it leaves out', () => {
    const r = estateFromJson({
      format: 'hyperpane-estate',
      version: 2,
      name: 'lab',
      sites: [{ id: 'dc', kind: 'datacenter' }],
      clusters: [{ id: 'k', site: 'dc', platform: 'kvm' }],
      hosts: [{ id: 'kvm-01', cluster: 'k', cores: 16, memory: '64GiB', storage: '1TiB' }],
      workloads: [{ id: 'vm1', platform: 'kvm', vcpus: 2, memory: '4GiB', disk: '20GiB', state: 'running', host: 'kvm-01' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    const { sim, providers } = r.value;
    // Plain libvirt admits any domain: no ratio limits vCPUs or memory.
    expect(sim.host('kvm-01')!.ratios).toEqual({ cpu: Infinity, memory: Infinity, storage: 1 });
    expect(sim.host('kvm-01')!.allocated.memoryMiB).toBe(4096);
    sim.advance(5000);
    expect(sim.workload('vm1')!.cpuPct).toBeGreaterThan(0);
    expect(providers.exec('virsh list').stdout).toContain('vm1');
  });

  it('says what is wrong, with the path of each problem', () => {
    const bad = (patch: object) =>
      estateFromJson({
        format: 'hyperpane-estate',
        version: 2,
        sites: [{ id: 'dc', kind: 'datacenter' }],
        clusters: [{ id: 'k', site: 'dc', platform: 'kvm' }],
        hosts: [{ id: 'h', cluster: 'k', cores: 4, memory: '8GiB', storage: '100GiB' }],
        ...patch,
      });
    const neg = bad({ hosts: [{ id: 'h', cluster: 'k', cores: 4, memory: -4, storage: '1TiB' }] });
    expect(!neg.ok && neg.error.details).toContain('hosts[0].memory: expected a size like 64GiB, got -4');
    const typo = bad({ hosts: [{ id: 'h', cluster: 'k', cores: 4, memroy: '8GiB', storage: '1TiB' }] });
    expect(!typo.ok && typo.error.details!.join('\n')).toMatch(/hosts\[0\]: Unrecognized key: "memroy"/);
    const dangling = bad({ workloads: [{ id: 'v', platform: 'kvm', vcpus: 1, memory: '1GiB', state: 'running', host: 'nope' }] });
    expect(!dangling.ok && dangling.error.details).toContain('workloads[0].host: no host named nope');
    const wrongPlatform = bad({ workloads: [{ id: 'v', platform: 'vmware', vcpus: 1, memory: '1GiB', state: 'running', host: 'h' }] });
    expect(!wrongPlatform.ok && wrongPlatform.error.details).toContain('workloads[0].host: h runs KVM, this workload is ESXi');
    // A KVM host admits a 64 GiB VM on 8 GiB; in a cluster with OpenStack Nova's ratios (ram 1.0) it does not.
    expect(bad({ workloads: [{ id: 'v', platform: 'kvm', vcpus: 1, memory: '64GiB', state: 'running', host: 'h' }] }).ok).toBe(true);
    const full = bad({
      clusters: [{ id: 'k', site: 'dc', platform: 'kvm', allocationRatios: { cpu: 4, memory: 1 } }],
      workloads: [{ id: 'v', platform: 'kvm', vcpus: 1, memory: '64GiB', state: 'running', host: 'h' }],
    });
    expect(!full.ok && full.error.message).toContain('workload v: Insufficient memory: needs 64 GiB, h has 7.5 GiB free');
    const newer = estateFromJson({ format: 'hyperpane-estate', version: 7 });
    expect(!newer.ok && newer.error.message).toContain('format version 7, written by a newer hyperpane');
    const other = estateFromJson({ format: 'something-else' });
    expect(!other.ok && other.error.message).toContain('not an estate file');
  });

  it('saves atomically beside the old file, keeping it as .bak, and loads back', () => {
    const d = dir();
    const path = join(d, 'estate.json');
    const estate = buildDefaultEstate(2);
    expect(saveEstate(estate, path).ok).toBe(true);
    estate.sim.advance(60_000);
    expect(saveEstate(estate, path).ok).toBe(true);
    expect(existsSync(`${path}.bak`)).toBe(true);
    const back = loadEstate(path);
    expect(back.ok && back.value.sim.now).toBe(estate.sim.now);
    writeFileSync(join(d, 'broken.json'), '{\n  "format": "hyperpane-estate",\n  "version": 2,\n}');
    const broken = loadEstate(join(d, 'broken.json'));
    expect(!broken.ok && broken.error.message).toMatch(/broken\.json: not valid JSON: line 4, column 1/);
    const missing = loadEstate(join(d, 'nope.json'));
    expect(!missing.ok && missing.error.message).toMatch(/cannot read .*nope\.json: no such file or directory/);
    expect(readFileSync(path, 'utf8').startsWith('{\n "format": "hyperpane-estate"')).toBe(true);
  });
});

describe('two writers on one file', () => {
  it('the second save of an estate read before the first save is refused, not a silent overwrite', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-two-'));
    const path = join(d, 'lab.json');
    expect(saveEstate(buildDefaultEstate(1), path).ok).toBe(true);
    const a = loadEstate(path);
    const b = loadEstate(path);
    if (!a.ok || !b.ok) throw new Error('not loaded');
    b.value.sim.advance(60_000);
    expect(saveEstate(b.value, path).ok).toBe(true);
    a.value.sim.advance(120_000);
    const r = saveEstate(a.value, path);
    expect(r).toEqual({ ok: false, conflict: true, message: `${path} was changed by another program since it was read here; not saved over it` });
    expect((loadEstate(path) as { value: Estate }).value.sim.now).toBe(b.value.sim.now);
    // Asked to (:w!), it replaces the file; and a save after its own save is no conflict.
    expect(saveEstate(a.value, path, { force: true }).ok).toBe(true);
    expect(saveEstate(a.value, path).ok).toBe(true);
    const recovered = saveOrRecover(b.value, path);
    expect(recovered.ok).toBe(false);
    expect(!recovered.ok && recovered.recoveredTo).toMatch(/lab\.conflict-\d+\.json$/);
  });
});

describe('a link pointed elsewhere since it was read', () => {
  it('is a conflict, not a silent save over the file it points to now', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-relink-'));
    const a = join(d, 'a.json');
    const other = join(d, 'other.json');
    saveEstate(buildDefaultEstate(1), a);
    saveEstate(buildDefaultEstate(2), other);
    const link = join(d, 'lab.json');
    symlinkSync('a.json', link);
    const loaded = loadEstate(link);
    if (!loaded.ok) throw new Error(loaded.error.message);
    loaded.value.sim.advance(1000);
    unlinkSync(link);
    symlinkSync('other.json', link);
    const before = readFileSync(other, 'utf8');
    const r = saveEstate(loaded.value, link);
    expect(r).toMatchObject({ ok: false, conflict: true });
    expect(readFileSync(other, 'utf8')).toBe(before);
  });

  it('a copy saved when the file cannot take it goes where no planted link can lead', () => {
    const d = mkdtempSync(join(tmpdir(), 'hp-recover-'));
    const lab = join(d, 'lab.json');
    saveEstate(buildDefaultEstate(1), lab);
    const loaded = loadEstate(lab);
    if (!loaded.ok) throw new Error(loaded.error.message);
    // Someone else saves meanwhile, and a link waits where the copy would go beside the file.
    saveEstate(buildDefaultEstate(2), lab, { force: true });
    const victim = join(d, 'victim.txt');
    symlinkSync(victim, join(d, `lab.conflict-${process.pid}.json`));
    loaded.value.sim.advance(1000);
    const r = saveOrRecover(loaded.value, lab);
    expect(r.ok).toBe(false);
    expect(existsSync(victim)).toBe(false);
    expect(!r.ok && r.recoveredTo).toMatch(new RegExp(`lab\\.conflict-${process.pid}-1\\.json$`));
  });

  it('writes only the ratios a host has of its own; no limit is null, and a version-2 file sheds the defaults it wrote out', () => {
    const v2 = {
      format: 'hyperpane-estate',
      version: 2,
      sites: [{ id: 'dc', kind: 'datacenter' }],
      clusters: [
        { id: 'k', site: 'dc', platform: 'kvm' },
        { id: 'v', site: 'dc', platform: 'vmware' },
      ],
      hosts: [
        // Version 2 wrote the defaults of its day: Nova's for KVM, cpu 4 / memory 1.5 for ESXi.
        { id: 'kvm-01', cluster: 'k', cores: 16, memory: '64GiB', storage: '1TiB', ratios: { cpu: 4, memory: 1, storage: 1 } },
        { id: 'esx-01', cluster: 'v', cores: 16, memory: '64GiB', storage: '1TiB', ratios: { cpu: 4, memory: 1.5, storage: 1 } },
        // A ratio of its own survives.
        { id: 'esx-02', cluster: 'v', cores: 16, memory: '64GiB', storage: '1TiB', ratios: { cpu: 8, memory: 1.5, storage: 1 } },
      ],
    };
    const r = estateFromJson(v2);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.convertedFrom).toBe(2);
    expect(r.value.sim.host('kvm-01')!.ratios).toEqual({ cpu: Infinity, memory: Infinity, storage: 1 });
    expect(r.value.sim.host('esx-01')!.ratios).toEqual({ cpu: 32, memory: Infinity, storage: 1 });
    expect(r.value.sim.host('esx-02')!.ratios).toEqual({ cpu: 8, memory: Infinity, storage: 1 });
    const written = estateToFile(r.value);
    expect(written.version).toBe(3);
    expect(written.hosts.map((h) => h.ratios)).toEqual([undefined, undefined, { cpu: 8 }]);
    // A host with no limit where its platform has one is written with null, and read back.
    const hv = estateFromJson({
      ...v2,
      version: 3,
      clusters: [{ id: 'h', site: 'dc', platform: 'hyperv' }],
      hosts: [{ id: 'hv-01', cluster: 'h', cores: 8, memory: '32GiB', storage: '1TiB', ratios: { memory: null } }],
    });
    if (!hv.ok) throw new Error(hv.error.message);
    expect(hv.value.sim.host('hv-01')!.ratios.memory).toBe(Infinity);
    expect(estateToFile(hv.value).hosts[0].ratios).toEqual({ memory: null });
  });
});

describe('scheduled events saved by an older hyperpane', () => {
  it('a DRS pass saved as "drs" (before drivers\' events had a dot in their type) loads as "drs.pass" and runs', async () => {
    const { runLine } = await import('../../src/estate/script.js');
    const estate = buildDefaultEstate(1);
    expect(runLine(estate, 'govc cluster.change -drs-mode fullyAutomated vsphere-prod').exitCode).toBe(0);
    const doc = JSON.parse(JSON.stringify(estateToFile(estate))) as { events: { type: string }[] };
    const pass = doc.events.find((e) => e.type === 'drs.pass');
    expect(pass).toBeDefined();
    pass!.type = 'drs';
    const back = estateFromJson(doc);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.sim.clock.pendingEvents().some((e) => e.payload.type === 'drs.pass')).toBe(true);
    back.value.sim.advance(600_000);
    expect(back.value.sim.clock.pendingEvents().filter((e) => e.payload.type === 'drs.pass')).toHaveLength(1);
  });
});

describe('quota held past a limit lowered later', () => {
  it('stays held by its workloads through a load and the next save', () => {
    const file = JSON.parse(JSON.stringify(estateToFile(buildDefaultEstate(1)))) as {
      quotas: { key: string; limit: number }[];
      workloads: { id: string; quota?: { key: string; amount: number }[] }[];
    };
    const held = file.workloads.filter((w) => (w.quota ?? []).length > 0);
    expect(held.length).toBeGreaterThan(0);
    // Every quota lowered to nothing: what the workloads already hold is over every limit.
    for (const q of file.quotas) q.limit = 0;
    const loaded = estateFromJson(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const again = estateToFile(loaded.value) as unknown as typeof file;
    for (const w of held) expect(again.workloads.find((x) => x.id === w.id)?.quota, w.id).toEqual(w.quota);
    const sums = new Map<string, number>();
    for (const w of held) for (const c of w.quota ?? []) sums.set(c.key, (sums.get(c.key) ?? 0) + c.amount);
    for (const q of loaded.value.sim.quotaList()) expect(q.used, q.key).toBe(sums.get(q.key) ?? 0);
  });
});
