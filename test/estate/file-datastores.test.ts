// Estate files' datastores, disks and disk moves: what they say is checked, and a
// file that contradicts itself is refused with where and why, not loaded half-true.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';

type Json = Record<string, unknown> & { datastores: Record<string, unknown>[]; workloads: Record<string, unknown>[] };

function file(): Json {
  const estate = buildDefaultEstate(1, 60_000);
  return JSON.parse(JSON.stringify(estateToFile(estate))) as Json;
}

function refusal(f: Json): string {
  const r = estateFromJson(f);
  if (r.ok) throw new Error('the file was loaded');
  return [r.error.message, ...(r.error.details ?? [])].join('\n');
}

describe('estate files with datastores', () => {
  it('load and save them as they were', () => {
    const f = file();
    expect(f.datastores.map((d) => d.id)).toEqual(['prod-lun01', 'prod-nfs01', 'Volume1']);
    const back = estateFromJson(f);
    if (!back.ok) throw new Error(back.error.message);
    expect(estateToFile(back.value).datastores).toEqual(f.datastores);
  });

  it('refuse a datastore smaller than what its disks take', () => {
    const f = file();
    f.datastores[0].capacity = '1GiB';
    expect(refusal(f)).toMatch(/datastore prod-lun01: its disks take \d+ MiB, more than its capacity \(1024 MiB\)/);
  });

  it('refuse a datastore mounted by a cluster that does not exist, before anything that follows from it', () => {
    const f = file();
    f.datastores[0].clusters = ['nowhere'];
    expect(refusal(f)).toMatch(/^\d+ problems in the estate file: datastores\[0\]\.clusters: no cluster named nowhere/);
  });

  it('refuse a disk move that nothing would end, or a container’s disk on a datastore', () => {
    const f = file();
    const web = f.workloads.find((w) => w.id === 'web-01')!;
    f.storageMoves = [{ workload: web.id, from: 'prod-lun01', to: 'prod-nfs01', startedAt: 0, endsAt: 1000, token: 1, reservedMiB: 10 }];
    expect(refusal(f)).toMatch(/storage move of web-01: no relocate event with token 1 in the queue to end it/);
    const g = file();
    const nginx = g.workloads.find((w) => w.platform === 'docker')!;
    nginx.datastore = { id: 'prod-lun01', format: 'thin' };
    expect(refusal(g)).toMatch(/only a VM's disk is on a datastore|does not mount datastore/);
  });

  it('refuse two datastores of one site with the same name', () => {
    const f = file();
    f.datastores[1].name = 'prod-lun01';
    expect(refusal(f)).toMatch(/a datastore named prod-lun01 already exists in its site/);
  });
});
