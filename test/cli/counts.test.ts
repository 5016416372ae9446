// One count of hosts everywhere (src/estate/counts.ts): the header, the Hosts
// pane, `hyperpane --summary` and the estate's first event all count physical
// and Docker hosts, never a cloud region's capacity pool, and agree as hosts fail
// or leave the estate.
import { describe, expect, it } from 'vitest';
import { MONOCHROME } from '../../src/config/themes.js';
import type { Estate } from '../../src/estate/estate.js';
import { PRESETS } from '../../src/estate/presets/index.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { estateSummary } from '../../src/estate/summary.js';
import { renderFrame } from '../../src/session/play/frame.js';
import { stripAnsi } from '../../src/session/play/screen.js';
import { Controller } from '../../src/ui/controller.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { Keymap } from '../../src/ui/keymap.js';

/** Each place's count of hosts, as [connected, all]. */
function counts(estate: Estate) {
  const ctl = new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: 120, height: 40 });
  const screen = renderFrame(ctl).map(stripAnsi).join('\n');
  const header = /Hosts (\d+)\/(\d+) up/.exec(screen);
  const tab = /1 Hosts (\d+)/.exec(screen);
  const summary = /, (\d+)\/(\d+) hosts? connected/.exec(estateSummary(estate));
  const built = estate.sim.log.recent(10_000).find((e) => e.kind === 'estate.built');
  const logged = built && /, (\d+) hosts?,/.exec(built.message);
  const listed = ctl.rows('hosts').total;
  return {
    header: header && [Number(header[1]), Number(header[2])],
    summary: summary && [Number(summary[1]), Number(summary[2])],
    tab: tab && Number(tab[1]),
    listed,
    logged: logged && Number(logged[1]),
  };
}

describe('one count of hosts', () => {
  it.each(['default', 'small-office', 'enterprise', 'hybrid'])(
    '%s: header, Hosts pane, --summary and the first event agree, the cloud pool not counted',
    (name) => {
      const estate = PRESETS[name].build(1);
      const hosts = estate.sim.hostViews().filter((h) => h.platform !== 'azure').length;
      const c = counts(estate);
      expect(c).toEqual({ header: [hosts, hosts], summary: [hosts, hosts], tab: hosts, listed: hosts, logged: hosts });
    },
  );

  it('the built-in estate: 12 hosts (10 hypervisor hosts, 2 Docker hosts, one of them a VM) and its region shown as a region', () => {
    const estate = PRESETS.default.build(1);
    expect(counts(estate).header).toEqual([12, 12]);
    const summary = estateSummary(estate);
    expect(summary).toContain('2 datacenters, 1 cloud region, 5 clusters, 12/12 hosts connected');
    expect(summary).not.toMatch(/^westeurope-capacity/m);
    expect(summary).toMatch(/^REGION +CLOUD +STATE +ALLOCATED +CLOUD VMS$/m);
    expect(summary).toMatch(/^westeurope +Azure +available +11 vCPU, 49 GiB +5$/m);
    expect(estate.sim.log.recent(10_000).find((e) => e.kind === 'estate.built')?.message).toBe(
      'hyperpane demo estate: 2 datacenters, 1 cloud region, 12 hosts, 31 workloads',
    );
  });

  it('still agree when a host fails and when a Docker host leaves with its VM', () => {
    const estate = PRESETS.default.build(1);
    expect(runSim(estate, ['fail', 'host', 'esx-02'])).toBeUndefined();
    let c = counts(estate);
    expect([c.header, c.summary, c.listed]).toEqual([[11, 12], [11, 12], 12]);
    // Deleting the VM a Docker host runs in takes the host with it.
    const ctl = new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: 120, height: 40 });
    runPromptLine(ctl, 'virsh destroy dockervm-01');
    runPromptLine(ctl, 'virsh undefine dockervm-01');
    estate.sim.advance(60_000);
    c = counts(estate);
    expect([c.header, c.summary, c.listed, c.tab]).toEqual([[10, 11], [10, 11], 11, 11]);
  });
});
