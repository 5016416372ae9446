// Wait State: a tape waits on the estate itself (charmbracelet/vhs#70, #682, #708
// ask VHS to wait until something is done), ending as soon as every row the
// selector names is in the state, failing at its timeout with what it saw.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/session/tape/ast.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { play } from './helpers.js';

const errors = (text: string) => parseTape(text, 't.tape').errors.map(formatProblem);

describe('Wait State', () => {
  it('ends as soon as the VM runs: a boot takes its 20-60 s, not a guessed sleep', async () => {
    const r = await play('Sim run "virsh destroy dev-01"\nSim run "virsh start dev-01"\nWait@2m State vm/dev-01 running\nType "2"');
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    expect(r.session!.estate.sim.workloadRow('dev-01')!.state).toBe('running');
    // Polled a tenth of a second at a time: it ended within one look of the guest coming up.
    const up = r.session!.estate.sim.workloadRow('dev-01')!.runningSince;
    expect(r.session!.estate.sim.now - up).toBeLessThanOrEqual(100 + 50);
    expect(r.tapeMs).toBeGreaterThan(15_000);
  });

  it('waits for every pod a wildcard names, in kubectl’s words (Running), any case', async () => {
    const r = await play(['Sim run "kubectl apply -f web-app.yaml"', 'Wait@3m State pod/web-app-* Running', 'Expect+Screen /./'].join('\n'));
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    const pods = r.session!.estate.providers.kubernetes.current()!.list('Pod');
    expect(pods.length).toBeGreaterThan(1);
    for (const p of pods) expect(p.status.phase).toBe('Running');
    const lower = await play('Sim run "kubectl apply -f web-app.yaml"\nWait@3m State "pod/web-app-*" running');
    expect(lower.ok, lower.failure && formatProblem(lower.failure)).toBe(true);
  });

  it('waits for a deployment’s READY as kubectl get shows it (5/5), which a wildcard over pods cannot: new pods are not there yet', async () => {
    const r = await play(
      [
        'Sim run "kubectl apply -f web-app.yaml"',
        'Wait@3m State pod/web-app-* Running',
        'Sim run "kubectl scale deployment web-app --replicas=5"',
        'Wait@3m State deployment/web-app 5/5',
      ].join('\n'),
    );
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    expect(
      r
        .session!.estate.providers.kubernetes.current()!
        .list('Pod')
        .filter((p) => p.status.phase === 'Running'),
    ).toHaveLength(5);
  });

  it('fails at its timeout with what it saw, or says nothing is named so', async () => {
    const r = await play('Sim run "virsh destroy dev-01"\nWait@2s State dev-01 running');
    expect(r.ok).toBe(false);
    expect(formatProblem(r.failure!)).toBe('test.tape:2:1: Wait State dev-01 running timed out after 2s: saw vm/dev-01 stopped');
    expect(r.tapeMs).toBe(2_000);
    const none = await play('Wait@1s State pod/nope-* Running');
    expect(formatProblem(none.failure!)).toBe('test.tape:1:1: Wait State pod/nope-* Running timed out after 1s: no pod is named nope-*');
  });

  it('takes a /regex/ for the name or the state, and hosts by name', async () => {
    const r = await play('Sim enter-maintenance host esx-02\nWait@10m State host/esx-02 /maint/');
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    const re = await play('Wait@1s State /^web-0[12]$/ running');
    expect(re.ok, re.failure && formatProblem(re.failure)).toBe(true);
  });

  it('is checked when the tape is read: a TYPE it does not know, a missing STATE, a bad regex, a screen scope', () => {
    expect(errors('Wait State disk/x ok')).toEqual(['t.tape:1:6: Wait State knows host, vm, container, cloud, pod, deployment, node as TYPE/NAME, got disk/']);
    expect(errors('Wait State pod/web')[0]).toMatch(/^t\.tape:1:\d+: Wait State pod\/web expects the STATE to wait for, like Running$/);
    expect(errors('Wait State')[0]).toMatch(/Wait State expects \[TYPE\/\]NAME then a STATE/);
    expect(errors('Wait State web-01 /(/')[0]).toMatch(/Wait State's STATE \/\(\/: /);
    expect(errors('Wait State web-01 running # the guest is up')).toEqual([]);
    expect(errors('Wait State pod/web-app-* Running#up')).toEqual([]);
    expect(parseTape('Wait State pod//web app/ Running', 't.tape').commands[0]).toMatchObject({ target: { type: 'pod', name: '/web app/', state: 'Running' } });
    // What would take more than the line, or leave a quote open, is refused rather than swallowed.
    expect(errors('Wait State web-01 {running\nType "a"\nEnter\nSet Theme {"x": 1}')[0]).toMatch(
      /Wait State takes plain words: a \{ here is not closed on its line/,
    );
    expect(errors('Wait State "web-01 running')[0]).toMatch(/Wait State cannot read/);
    // State on the next line is not Wait's.
    expect(parseTape('Wait\nState web-01 running', 't.tape').commands.map((c) => c.kind)).not.toContain('wait-state');
    expect(errors('Wait State web-01 running soon')).toEqual(['t.tape:1:6: Wait State takes [TYPE/]NAME and a STATE, then nothing more: got soon']);
    expect(parseTape('Wait State deployment/web-app 5/5', 't.tape').notices).toEqual([]);
    expect(errors('Wait+Screen State web-01 running')).toEqual(['t.tape:1:1: Wait State looks at the estate, not the screen: it takes no +Line or +Screen']);
  });
});
