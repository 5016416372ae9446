import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import { Estate } from '../../src/estate/estate.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';

function busyEstate() {
  const estate = buildDefaultEstate(9);
  const { sim, providers: p } = estate;
  sim.advance(120_000);
  p.exec('virsh snapshot-create-as dev-01 base');
  p.exec('govc vm.migrate -host esx-04 web-01');
  p.exec('az vm deallocate -g shop-rg -n reports');
  p.exec('docker run -d --name leaky --memory 64m --restart on-failure:5 postgres:16');
  p.exec('Set-VMMemory -VMName ad-01 -Buffer 30');
  sim.advance(7_500);
  return estate;
}

describe('dump and restore', () => {
  it('give back the same simulation: dump(restore(dump(s))) equals dump(s)', () => {
    const { sim } = busyEstate();
    const d = dumpCore(sim);
    const back = restoreCore(JSON.parse(JSON.stringify(d)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(dumpCore(back.value)).toEqual(d);
    expect(back.value.ledger.liveClaims).toBe(sim.ledger.liveClaims);
  });

  it('a restored simulation carries on exactly as the original does', () => {
    const { sim } = busyEstate();
    const back = restoreCore(JSON.parse(JSON.stringify(dumpCore(sim))));
    if (!back.ok) throw new Error(back.error.message);
    // The drivers declare their platforms' policies (memory backing, reclamation), as loading a file does.
    new Estate(back.value);
    sim.advance(600_000);
    back.value.advance(600_000);
    const strip = (d: ReturnType<typeof dumpCore>) => ({ ...d, log: d.log.map((e) => e.message) });
    expect(strip(dumpCore(back.value))).toEqual(strip(dumpCore(sim)));
  });

  it('refuses a dump whose claims a host cannot hold', () => {
    const { sim } = busyEstate();
    const d = JSON.parse(JSON.stringify(dumpCore(sim)));
    // Hyper-V admits a VM only into memory the host has (ESXi and KVM have no such limit).
    const hv = d.hosts.find((h: { id: string }) => h.id === 'hv-02');
    hv.memoryMiB = 1024;
    const back = restoreCore(d);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.error.message).toMatch(/^workload [\w-]+: Insufficient memory: needs \d+ GiB, hv-02 has/);
  });
});
