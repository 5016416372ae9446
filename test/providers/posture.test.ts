// The security posture report: Defender for Cloud's secure-score arithmetic
// (secure-score-access-and-track.md: a control's score is max / (healthy +
// unhealthy) x healthy; the secure score the sum of the controls' over the sum of
// their max, x 100; a control with nothing to check counts for nothing), the
// findings of the built-in estate, and each kind of fix moving the score.
import { describe, expect, it } from 'vitest';
import { score } from '../../src/access/posture.js';
import { Estate } from '../../src/estate/estate.js';
import { runLine } from '../../src/estate/script.js';
import { latestBy } from '../../src/providers/posture/host-builds.js';
import { INACTIVE_MS } from '../../src/providers/posture/unused-rights.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor, press, prompt } from '../ui/helpers.js';

const findings = (e: Estate, control: string) => e.providers.posture().findings.filter((f) => f.control === control);
const run = (e: Estate, lines: readonly string[]) => {
  for (const l of lines) expect(runLine(e, l).exitCode, l).toBe(0);
};

describe('the secure score', () => {
  it("is each control's max times its healthy share, summed over the max of those with anything to check", () => {
    const p = score(
      [
        { id: 'management-ports', title: 'Secure management ports', max: 8 },
        { id: 'system-updates', title: 'Apply system updates', max: 6 },
        { id: 'network', title: 'Restrict unauthorized network access', max: 4 },
      ],
      [
        { control: 'management-ports', resource: 'a', healthy: true },
        { control: 'management-ports', resource: 'b', healthy: false },
        { control: 'system-updates', resource: 'h', healthy: true },
      ],
    );
    // (8 x 1/2 + 6 x 1/1) / (8 + 6) = 10 / 14; the network control has nothing to check.
    expect(p.percent).toBe(71);
    expect(p.controls.map((c) => c.points)).toEqual([4, 6, 0]);
  });
});

