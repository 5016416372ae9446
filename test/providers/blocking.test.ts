// Commands return when the real command returns: in exec and a tape's Sim run,
// simulated time passes until then, and the next line sees the result; in the
// console, the prompt's command runs while the console stays live.
// Sources for docker: docker/cli cli/command/container/run.go (the ID is printed
// after ContainerStart returns), stop.go (ContainerStop returns once the
// container has exited), pull.go (returns once the layers are downloaded).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine, runScript } from '../../src/estate/script.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor } from '../ui/helpers.js';

const state = (estate: ReturnType<typeof defaultEstate>, id: string) => estate.sim.workload(id)?.state;

describe('docker returns when docker returns', () => {
  it('docker run -d returns once the container runs, the pull included: the next line lists it Up', () => {
    const estate = defaultEstate(1);
    const before = estate.sim.now;
    const run = runLine(estate, 'docker run -d --name web -p 8080:80 nginx');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(run.stderr).toContain("Unable to find image 'nginx:latest' locally");
    // nginx is ~188 MB at 40 MiB/s: several seconds of pull, then the start.
    expect(estate.sim.now - before).toBeGreaterThan(4000);
    const ps = runLine(estate, 'docker ps');
    expect(ps.stdout).toMatch(/ Up [^\n]* web\n/);
  });

  it('docker stop returns once the container has exited; docker start once it runs again', () => {
    const estate = defaultEstate(1);
    runScript(estate, ['docker run -d --name web nginx']);
    const stop = runLine(estate, 'docker stop web');
    expect(stop.stdout).toBe('web\n');
    expect(runLine(estate, 'docker ps -a').stdout).toMatch(/Exited \(0\)[^\n]* web\n/);
    expect(runLine(estate, 'docker start web').stdout).toBe('web\n');
    expect(runLine(estate, 'docker ps').stdout).toMatch(/ Up [^\n]* web\n/);
  });

  it('docker pull returns once the image is downloaded, at registry speed', () => {
    const estate = defaultEstate(1);
    const before = estate.sim.now;
    const r = runLine(estate, 'docker pull redis');
    // docker/cli cli/command/image/pull.go: the default tag said, the daemon's progress, then the full reference.
    expect(r.stdout).toMatch(
      /^Using default tag: latest\nlatest: Pulling from library\/redis\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for redis:latest\ndocker\.io\/library\/redis:latest\n$/,
    );
    expect(estate.sim.now).toBeGreaterThan(before);
    const again = estate.sim.now;
    expect(runLine(estate, 'docker pull redis').stdout).toContain('Image is up to date');
    expect(estate.sim.now).toBe(again);
  });

  it("a tape's Sim run blocks the same way", () => {
    const estate = defaultEstate(1);
    expect(runSim(estate, ['run', 'docker run -d --name web nginx'])).toBeUndefined();
    expect(state(estate, 'docker-01/web')).toBe('running');
  });

  it('each exec --estate call carries on from the clock saved in the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyperpane-block-')), 'lab.json');
    const estate = defaultEstate(1);
    expect(saveEstate(estate, file).ok).toBe(true);
    const first = loadEstate(file);
    if (!first.ok) throw new Error(first.error.message);
    runLine(first.value, 'docker run -d --name web nginx');
    const t = first.value.sim.now;
    expect(saveEstate(first.value, file).ok).toBe(true);
    const second = loadEstate(file);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.sim.now).toBe(t);
    expect(state(second.value, 'docker-01/web')).toBe('running');
  });
});

describe('in the console, a command that blocks keeps the console live', () => {
  const type = (ctl: ReturnType<typeof controllerFor>, line: string) => {
    ctl.press(':', ':');
    for (const ch of line) ctl.press(ch === ' ' ? 'space' : ch, ch);
    ctl.press('enter');
  };

  it('says what it waits for, answers when it returns, and runs lines typed meanwhile after it', () => {
    const ctl = controllerFor();
    type(ctl, 'docker run -d --name web nginx');
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.state.running).toBe('docker run -d --name web nginx · waiting for web to start · esc stops waiting');
    type(ctl, 'docker ps');
    expect(ctl.state.running).toContain('1 more typed');
    // Keys still act while it waits.
    ctl.press('2', '2');
    expect(ctl.state.pane).not.toBe('hosts');
    ctl.estate.sim.advance(60_000);
    expect(ctl.state.running).toBeUndefined();
    // The run's answer opened first; the ps behind it is held until that closes.
    expect(ctl.state.overlay).toMatchObject({ type: 'output', title: '$ docker run -d --name web nginx' });
    ctl.press('escape');
    expect(ctl.state.overlay).toMatchObject({ type: 'output', title: '$ docker ps' });
    expect((ctl.state.overlay as unknown as { lines: string[] }).lines.some((l) => / Up .* web$/.test(l))).toBe(true);
  });

  it('esc stops waiting; what the command started goes on', () => {
    const ctl = controllerFor();
    type(ctl, 'docker run -d --name web nginx');
    ctl.press('escape');
    expect(ctl.state.running).toBeUndefined();
    expect(ctl.state.message?.text).toBe('stopped waiting for docker run -d: it goes on');
    ctl.estate.sim.advance(60_000);
    expect(ctl.state.overlay).toBeUndefined();
    expect(ctl.estate.sim.workload('docker-01/web')?.state).toBe('running');
  });

  it('an answer that comes while the prompt is open waits for it to close', () => {
    const ctl = controllerFor();
    type(ctl, 'docker run -d --name web nginx');
    ctl.press(':', ':');
    ctl.press('v', 'v');
    ctl.estate.sim.advance(60_000);
    expect(ctl.state.overlay).toMatchObject({ type: 'prompt' });
    ctl.press('escape');
    expect(ctl.state.overlay).toMatchObject({ type: 'output', title: '$ docker run -d --name web nginx' });
  });
});
