// Memory states follow the platforms: judged on the memory guests hold (what the
// host backs: touched pages on ESXi and KVM), not on what they are configured
// with; ESXi and plain KVM admit VMs beyond physical memory, and an overcommitted
// host walks down its platform's states: vSphere's by minFree (high, clear, soft,
// hard, low), the Linux kernel's by its watermarks (normal, reclaim, swapping),
// then, on KVM, the OOM killer.
// Sources: vSphere Resource Management and KB 2080735 (minFree: 899 MB for the
// first 28 GB plus 1% of the rest; states at 100/64/32/16% of it); Linux
// mm/page_alloc.c (min_free_kbytes = sqrt(lowmem_kbytes * 16), its table of
// examples, watermark_scale_factor 10); mm/oom_kill.c (oom_badness).
import { describe, expect, it } from 'vitest';
import { linuxWatermarks, minFreeMiB } from '../../src/core/platform-policy.js';
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { KVM_OVERHEAD, KVM_POLICY } from '../../src/providers/kvm/defaults.js';
import { KvmDriver } from '../../src/providers/kvm/driver.js';
import { VMWARE_OVERHEAD, VMWARE_POLICY } from '../../src/providers/vmware/defaults.js';
import { VmwareDriver } from '../../src/providers/vmware/driver.js';
import { must } from './fixtures.js';

function oneHost(platform: 'vmware' | 'kvm', memGiB = 64) {
  const sim = new Simulation({ seed: 3 });
  must(sim.addSite({ id: 'dc', kind: 'datacenter' }));
  must(sim.addCluster({ id: 'c', site: 'dc', platform }));
  const driver = platform === 'vmware' ? new VmwareDriver(sim) : new KvmDriver(sim);
  must(sim.addHost(driver.hostInput({ id: 'h', cluster: 'c', cores: 32, memoryMiB: gib(memGiB), storageMiB: gib(4000) })));
  const vms = ['a', 'b', 'c', 'd'];
  const overhead = platform === 'vmware' ? VMWARE_OVERHEAD : KVM_OVERHEAD;
  for (const id of vms)
    must(
      sim.createWorkload({
        id,
        platform,
        cpuMilli: 2000,
        memoryMiB: gib(16),
        diskMiB: gib(20),
        overhead,
        initialState: 'running',
        model: 'steady',
        modelLevel: 0.1,
      }),
    );
  /** Every VM actively using `share` of its memory; the state after a few ticks. */
  const at = (share: number) => {
    for (const id of vms) must(sim.setLoad(id, 0.1, share));
    sim.advance(3000);
    const ladder = sim.policies[platform].reclamation!;
    return ladder.states[sim.metrics.hostMemState[0]].name;
  };
  return { sim, at };
}

