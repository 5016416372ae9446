import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import { dumpWorkload } from '../../src/core/workload-dump.js';
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
  for (const line of [
    'Stop-VM -Name files-01 -TurnOff',
    'Set-VMMemory -VMName files-01 -DynamicMemoryEnabled $true -MinimumBytes 1GB -MaximumBytes 32GB',
    'Start-VM -Name files-01',
  ])
    expect(p.exec(line).exitCode, line).toBe(0);
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
    const original = busyEstate();
    const { sim } = original;
    const back = restoreCore(JSON.parse(JSON.stringify(dumpCore(sim))));
    if (!back.ok) throw new Error(back.error.message);
    // The drivers declare their platforms' policies (memory backing, reclamation), as loading a file does; the
    // alarms triggered are the estate file's, not the core's (it carries them beside the core's dump).
    new Estate(back.value).providers.alarms.load(original.providers.alarms.save());
    sim.advance(600_000);
    back.value.advance(600_000);
    const strip = (d: ReturnType<typeof dumpCore>) => ({ ...d, log: d.log.map((e) => e.message) });
    expect(strip(dumpCore(back.value))).toEqual(strip(dumpCore(sim)));
  });

  it('keeps every column of the workload table, but those a load works out again', () => {
    // The kind follows from the platform, the ledger's claim ids and a migration's target host from the claims
    // made again, the Docker host a VM runs from the host's inVm.
    const WORKED_OUT = ['kind', 'claimId', 'claimId2', 'host2', 'backs'];
    const { sim } = busyEstate();
    const table = sim.workloads as unknown as Record<string, Float64Array>;
    const columns = Object.keys(table).filter((k) => ArrayBuffer.isView(table[k]));
    const dumped = (w: number) => {
      try {
        return JSON.stringify(dumpWorkload(sim, w));
      } catch (e) {
        return `threw ${e}`;
      }
    };
    // A column is read by the dump if changing it, on some workload, changes that workload's dump.
    const read = (column: string) =>
      Array.from({ length: sim.workloads.count }, (_, w) => w).some((w) => {
        const before = dumped(w);
        const value = table[column][w];
        table[column][w] = value === 0 ? 1 : value + 1;
        const changed = dumped(w) !== before;
        table[column][w] = value;
        return changed;
      });
    expect(columns.filter((c) => !read(c))).toEqual(WORKED_OUT);
    // And each column read is given back as it was.
    const back = restoreCore(JSON.parse(JSON.stringify(dumpCore(sim))));
    if (!back.ok) throw new Error(back.error.message);
    const copy = back.value.workloads as unknown as Record<string, Float64Array>;
    for (const c of columns.filter((c) => !WORKED_OUT.includes(c)))
      for (const { id, index } of sim.workloads.records)
        if (sim.workloads.stateOf(index) !== 'deleted') expect(copy[c][back.value.workloads.indexOf(id)!], `${c} of ${id}`).toBe(table[c][index]);
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