describe('the built-in estate', () => {
  it('finds SSH open to the internet on the cloud VMs, two hosts and two engines behind, root containers, flat networks', () => {
    const e = defaultEstate(1);
    expect(
      findings(e, 'management-ports')
        .map((f) => f.resource)
        .sort(),
    ).toEqual(['jumpbox', 'reports', 'shop-api', 'shop-web-1', 'shop-web-2']);
    expect(
      findings(e, 'system-updates')
        .map((f) => f.resource)
        .sort(),
    ).toEqual(['docker-01', 'docker-vm-01', 'esx-03', 'hv-02']);
    expect(findings(e, 'system-updates').find((f) => f.resource === 'esx-03')!.finding).toBe(
      'runs ESXi 8.0 Update 3d (24585383), of 2025-03-04; ESXi 8.0 Update 3h (25067014) is out since 2025-12-15',
    );
    expect(findings(e, 'access').map((f) => f.resource)).toEqual(expect.arrayContaining(['nginx', 'api', 'redis', 'postgres']));
    expect(findings(e, 'access').map((f) => f.resource)).not.toContain('prometheus');
    expect(findings(e, 'vulnerabilities').find((f) => f.resource === 'nginx')!.finding).toMatch(/92 known vulnerabilities in nginx:1\.27 \(Snyk, 2024-07-25/);
    expect(findings(e, 'network').length).toBeGreaterThan(0);
  });

  it('each fix moves the score: an NSG rule deleted, a host patched in maintenance mode, a container recreated as a user', () => {
    const e = defaultEstate(1);
    const start = e.providers.posture().percent;
    const port = findings(e, 'management-ports').find((f) => f.resource === 'jumpbox')!;
    run(e, port.fix!);
    const afterPorts = e.providers.posture().percent;
    expect(afterPorts).toBeGreaterThan(start);
    expect(runLine(e, 'patch esx-03').stderr).toMatch(/goes into maintenance mode first/);
    run(e, findings(e, 'system-updates').find((f) => f.resource === 'esx-03')!.fix!);
    const afterPatch = e.providers.posture().percent;
    expect(afterPatch).toBeGreaterThan(afterPorts);
    expect(e.providers.buildOf('esx-03')).toBe('25067014');
    run(e, findings(e, 'access').find((f) => f.resource === 'api')!.fix!);
    expect(JSON.parse(runLine(e, 'docker inspect api').stdout)[0].Config.User).toBe('1000');
    expect(e.providers.posture().percent).toBeGreaterThan(afterPatch);
  });

  it('moves with the calendar: a release dated later is not out yet, then is', () => {
    expect(latestBy('vmware', '2026-01-01')!.name).toBe('ESXi 8.0 Update 3h');
    expect(latestBy('vmware', '2026-02-24')!.name).toBe('ESXi 8.0 Update 3i');
    expect(latestBy('hyperv', '2026-01-13')!.build).toBe('20348.4648');
  });

  it("judges a user's unused rights only after the 90 days Defender looks back, and clears a right used since", () => {
    // An estate with nothing to tick, so that 90 simulated days pass at once.
    const e = new Estate({ name: 'rights' });
    const sub = '/subscriptions/00000000-0000-0000-0000-000000000000';
    run(e, [
      'az group create -n a -l westeurope',
      'az group create -n b -l westeurope',
      'user add dev',
      'user add ops',
      'az role assignment create --assignee dev --role Contributor --resource-group a',
      'az role assignment create --assignee ops --role Contributor --resource-group b',
    ]);
    const mine = () => findings(e, 'access').filter((f) => /^(dev|ops):/.test(f.resource));
    expect(mine()).toEqual([]);
    e.sim.advance(INACTIVE_MS);
    expect(e.providers.access.actAs('ops')).toBeUndefined();
    expect(runLine(e, 'az network vnet create -g b -n v --address-prefixes 10.0.0.0/16').exitCode).toBe(0);
    expect(e.providers.access.actAs('administrator')).toBeUndefined();
    expect(mine().map((f) => f.resource)).toEqual([`dev: Azure Contributor at ${sub}/resourceGroups/a`]);
    expect(mine()[0].fix).toEqual([`az role assignment delete --assignee dev --role Contributor --scope ${sub}/resourceGroups/a`]);
    run(e, mine()[0].fix!);
    expect(mine()).toEqual([]);
  });
});

describe('in the console and from the command line', () => {
  it(':posture lists the findings with the score beside the tab; enter asks to run a fix, y runs it', () => {
    const e = defaultEstate(1);
    const ctl = controllerFor(e);
    prompt(ctl, 'posture');
    expect(ctl.state.pane).toBe('posture');
    const before = e.providers.posture().percent;
    press(ctl, 'g', 'enter');
    expect(ctl.state.overlay?.type).toBe('confirm');
    press(ctl, 'y');
    expect(e.providers.posture().percent).toBeGreaterThan(before);
  });

  it("posture is an administrator's", () => {
    const e = defaultEstate(1);
    run(e, ['user add bob']);
    expect(e.providers.access.actAs('bob')).toBeUndefined();
    expect(runLine(e, 'posture').stderr).toMatch(/only members of Administrators/);
  });
});

describe('posture fixes keep what they recreate', () => {
  it("a root container's fix keeps its command, networks, aliases, volumes and CPU shares; a stopped one and a pod's are not judged", () => {
    const e = defaultEstate(1);
    run(e, [
      'docker network create app',
      'docker run -d --name w2 --restart on-failure:3 -c 512 -v /cache --network app --network-alias worker python:3.12-slim python3 -m http.server 8000',
      'docker run -d --name off nginx:1.27',
      'docker stop off',
    ]);
    const f = findings(e, 'access').find((x) => x.resource === 'w2')!;
    const line = f.fix![1];
    expect(line).toMatch(
      /^docker run -d --name w2 --restart on-failure:3 -c 512 --network app --network-alias worker -v \S+:\/cache --user 1000 python:3\.12-slim python3 -m http\.server 8000$/,
    );
    expect(findings(e, 'access').map((x) => x.resource)).not.toContain('off');
    run(e, f.fix!);
    expect(findings(e, 'access').map((x) => x.resource)).not.toContain('w2');
  });

  it('patch waits until the VMs are off; a Windows guest filters by its own firewall', () => {
    const e = defaultEstate(1);
    const ctl = controllerFor(e);
    prompt(ctl, 'posture');
    prompt(ctl, '');
    press(ctl, '/', ...'esx-03', 'enter', 'enter', 'y');
    expect(e.providers.buildOf('esx-03')).toBe('25067014');
    expect(e.sim.workloadViews().filter((w) => w.state === 'migrating')).toEqual([]);
    expect(
      findings(e, 'network')
        .map((x) => x.resource)
        .join(),
    ).not.toMatch(/VLAN 40/);
  });
});

describe('a flat Docker network', () => {
  it('is fixed by a network per container, and the grade moves', () => {
    const e = defaultEstate(1);
    const f = findings(e, 'network').find((x) => x.resource === 'Docker network bridge on docker-01')!;
    expect(f.fix).toContain('docker network create nginx-net');
    const points = () => e.providers.posture().controls.find((c) => c.id === 'network')!.points;
    const before = points();
    run(e, f.fix!);
    expect(findings(e, 'network').map((x) => x.resource)).not.toContain('Docker network bridge on docker-01');
    expect(points()).toBeGreaterThan(before);
  });
});
