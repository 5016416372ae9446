// A saved estate, loaded again, does what the original does: not only the same
// file (dump(restore(dump)) is blind to a field dropped on both sides) but the
// same observable estate, hour after hour: every workload's and host's view, the
// host metrics, the event log and what each platform's native commands print.
import { describe, expect, it } from 'vitest';
import { HOST_METRICS } from '../../src/core/dump-types.js';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runLine } from '../../src/estate/script.js';

/** Things in flight when it is saved: a migration, a snapshot, a restart back-off, a deallocation, a backup, a DRS pass, an installation. */
const BUSY: Record<string, readonly string[]> = {
  default: [
    'govc cluster.change -drs-mode fullyAutomated vsphere-prod',
    'virsh snapshot-create-as dev-01 base',
    'docker run -d --name leaky --memory 64m --restart on-failure:5 postgres:16',
    'Set-VMMemory -VMName ad-01 -Buffer 30',
    'virt-install --name lab --memory 2048 --vcpus 2 --disk size=20 --os-variant debian12 --cdrom /isos/debian.iso --noautoconsole',
  ],
  'small-office': [],
  hybrid: [],
  enterprise: [],
};

/** Started and not waited for, so they are still under way when the estate is saved. */
const UNDER_WAY: Record<string, readonly string[]> = {
  default: [
    'govc vm.migrate -host esx-04 web-01',
    'az vm deallocate -g shop-rg -n reports --no-wait',
    'virsh migrate --live ci-runner-01 qemu+ssh://kvm-02/system',
  ],
  'small-office': [],
  hybrid: [],
  enterprise: [],
};

const LOOKS = ['virsh list --all', 'govc ls /dc-east/vm', 'Get-VM', 'docker ps -a', 'az vm list -d -o table'];

function observe(estate: Estate): unknown {
  const { sim } = estate;
  return {
    now: sim.now,
    workloads: sim.workloadViews(),
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
    for (const line of BUSY[name]) runLine(original, line);
    for (const line of UNDER_WAY[name]) original.providers.exec(line);
    original.sim.advance(5_000);
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(original))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const copy = loaded.value;
    expect(observe(copy)).toEqual(observe(original));
    for (let minute = 5; minute <= 60; minute += 5) {
      original.sim.advance(300_000);
      copy.sim.advance(300_000);
      expect(observe(copy), `after ${minute} min`).toEqual(observe(original));
    }
  });
});
