// Dynamic Memory as Hyper-V keeps it: the startup memory apart from what is
// assigned, a guest's demand a share of its startup (not of its 1 TB default
// maximum), and everything that copies or saves a VM's memory (checkpoints,
// live migration, backups, reloads) working from what it is assigned or set to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';

/** The built-in estate with ad-01 (8 GiB) on Dynamic Memory at Hyper-V's defaults (512 MB to 1 TB), running 10 minutes. */
function dynamic() {
  const estate = buildDefaultEstate(1, 0);
  const run = (line: string) => estate.providers.exec(line);
  expect(run('Stop-VM -Name ad-01 -TurnOff').exitCode).toBe(0);
  expect(run('Set-VMMemory -VMName ad-01 -DynamicMemoryEnabled $true').exitCode).toBe(0);
  expect(run('Start-VM -Name ad-01').exitCode).toBe(0);
  estate.sim.advance(600_000);
  return { estate, run, row: () => estate.sim.workloadRow('ad-01')! };
}

describe('Dynamic Memory', () => {
  it('assigns a share of the startup memory, and Get-VMMemory shows the startup as set', () => {
    const { run, row } = dynamic();
    expect(row().claim[1]).toBeLessThan(8192);
    expect(row().claim[1]).toBeGreaterThanOrEqual(512);
    expect(run('Get-VMMemory -VMName ad-01').stdout).toMatch(/ad-01 +True +512 +8192 +1048576/);
  });

  it('lets a running VM lower its minimum and raise its maximum only, and the estate still saves and loads', () => {
    const { estate, run } = dynamic();
    const raised = run('Set-VMMemory -VMName ad-01 -MinimumBytes 10GB');
    expect(raised.exitCode).not.toBe(0);
    expect(raised.stderr).toContain("The minimum memory of 'ad-01' can only be decreased, and its maximum memory only increased");
    expect(run('Set-VMMemory -VMName ad-01 -MinimumBytes 256MB').exitCode).toBe(0);
    estate.sim.advance(60_000);
    const file = join(mkdtempSync(join(tmpdir(), 'hp-dm-')), 'e.json');
    expect(saveEstate(estate, file).ok).toBe(true);
    const loaded = loadEstate(file);
    expect(loaded.ok && loaded.value.sim.workloadRow('ad-01')!.dynamicMemory).toEqual({
      minimumMiB: 256,
      maximumMiB: 1_048_576,
      bufferPct: 20,
      startupMiB: 8192,
    });
  });

  it('boots again with its startup memory, even started at once after a stop', () => {
    const { estate, row } = dynamic();
    expect(estate.sim.act('ad-01', 'force-stop').ok).toBe(true);
    expect(row().claim[1]).toBe(8192);
    expect(estate.sim.act('ad-01', 'start').ok).toBe(true);
    expect(row().claim[1]).toBe(8192);
  });

  it('saves and copies what is assigned, not its maximum: a memory checkpoint, a live migration', () => {
    const { estate, run, row } = dynamic();
    const assigned = row().claim[1];
    expect(run('Set-VM -Name ad-01 -CheckpointType Standard').exitCode).toBe(0);
    const checkpoint = run('Checkpoint-VM -Name ad-01 -SnapshotName s1');
    expect(checkpoint.exitCode, checkpoint.stderr).toBe(0);
    expect(estate.sim.snapshots.find(row().index, 's1')).toMatchObject({ withMemory: true, sizeMiB: assigned });
    const from = row().host;
    expect(run(`Move-VM -Name ad-01 -DestinationHost ${from === 'hv-02' ? 'hv-03' : 'hv-02'}`).exitCode).toBe(0);
    estate.sim.advance(60_000);
    // A few GiB over the hosts' link: done within the minute, not the hours a terabyte would take.
    expect(row().host).not.toBe(from);
  });

  it('restores a backup as a new VM with Dynamic Memory as it was set', () => {
    const { estate, row } = dynamic();
    const job = estate.sim.backup('ad-01', 'backup-east');
    expect(job.ok).toBe(true);
    estate.sim.advance(3_600_000);
    const point = estate.sim.restorePoints('ad-01')[0];
    const restored = estate.sim.restore(point.id, { asNew: 'ad-01-restored' });
    expect(restored.ok, !restored.ok ? restored.error.message : '').toBe(true);
    const copy = estate.sim.workloadRow('ad-01-restored')!;
    expect(copy.dynamicMemory).toEqual(row().dynamicMemory);
    expect(copy.claim[1]).toBe(8192);
  });
});
