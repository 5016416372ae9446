// A refused placement is summarised as kube-scheduler summarises a pod no node can
// take (kubernetes pkg/scheduler/schedule_one.go, FitError.Error: "0/13 nodes are
// available: 3 Insufficient memory, ..."), counted without a sentence per host;
// the per-host list is worked out only when asked for (exec --verbose, :why).
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { runLine } from '../../src/providers/script.js';
import { controllerFor } from '../ui/helpers.js';

const TOO_BIG_KVM = 'virt-install --name big --memory 2048 --vcpus 2 --disk size=99999 --os-variant debian12 --import --noautoconsole';

describe('a refused placement', () => {
  it('counts the hosts by reason, most common first, with the most free where a resource is short', () => {
    const estate = buildDefaultEstate(1);
    const r = runLine(estate, TOO_BIG_KVM);
    expect(r.exitCode).toBe(1);
    // 12 hosts (the cloud region's pool is no host to a VM): 9 run ESXi, Hyper-V or Docker; 3 KVM hosts lack the disk.
    expect(r.stderr).toMatch(/: 0\/12 hosts are available: 9 run another hypervisor, 3 have too little disk \(needs 97\.7 TiB, most free [\d.]+ TiB on kvm-0\d\)\n/);
    expect(r.stderr).not.toMatch(/esx-01/);
  });

  it('says which hosts refused and why when asked, and only for the line that was refused', () => {
    const estate = buildDefaultEstate(1);
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
    expect(answer?.type === 'output' && answer.lines.join('\n')).toMatch(/0\/12 hosts are available[^]*\(:why lists each host's reasons\)$/);
    ctl.press('escape', '');
    type('why');
    const why = ctl.state.overlay;
    expect(why?.type === 'output' && why.title).toBe(':why');
    expect(why?.type === 'output' && why.lines).toContain('hv-01: Incompatible hypervisor: hv-01 runs Hyper-V, the workload needs KVM');
  });
});
