// Whatever a user does with the native commands of every platform, the scenario
// verbs and the console's own commands, in any order, the estate they save loads
// again, and carries on. (Deleting the VM a Docker host ran in saved a file that
// no longer loaded: "hosts[11].inVm: no workload named dockervm-01".)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/core/units.js';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine } from '../../src/estate/script.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { presetEstate } from '../default-estate.js';
import { controllerFor } from '../ui/helpers.js';

/** {vm} any VM, {ctr} a container, {cloud} a cloud VM, {host}, {site}, {rg}; {new} a fresh name; {snap} one of three. */
const TEMPLATES = [
  // libvirt
  'virsh start {vm}',
  'virsh shutdown {vm}',
  'virsh destroy {vm}',
  'virsh undefine {vm}',
  'virsh reboot {vm}',
  'virsh suspend {vm}',
  'virsh resume {vm}',
  'virsh snapshot-create-as {vm} {snap}',
  'virsh snapshot-revert {vm} {snap}',
  'virsh snapshot-delete {vm} {snap}',
  'virsh migrate --live {vm} qemu+ssh://{host}/system',
  'virt-clone --original {vm} --name {new}',
  'virt-install --name {new} --memory 1024 --vcpus 1 --disk size=5 --os-variant debian12 --import',
  // vSphere
  'govc vm.power -on {vm}',
  'govc vm.power -off {vm}',
  'govc vm.destroy {vm}',
  'govc vm.clone -vm {vm} {new}',
  'govc snapshot.create -vm {vm} {snap}',
  'govc snapshot.revert -vm {vm} {snap}',
  'govc snapshot.remove -vm {vm} {snap}',
  'govc vm.migrate -host {host} {vm}',
  'govc host.maintenance.enter {host}',
  'govc host.maintenance.exit {host}',
  'govc vm.markastemplate {vm}',
  'govc vm.markasvm {vm}',
  // Hyper-V
  'Start-VM -Name {vm}',
  'Stop-VM -Name {vm} -Force',
  'Stop-VM -Name {vm} -TurnOff',
  'Remove-VM -Name {vm} -Force',
  'Checkpoint-VM -Name {vm} -SnapshotName {snap}',
  'Restore-VMSnapshot -VMName {vm} -Name {snap} -Confirm:$false',
  'Remove-VMSnapshot -VMName {vm} -Name {snap}',
  'Move-VM -Name {vm} -DestinationHost {host}',
  'Suspend-VM -Name {vm}',
  'Resume-VM -Name {vm}',
  'Save-VM -Name {vm}',
  'New-VM -Name {new} -MemoryStartupBytes 1GB',
  'Set-VMMemory -VMName {vm} -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 4GB',
  'Suspend-ClusterNode -Name {host} -Drain',
  'Resume-ClusterNode -Name {host}',
  // Docker
  'docker run -d --name {new} nginx:1.27',
  'docker run -d --name {new} --memory 64m --restart always redis:7',
  'docker stop {ctr}',
  'docker start {ctr}',
  'docker restart {ctr}',
  'docker kill {ctr}',
  'docker rm {ctr}',
  'docker rm -f {ctr}',
  'docker pause {ctr}',
  'docker unpause {ctr}',
  'docker context use {host}',
  // Azure
  'az vm create -g {rg} -n {new} --image Ubuntu2404 --size Standard_B1s',
  'az vm start -g {rg} -n {cloud}',
  'az vm stop -g {rg} -n {cloud}',
  'az vm deallocate -g {rg} -n {cloud}',
  'az vm restart -g {rg} -n {cloud}',
  'az vm delete -g {rg} -n {cloud} --yes',
  'az vm resize -g {rg} -n {cloud} --size Standard_B2s',
  // scenario verbs and the console's own commands
  'sim fail host {host}',
  'sim recover host {host}',
  'sim fail site {site}',
  'sim failover site {site}',
  'sim load {vm} 90',
  'sim advance 5m',
  ':backup {vm}',
  ':replicate {vm} {site}',
  ':failover {site}',
  'sleep 20s',
  'sleep 3m',
  // stop, then delete: one name for both
  'virsh destroy {vm} && virsh undefine {vm}',
  'Stop-VM -Name {vm} -TurnOff && Remove-VM -Name {vm} -Force',
  'govc vm.power -off {vm} && govc vm.destroy {vm}',
  'docker stop {ctr} && docker rm {ctr}',
  'az vm deallocate -g {rg} -n {cloud} && az vm delete -g {rg} -n {cloud} --yes',
];

const step = fc.record({ template: fc.constantFrom(...TEMPLATES), pick: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }) });

