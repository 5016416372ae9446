// A saved estate, loaded again, does what the original does: not only the same
// file (dump(restore(dump)) is blind to a field dropped on both sides) but the
// same observable estate, hour after hour: every workload's and host's view, what
// each driver shows of it, the host metrics, the event log and what each
// platform's native commands print. The busy default estate gives the fields of a
// workload's dump (core/workload-dump.ts) values that show, so that dropping one
// from both the core's table and the file's fails this; all but billing.accruedAt,
// which equals since wherever cost is billed (what accrues cost changes the state).
import { describe, expect, it } from 'vitest';
import { HOST_METRICS } from '../../src/core/dump-types.js';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine } from '../../src/estate/script.js';

/**
 * What is done to it before it is saved: native lines, and the scenario's words after "Sim". Memory pressure
 * (two big VMs on one ESXi host, one of them then idle, so that its balloon holds memory back) and a snapshot
 * whose running delta grows come first; then settings that show only later: a container stopped by hand (its
 * restart policy leaves it stopped when its host comes back), one killed (its exit code), CPU shares, Dynamic
 * Memory; and things in flight when it is saved: a restart back-off, a DRS pass, an installation.
 */
const BUSY: Record<string, readonly string[]> = {
  default: [
    'govc vm.create -m 204800 -c 2 -host esx-03 big-1',
    'govc vm.create -m 204800 -c 2 -host esx-03 big-2',
    'Sim load big-1 30% 100%',
    'Sim load big-2 30% 100%',
    'govc snapshot.create -vm web-02 -m=false base',
    'sleep 5m',
    'Sim load big-1 30% 5%',
    'sleep 1m',
    'govc cluster.change -drs-mode fullyAutomated vsphere-prod',
    'virsh snapshot-create-as dev-01 base',
    'docker stop nginx',
    'docker kill redis',
    'Stop-VM -Name files-01 -TurnOff',
    'Set-VMMemory -VMName files-01 -DynamicMemoryEnabled $true -MinimumBytes 1GB -MaximumBytes 32GB',
    'Start-VM -Name files-01',
    'Set-VMMemory -VMName files-01 -Buffer 30',
    'virt-install --name lab --memory 2048 --vcpus 2 --disk size=20 --os-variant debian12 --cdrom /isos/debian.iso --noautoconsole',
    // Last, so that it is still being restarted, over and over, when the estate is saved.
    'docker run -d --name leaky --memory 64m --cpu-shares 512 --restart on-failure:5 postgres:16',
  ],
  'small-office': [],
  hybrid: [],
  enterprise: [],
};

/** Started and not waited for, so they are still under way when the estate is saved: migrations, a deallocation. */
const UNDER_WAY: Record<string, readonly string[]> = {
  default: [
    'govc vm.migrate -host esx-04 web-01',
    'az vm deallocate -g shop-rg -n reports --no-wait',
    'virsh migrate --live --copy-storage-all ci-runner-01 qemu+ssh://kvm-02/system',
  ],
  'small-office': [],
  hybrid: [],
  enterprise: [],
};

/** What is done to both, the original and the copy, after the save: when (ms after it), then the line. */
const LATER: Record<string, readonly (readonly [number, string])[]> = {
  default: [
    // Freezes the running delta, which its size then shows (govc snapshot.tree -s; without memory, nothing else is in it).
    [600_000, 'govc snapshot.create -vm web-02 -m=false later'],
    [1_800_000, 'Sim fail host docker-01'],
    [2_400_000, 'Sim recover host docker-01'],
  ],
  'small-office': [],
  hybrid: [],
  enterprise: [],
};

/** When they are compared, in ms after the save: a few ticks at first (a burst, which ends soon, shows only then), then every 5 minutes for the hour. */
const CHECKS = [0, 1_000, 2_000, 3_000, 5_000, 10_000, 60_000, ...Array.from({ length: 12 }, (_, i) => (i + 1) * 300_000)];

const LOOKS = [
  'virsh list --all',
  'govc ls /dc-east/vm',
  'govc snapshot.tree -vm web-02 -s',
  'Get-VM',
  'docker ps -a',
  'docker inspect leaky nginx redis',
  'az vm list -d -o table',
  'az vm list-usage -l westeurope',
];

/** Runs a native line or a scenario's ("Sim load web-01 90%"): what went wrong, or undefined. */
function run(estate: Estate, line: string): string | undefined {
  if (line.startsWith('Sim ')) return runSim(estate, line.slice(4).split(' '));
  const r = runLine(estate, line);
  return r.exitCode === 0 ? undefined : `${line}: ${r.stderr}`;
}

function observe(estate: Estate): unknown {
  const { sim } = estate;
  return {
    now: sim.now,
    workloads: sim.workloadViews(),
    drivers: estate.providers.all().map((p) => p.workloads()),
    hosts: sim.hostViews(),
    metrics: HOST_METRICS.map((k) => Array.from(sim.metrics[k].subarray(0, sim.hosts.count))),
    log: sim.log.recent(50).map((e) => `${e.at} ${e.message}`),
    pending: sim.clock.pendingEvents().map((e) => `${e.at} ${e.payload.type}`),
    native: LOOKS.map((l) => estate.providers.exec(l)).map((r) => `${r.exitCode}\n${r.stdout}${r.stderr}`),
  };
}

describe('a reloaded estate behaves as the original', () => {
  it.each(Object.keys(BUSY))('%s: the same views, metrics, log and native answers for the next hour', (name) => {
    const original = PRESETS[name].build(4);
    original.sim.advance(90_000);
    for (const line of BUSY[name]) expect(run(original, line)).toBeUndefined();
    for (const line of UNDER_WAY[name]) expect(original.providers.exec(line).exitCode, line).toBe(0);
    original.sim.advance(5_000);
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(original))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const copy = loaded.value;
    const saved = original.sim.now;
    const steps = [...CHECKS, ...LATER[name].map(([at]) => at)].sort((a, b) => a - b);
    for (const at of new Set(steps)) {
      for (const e of [original, copy]) e.sim.advance(saved + at - e.sim.now);
      for (const [when, line] of LATER[name]) if (when === at) for (const e of [original, copy]) expect(run(e, line)).toBeUndefined();
      expect(observe(copy), `${at / 1000} s after the save`).toEqual(observe(original));
    }
  });
});
