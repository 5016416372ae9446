// The tour leaves the user's settings alone: the speeds it sets, the commands it
// types and any theme are the tour's; from the hand-over on, what the user does
// is saved as ever, with the user's own history, not the tour's lines.
import { describe, expect, it } from 'vitest';
import { pinChalkLevel } from '../../src/session/play/colours.js';
import { playTape } from '../../src/session/play/player.js';
import { loadTape } from '../../src/session/tape/load.js';
import { TOUR_TAPE, tourConsole } from '../../src/session/tour.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { builtInThemes, DEMO_DIR } from './helpers.js';

describe('--demo and the settings', () => {
  it("saves nothing while the tour plays, and only the user's own afterwards", async () => {
    const loaded = loadTape(TOUR_TAPE);
    if ('error' in loaded) throw new Error(loaded.error);
    const saved: unknown[] = [];
    const files: string[] = [];
    const user = {
      history: ['virsh list --all'],
      onSettings: (patch: unknown) => saved.push(patch),
      onSave: (file: string | undefined) => {
        files.push(file ?? '');
        return { ok: true, message: 'saved' };
      },
      onOpen: (file: string) => {
        files.push(file);
        return { ok: true, message: 'opened' };
      },
    };
    const handing = tourConsole(user);
    await pinChalkLevel();
    const live = { write: () => {}, pace: async () => {}, marker: async () => 'continue' as const, interrupted: () => undefined };
    const r = await playTape(loaded.tape, {
      tapeDir: DEMO_DIR,
      outputs: { root: DEMO_DIR, force: false },
      themes: builtInThemes(),
      writeFiles: false,
      live,
      console: handing.hooks,
    });
    expect(r.ok, r.failure?.message).toBe(true);
    const ctl = r.session!.controller;
    // The tour typed commands and set speeds 10 and 60: none of it reached the settings.
    expect(ctl.history.length).toBeGreaterThan(3);
    expect(saved).toEqual([]);
    // Nor could it write an estate file.
    runPromptLine(ctl, 'w lab.json');
    expect(files).toEqual([]);
    expect(ctl.state.message?.text).toBe('the tour does not write files: esc leaves it, then :w saves');
    expect(saved).toEqual([]);

    handing.handOver(ctl);
    expect(ctl.history).toEqual(['virsh list --all']);
    runPromptLine(ctl, 'speed 600');
    expect(saved).toEqual([{ history: ['virsh list --all', 'speed 600'] }, { speed: 600 }]);
    runPromptLine(ctl, 'w lab.json');
    expect(files).toEqual(['lab.json']);
  });
});