function fill(estate: Estate, template: string, pick: number[], fresh: () => string): string {
  const sim = estate.sim;
  const views = sim.workloadViews();
  const of = (list: readonly string[], i: number) => (list.length ? list[i % list.length] : 'none');
  const names = {
    vm: views.filter((v) => v.kind === 'vm').map((v) => v.name),
    ctr: views.filter((v) => v.kind === 'container').map((v) => v.name),
    cloud: views.filter((v) => v.kind === 'cloud-vm').map((v) => v.name),
    host: sim.hostViews().map((h) => h.id),
    site: sim.topology.sites.map((s) => s.id),
    rg: [...estate.providers.azure.groups.values()].map((g) => g.name),
  };
  // One name per placeholder in a line (the VM stopped is the VM deleted).
  const slots = new Map<string, number>();
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!slots.has(key)) slots.set(key, slots.size);
    const i = pick[slots.get(key)! % pick.length];
    if (key === 'new') return fresh();
    if (key === 'snap') return `s${i % 3}`;
    return of(names[key as keyof typeof names] ?? [], i);
  });
}

/** Every host's usage is the sum of the live claims on it (workloads' and volumes'). */
function claimsAddUp(estate: Estate): void {
  const { workloads: wl, ledger, hosts } = estate.sim;
  const used = hosts.records.map(() => new Array<number>(RESOURCES).fill(0));
  for (let w = 0; w < wl.count; w++) {
    for (const [claim, host] of [
      [wl.claimId[w], wl.host[w]],
      [wl.claimId2[w], wl.host2[w]],
    ]) {
      if (claim >= 0)
        ledger.claimAmounts(claim).forEach((a, r) => {
          used[host][r] += a;
        });
    }
  }
  // Volumes on a host's own storage claim its disk too.
  for (const v of estate.sim.datastores.volumes.values())
    if (v.claim >= 0)
      ledger.claimAmounts(v.claim).forEach((a, r) => {
        used[v.host][r] += a;
      });
  hosts.records.forEach((_, h) => {
    for (let r = 0; r < RESOURCES; r++) expect(ledger.used(h, r)).toBe(used[h][r]);
  });
}

function reload(estate: Estate, line: string): Estate {
  const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(estate))));
  if (!back.ok) throw new Error(`after "${line}" the saved estate does not load: ${back.error.message}`);
  return back.value;
}

describe('any sequence of commands saves an estate that loads', () => {
  for (const preset of ['default', 'small-office', 'hybrid']) {
    it(`on the ${preset} preset`, () => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 5, maxLength: 30 }), fc.nat(29), (steps, checkAt) => {
          let estate = presetEstate(preset);
          let ctl = controllerFor(estate);
          let counter = 0;
          const fresh = () => `new-${++counter}`;
          steps.forEach((s, i) => {
            const line = fill(estate, s.template, s.pick, fresh);
            for (const part of line.split(' && ')) {
              if (part.startsWith('sim ')) runSim(estate, part.slice(4).split(' '));
              else if (part.startsWith(':')) runPromptLine(ctl, part.slice(1));
              else runLine(estate, part);
            }
            claimsAddUp(estate);
            // Saved and loaded part-way, and carried on from the loaded copy.
            if (i === checkAt) {
              estate = reload(estate, line);
              ctl = controllerFor(estate);
              claimsAddUp(estate);
            }
          });
          const back = reload(estate, 'the last line');
          back.sim.advance(10 * 60_000);
          claimsAddUp(back);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('deleting the VM a Docker host runs in takes the host and its containers with it', () => {
    for (const [preset, lines] of [
      ['default', ['virsh destroy dockervm-01', 'virsh undefine dockervm-01']],
      ['small-office', ['Stop-VM -Name docker-host -TurnOff', 'Remove-VM -Name docker-host -Force']],
    ] as const) {
      const estate = PRESETS[preset]!.build(1);
      const host = estate.sim.hostViews().find((h) => h.backingWorkload !== undefined)!;
      const containers = estate.sim
        .workloadViews()
        .filter((v) => v.host === host.id)
        .map((v) => v.name);
      expect(containers.length).toBeGreaterThan(0);
      for (const line of lines) expect(runLine(estate, line).exitCode, line).toBe(0);
      estate.sim.advance(60_000);
      expect(estate.sim.host(host.id)).toBeUndefined();
      expect(estate.sim.workloadViews().filter((v) => containers.includes(v.name))).toEqual([]);
      expect(estate.sim.log.recent(20).map((e) => e.message)).toContain(
        `${host.id} is gone: it ran inside the VM ${host.backingWorkload}, which was deleted (${containers.length} container${containers.length === 1 ? '' : 's'} with it)`,
      );
      const back = reload(estate, lines.join('; '));
      expect(back.sim.hostViews().map((h) => h.id)).not.toContain(host.id);
      // docker/cli's context store: metadatastore.go getByID wraps the missing meta.json as "context not found".
      expect(runLine(back, `docker context use ${host.id}`).stderr).toMatch(
        new RegExp(`^context "${host.id}": context not found: open /root/\\.docker/contexts/meta/[0-9a-f]{64}/meta\\.json: no such file or directory\\n$`),
      );
    }
  });
});