describe("free-memory floors by the platforms' formulas", () => {
  it('vSphere minFree: 899 MB for the first 28 GB plus 1% of the rest', () => {
    expect(minFreeMiB(VMWARE_POLICY.reclamation!, 28 * 1024)).toBe(899);
    expect(minFreeMiB(VMWARE_POLICY.reclamation!, 128 * 1024)).toBeCloseTo(899 + 1024, 5);
  });

  it("Linux min_free_kbytes is sqrt(lowmem_kbytes * 16), as mm/page_alloc.c's own table of examples, clamped at 256 MB", () => {
    // From the comment above calculate_min_free_kbytes(): 16MB: 512k, 64MB: 1024k, 1024MB: 4096k, 16384MB: 16384k.
    expect(linuxWatermarks(16, false).min * 1024).toBe(512);
    expect(linuxWatermarks(64, false).min * 1024).toBe(1024);
    expect(linuxWatermarks(1024, false).min * 1024).toBe(4096);
    expect(linuxWatermarks(16384, false).min * 1024).toBe(16384);
    expect(linuxWatermarks(64 * 1024 * 1024, false).min).toBe(256);
    // low and high: min plus one and two steps of max(min / 4, 0.1% of memory) (watermark_scale_factor 10).
    const w = linuxWatermarks(65536, false);
    expect(w.min).toBe(32);
    expect(w.low).toBeCloseTo(32 + 65.536, 6);
    expect(w.high).toBeCloseTo(32 + 2 * 65.536, 6);
  });

  it("with transparent hugepages (RHEL's default), khugepaged raises it to 66 MiB, at most 5% of memory (mm/khugepaged.c)", () => {
    // 512-page pageblocks x 3 zones x (2 + 3 x 3) = 16,896 pages = 67,584 kB.
    expect(linuxWatermarks(16 * 1024).min * 1024).toBe(67_584);
    expect(linuxWatermarks(128 * 1024).min * 1024).toBe(67_584);
    expect(linuxWatermarks(512).min * 1024).toBe(26_212); // 5% of 131,072 pages, in kB
    expect(linuxWatermarks(1024 * 1024).min).toBe(128); // the sqrt rule wins past ~270 GiB
    // Not the 829 MiB the model once had for a 128 GiB host.
    expect(minFreeMiB(KVM_POLICY.reclamation!, 128 * 1024)).toBe(66);
  });
});

describe('an ESXi host overcommitted until it blocks', () => {
  it('admits more VM memory than it has, and judges its state on what guests hold', () => {
    const { sim, at } = oneHost('vmware');
    // Four 16 GiB VMs on 64 GiB, and a fifth: ESXi powers them on (no memory admission without reservations).
    must(sim.createWorkload({ id: 'e', platform: 'vmware', cpuMilli: 2000, memoryMiB: gib(16), diskMiB: gib(20), initialState: 'running', model: 'idle' }));
    expect(at(0.5)).toBe('high');
    // The list's MEM% is what guests hold: about half of the host, and the state agrees.
    expect(sim.metrics.hostMemPct[0]).toBeGreaterThan(50);
    expect(sim.metrics.hostMemPct[0]).toBeLessThan(70);
  });

  it('walks down high, clear, soft, hard and low as guests touch more, and swaps what it cannot hold', () => {
    const { sim, at } = oneHost('vmware');
    // 64 GiB: minFree = 899 + 1% of 36 GiB = 1267.6 MiB. Four 16 GiB VMs with 12% overhead hold 73,400 MiB x share.
    expect(at(0.8)).toBe('high');
    expect(at(0.8792)).toBe('clear'); // ~1,000 MiB free
    expect(at(0.8847)).toBe('soft'); // ~600 MiB free
    expect(at(0.8888)).toBe('hard'); // ~300 MiB free
    expect(at(0.8915)).toBe('low'); // ~100 MiB free
    expect(at(1)).toBe('low');
    expect(sim.metrics.hostSwappedMiB[0]).toBeGreaterThan(7000);
    expect(sim.metrics.hostSlowdown[0]).toBeGreaterThan(0);
    // ESXi never kills a VM for memory: each has a swap file of its own.
    expect(['a', 'b', 'c', 'd'].map((id) => sim.workload(id)!.state)).toEqual(['running', 'running', 'running', 'running']);
  });

  it('balloons idle memory back when guests touched more than they now use, and climbs back up', () => {
    const { sim, at } = oneHost('vmware');
    expect(at(0.8888)).toBe('hard');
    const held = sim.metrics.hostMemHeld[0];
    // The guests now use less, but still hold what they touched: the host takes the idle part back.
    expect(at(0.5)).not.toBe('hard');
    expect(sim.metrics.hostMemHeld[0]).toBeLessThan(held);
    expect(sim.workloads.granted[0]).toBeLessThan(0.8888 * gib(16));
  });
});

