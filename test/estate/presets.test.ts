// The starting estates `hyperpane new --preset NAME` writes: each builds the same
// for the same seed, holds what its description says, and goes through a file
// unchanged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { runLine } from '../../src/estate/script.js';
import { saveEstate, tooBigToSave } from '../../src/estate/store.js';

const count = (estate: ReturnType<(typeof PRESETS)['default']['build']>, kind: string) => estate.sim.workloadViews().filter((w) => w.kind === kind).length;

describe('presets', () => {
  it('are the built-in one, a small office, an enterprise, a hybrid, the scale estate and the huge one', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['default', 'enterprise', 'huge', 'hybrid', 'scale', 'small-office']);
  });

  it('only the huge estate is too big for a file, and a save says so before it starts', () => {
    expect(Object.entries(PRESETS).flatMap(([name, p]) => (p.unsaveable ? [name] : []))).toEqual(['huge']);
    // The limit itself, on an estate just past it (built small: the check counts workloads, not bytes).
    const estate = buildScaleEstate({ hosts: 64 * 4, workloads: 2000 });
    const d = mkdtempSync(join(tmpdir(), 'hp-big-'));
    expect(saveEstate(estate, join(d, 'ok.json')).ok).toBe(true);
    expect(tooBigToSave(estate, 'x.json', 1999)).toBe('cannot save x.json: an estate file holds at most 1,999 workloads and this estate has 2,000');
    expect(tooBigToSave(estate, 'x.json', 2000)).toBeUndefined();
    // Deleted workloads are not written, so they do not count.
    expect(runLine(estate, 'virsh destroy vm-000003').exitCode).toBe(0);
    expect(runLine(estate, 'virsh undefine vm-000003').exitCode).toBe(0);
    expect(tooBigToSave(estate, 'x.json', 1999)).toBeUndefined();
  });

  it.each(['default', 'small-office', 'enterprise', 'hybrid'])('%s builds the same for a seed and survives a file', (name) => {
    const a = PRESETS[name].build(4);
    const b = PRESETS[name].build(4);
    expect(dumpCore(a.sim)).toEqual(dumpCore(b.sim));
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(a))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(dumpCore(loaded.value.sim)).toEqual(dumpCore(a.sim));
  });

  it('hold what they promise', () => {
    const office = PRESETS['small-office'].build(1);
    expect([office.sim.hosts.count, count(office, 'vm'), count(office, 'container'), office.sim.backups.targets.length]).toEqual([3, 5, 3, 1]);
    const ent = PRESETS.enterprise.build(1);
    // Two datacenters, and the cloud region its AKS-like cluster runs in.
    expect(ent.sim.topology.sites.map((s) => s.id)).toEqual(['dc-prod', 'dc-dr', 'westeurope']);
    expect(count(ent, 'vm') + count(ent, 'container')).toBeGreaterThanOrEqual(150);
    expect(
      ent.sim
        .workloadViews()
        .filter((w) => w.attrs.replicaOf)
        .map((w) => w.host?.startsWith('esx-d')),
    ).toEqual([true, true, true, true]);
    const hybrid = PRESETS.hybrid.build(1);
    // Six VMs and three Kubernetes node VMs on premises; six cloud VMs and an AKS-like node pool of three.
    expect([count(hybrid, 'vm'), count(hybrid, 'container'), count(hybrid, 'cloud-vm')]).toEqual([9, 4, 9]);
    const clusters = (e: typeof hybrid) => [...e.providers.kubernetes.clusters.values()].map((c) => [c.name, c.data.settings.flavour, c.data.nodes.length]);
    expect(clusters(hybrid)).toEqual([
      ['k8s-onprem', 'kubeadm', 3],
      ['shop-aks', 'aks', 3],
    ]);
    expect(clusters(ent)).toEqual([
      ['k8s-prod', 'kubeadm', 4],
      ['platform-aks', 'aks', 3],
    ]);
  });
});
