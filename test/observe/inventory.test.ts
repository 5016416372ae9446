// Consolidation from an inventory of physical servers (observe/inventory.ts):
// the CSV as it is read, its mistakes each with its line, and a worked example
// of the story the material tells: ten servers at 14% CPU become two at about
// 70%, within the 75% target, by the allocation core's own plan.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { csvFields, parseInventory, planInventory } from '../../src/observe/inventory.js';
import { defaultEstate } from '../default-estate.js';

const TEN = ['name,cores,memory,cpu,mem,idle_w,max_w', ...Array.from({ length: 10 }, (_, i) => `srv${i + 1},8,32GiB,14,10,160,380`)].join('\n');

describe('an inventory CSV', () => {
  it('reads quoted fields as RFC 4180 writes them', () => {
    expect(csvFields('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(csvFields('"open')).toBe('a quoted field is not closed');
  });

  it('names each mistake with its line', () => {
    const bad = (text: string) => {
      const r = parseInventory(text);
      return r.ok ? 'ok' : r.error.message;
    };
    expect(bad('')).toMatch(/^an empty inventory/);
    expect(bad('name,cores,memory,cpu\nx,1,1GiB,5')).toBe('line 1: no mem column (the columns: name,cores,memory,cpu,mem[,idle_w,max_w])');
    expect(bad('name,cores,memory,cpu,mem,rack\nx,1,1GiB,5,5,a')).toMatch(/^line 1: no column "rack" is known/);
    expect(bad('name,cores,memory,cpu,mem\nx,0,1GiB,5,5')).toBe('line 2: cores is a whole number from 1 to 1024, not "0"');
    expect(bad('name,cores,memory,cpu,mem\nx,2,lots,5,5')).toBe('line 2: memory is a size such as 64GiB (256MiB to 64TiB), not "lots"');
    expect(bad('name,cores,memory,cpu,mem\nx,2,4GiB,150,5')).toBe('line 2: cpu is a percent from 0 to 100, not "150"');
    expect(bad('name,cores,memory,cpu,mem\nx,2,4GiB,5,5\nX,2,4GiB,5,5')).toBe('line 3: X is listed twice');
    expect(bad('name,cores,memory,cpu,mem\nx,2,4GiB,5')).toBe('line 2: 4 fields, the first line names 5');
    // A plain number of memory is MiB; a percent sign is allowed; comments and blank lines are skipped.
    const r = parseInventory('# racks A and B\nname,cores,memory,cpu,mem\n\nweb,4,8192,12%,30');
    expect(r.ok && r.value[0]).toEqual({ name: 'web', cores: 4, memoryMiB: 8192, cpuPct: 12, memPct: 30 });
  });
});

describe('an inventory as spreadsheets and PowerShell write it', () => {
  it('reads past a byte-order mark, blank rows of commas and a trailing comma; blank watts are the default model', () => {
    const r = parseInventory('\uFEFF"name","cores","memory","cpu","mem","idle_w","max_w",\r\na,2,4GiB,5,5,,\r\n,,,,,,\r\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual([{ name: 'a', cores: 2, memoryMiB: 4096, cpuPct: 5, memPct: 5 }]);
    const half = parseInventory('name,cores,memory,cpu,mem,idle_w,max_w\na,2,4GiB,5,5,100,');
    expect(!half.ok && half.error.message).toBe('line 2: idle_w and max_w come together');
  });
});

describe('a plan from an inventory', () => {
  it('plans from the utilisation measured, not what a simulated host would grant: 95% and 10% do not share a host at 100%', () => {
    const servers = parseInventory('name,cores,memory,cpu,mem\na,8,32GiB,95,10\nb,8,32GiB,10,10');
    if (!servers.ok) throw new Error(servers.error.message);
    const r = planInventory(servers.value, 100);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.freed).toEqual([]);
    expect(r.value.hosts.find((h) => h.host === 'a')!.cpuBeforePct).toBeCloseTo(95, 6);
  });

  it('moves small busy servers onto a large idle one (hosts of mixed sizes)', () => {
    const servers = parseInventory('name,cores,memory,cpu,mem\nbig,64,512GiB,10,10\nsmall1,4,16GiB,50,50\nsmall2,4,16GiB,50,50');
    if (!servers.ok) throw new Error(servers.error.message);
    const r = planInventory(servers.value, 75);
    if (!r.ok) throw new Error(r.error.message);
    expect([...r.value.freed].sort()).toEqual(['small1', 'small2']);
  });

  it('packs ten servers at 14% onto two at about 70%, and frees eight, each at its idle 160 W', () => {
    const servers = parseInventory(TEN);
    if (!servers.ok) throw new Error(servers.error.message);
    const r = planInventory(servers.value, 75);
    if (!r.ok) throw new Error(r.error.message);
    const plan = r.value;
    expect(plan.freed).toHaveLength(8);
    expect(plan.utilisationBeforePct).toBeGreaterThan(12);
    expect(plan.utilisationBeforePct).toBeLessThan(16);
    expect(plan.utilisationAfterPct).toBeGreaterThan(65);
    expect(plan.utilisationAfterPct).toBeLessThanOrEqual(75);
    // Linear power: the work moves, so what is saved is the freed servers' idle draw, 8 x 160 W.
    expect(plan.wattsBefore - plan.wattsAfter).toBeCloseTo(8 * 160, 0);
  });

  it('is what `consolidate --inventory` and its errors print', () => {
    const e = defaultEstate(1);
    e.providers.readText = (path) => (path === 'ten.csv' ? { ok: true, text: TEN } : { ok: false, message: `${path}: no such file` });
    const out = runLine(e, 'consolidate --inventory ten.csv');
    expect(out.stdout).toMatch(/^10 hosts -> 2: .* run nothing and can be switched off$/m);
    expect(runLine(e, 'consolidate --inventory nope.csv').stderr).toBe('consolidate: nope.csv: no such file\n');
    expect(runLine(e, 'consolidate --inventory ten.csv --apply').stderr).toMatch(/^consolidate: a plan from an inventory is on paper/);
    expect(runLine(e, 'consolidate vsphere-prod --inventory ten.csv').stderr).toMatch(/^consolidate: a cluster or --inventory, not both/);
  });
});