describe('a KVM host overcommitted until the OOM killer', () => {
  it('admits VMs beyond its memory, then reclaims, swaps, and OOM-kills the biggest QEMU process', () => {
    const { sim, at } = oneHost('kvm');
    // 64 GiB less 512 MiB for the host: 65,024 MiB. Four 16 GiB VMs with 8% overhead hold 70,779 MiB x share.
    expect(at(0.8)).toBe('normal');
    expect(at(0.9173)).toBe('reclaim'); // ~98 MiB free: under the low watermark (131.5 MiB), over min (66)
    expect(at(0.95)).toBe('swapping'); // ~2.2 GiB in swap, within the host's 4 GiB
    expect(sim.metrics.hostSwappedMiB[0]).toBeGreaterThan(2000);
    expect(['a', 'b', 'c', 'd'].every((id) => sim.workload(id)!.state === 'running')).toBe(true);
    // Past RAM and swap: the kernel kills the process holding most (here, all equal: the first).
    at(1);
    const states = ['a', 'b', 'c', 'd'].map((id) => sim.workload(id)!.state);
    expect(states.filter((s) => s === 'stopped')).toHaveLength(1);
    expect(sim.log.recent(10).some((e) => /OOM-killed, its QEMU process killed by the kernel: host h is out of memory and swap/.test(e.message))).toBe(true);
    expect(at(1)).not.toBe('swapping');
  });

  it("reclaims a quiet guest's idle memory to the high watermark at swap's speed, and counts it as swapped (review finding)", () => {
    const { sim } = oneHost('kvm');
    const phys = sim.hosts.physMem[0];
    const marks = linuxWatermarks(64 * 1024);
    // a touches 90% of its 16 GiB, then goes quiet: the host still holds it.
    must(sim.setLoad('a', 0.1, 0.9));
    sim.advance(5000);
    must(sim.setLoad('a', 0.1, 0.2));
    sim.advance(5000);
    // b, c and d fill theirs: kswapd wakes below the low watermark...
    for (const id of ['b', 'c', 'd']) must(sim.setLoad(id, 0.1, 0.95));
    sim.advance(1000);
    expect(sim.policies.kvm.reclamation!.states[sim.metrics.hostMemState[0]].name).not.toBe('normal');
    // ... and pages a's idle memory out at 500 MiB/s until free memory is back at the high watermark.
    sim.advance(30_000);
    const m = sim.metrics;
    expect(phys - m.hostMemHeld[0]).toBeCloseTo(marks.high, 0);
    expect(m.hostReclaimedMiB[0]).toBeGreaterThan(1000);
    expect(m.hostSwappedMiB[0]).toBeCloseTo(m.hostReclaimedMiB[0], 0);
    expect(sim.policies.kvm.reclamation!.states[m.hostMemState[0]].name).toBe('normal');
    // When a wants it back, it comes in from swap again.
    must(sim.setLoad('a', 0.1, 0.9));
    sim.advance(3000);
    expect(sim.workloads.reclaimed[sim.workloads.indexOf('a')!]).toBeCloseTo(0, 6);
  });

  it('an OpenStack Nova cluster setting brings back admission by ratios (ram 1.0)', () => {
    const sim = new Simulation({ seed: 3 });
    must(sim.addSite({ id: 'dc', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'nova', site: 'dc', platform: 'kvm', allocationRatios: { cpu: 4, memory: 1, storage: 1 } }));
    const kvm = new KvmDriver(sim);
    must(sim.addHost(kvm.hostInput({ id: 'h', cluster: 'nova', cores: 8, memoryMiB: gib(32), storageMiB: gib(1000) })));
    must(sim.createWorkload({ id: 'a', platform: 'kvm', cpuMilli: 2000, memoryMiB: gib(24), diskMiB: gib(10), initialState: 'running' }));
    const r = sim.createWorkload({ id: 'b', platform: 'kvm', cpuMilli: 2000, memoryMiB: gib(24), diskMiB: gib(10), initialState: 'running' });
    expect(r.ok).toBe(false);
  });
});
