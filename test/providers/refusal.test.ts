// A refused placement is summarised as kube-scheduler summarises a pod no node can
// take (kubernetes pkg/scheduler/schedule_one.go, FitError.Error: "0/13 nodes are
// available: 3 Insufficient memory, ..."), counted without a sentence per host;
// the per-host list is worked out only when asked for (exec --verbose, :why).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor } from '../ui/helpers.js';

const TOO_BIG_KVM = 'virt-install --name big --memory 2048 --vcpus 2 --disk size=99999 --os-variant debian12 --import --noautoconsole';

describe('a refused placement', () => {
  it('counts the hosts by reason, most common first, with the most free where a resource is short', () => {
    const estate = defaultEstate(1);
    const r = runLine(estate, TOO_BIG_KVM);
    expect(r.exitCode).toBe(1);
    // 12 hosts (the cloud region's pool is no host to a VM): 9 run ESXi, Hyper-V or Docker; 3 KVM hosts lack the disk.
    expect(r.stderr).toMatch(
      /: 0\/12 hosts are available: 9 run another hypervisor, 3 have too little disk \(needs 97\.7 TiB, most free [\d.]+ TiB on kvm-0\d\)\n/,
    );
    expect(r.stderr).not.toMatch(/esx-01/);
  });

  it('says which hosts refused and why when asked, and only for the line that was refused', () => {
    const estate = defaultEstate(1);
    expect(runLine(estate, 'virsh list').refused).toBeUndefined();
    const r = runLine(estate, TOO_BIG_KVM);
    const perHost = r.refused!.perHost();
    expect(perHost).toContain('esx-01: Incompatible hypervisor: esx-01 runs ESXi, the workload needs KVM');
    expect(perHost.filter((l) => /^kvm-0\d: Insufficient disk: needs 97\.7 TiB, kvm-0\d has [\d.]+ TiB free$/.test(l))).toHaveLength(3);
    expect(perHost.some((l) => l.startsWith('westeurope'))).toBe(false);
    expect(runLine(estate, 'virsh list').refused).toBeUndefined();
  });

  it('is listed host by host in the console by :why, and the answer says so', () => {
    const ctl = controllerFor();
    const type = (text: string) => {
      ctl.press(':', ':');
      for (const ch of text) ctl.press(ch === ' ' ? 'space' : ch, ch);
      ctl.press('enter', '');
    };
    type('why');
    expect(ctl.state.overlay).toBeUndefined();
    type(TOO_BIG_KVM);
    const answer = ctl.state.overlay;
    expect(answer?.type === 'output' && answer.lines.join('\n')).toMatch(/0\/12 hosts are available[\s\S]*\(:why lists each host's reasons\)$/);
    ctl.press('escape', '');
    type('why');
    const why = ctl.state.overlay;
    expect(why?.type === 'output' && why.title).toBe(':why');
    expect(why?.type === 'output' && why.lines).toContain('hv-01: Incompatible hypervisor: hv-01 runs Hyper-V, the workload needs KVM');
  });
});

describe('a refused placement, edge cases (review findings)', () => {
  it('names the host asked for when one was, and "most free" only among hosts that would otherwise take it', () => {
    const estate = defaultEstate(1);
    // govc vm.create -host: esx-02's own reasons, not esx-01's (the first host in the estate).
    const r = runLine(estate, 'govc vm.create -c 2 -m 1024 -disk 500TB -host esx-02 big');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^govc: Insufficient disk: needs 500 TiB, esx-02 has [\d.]+ TiB free\n$/);
    // Hosts out of scope are counted once and are never the "most free".
    const sim = estate.sim;
    const out = sim.place({ platform: 'vmware', amounts: [1000, 1024, 500 * 1024 * 1024], policy: 'first-fit', hosts: ['esx-02'], cluster: 'vsphere-prod' });
    expect(!out.ok && out.message).toMatch(
      /0\/12 hosts are available: 8 run another hypervisor, 4 have too little disk \(needs 500 TiB, most free [\d.]+ TiB on esx-02\), 3 are outside the requested scope$/,
    );
  });

  it('keeps only what a user asked for: a preview or an HA restart that finds no host is not the one :why explains', () => {
    const estate = defaultEstate(1);
    runLine(estate, 'virt-install --name big --memory 2048 --vcpus 2 --disk size=99999 --os-variant debian12 --import --noautoconsole');
    const asked = estate.sim.placer.lastRefusal!;
    expect(asked.message).toMatch(/^No host can take big /);
    estate.sim.place({ platform: 'vmware', amounts: [1000, 1024, 500 * 1024 * 1024], policy: 'first-fit' });
    expect(estate.sim.placer.lastRefusal).toBe(asked);
  });
});
