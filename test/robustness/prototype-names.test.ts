// Names a person types that JavaScript objects answer to on their own:
// "constructor", "toString", "__proto__" and the like. A lookup table keyed by a
// typed name must say "no such thing", not hand back Object's members (which
// crashed `virsh constructor`, `--preset constructor`, `Set constructor` and a
// theme whose token named "toString").

import { join } from 'node:path';
import { execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { themeFile } from '../../src/config/theme-schema.js';
import { resolveTheme } from '../../src/config/themes.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { checkTape } from '../../src/session/tape/check.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { Keymap } from '../../src/ui/keymap.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor } from '../ui/helpers.js';

const PROTO_WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];
/** What a prototype member looks like once it is printed. */
const LEAK = /\[native code\]|\[object Object\]|function |=> |\bundefined\b|\bNaN\b/;

const FLAGS = [
  '--name',
  '-n',
  '-g',
  '--resource-group',
  '--image',
  '--size',
  '-l',
  '--location',
  '--restart',
  '--memory',
  '--cpus',
  '-e',
  '--vm',
  '-host',
  '-ds',
  '-pool',
  '-Name',
  '-VMName',
  '-SwitchName',
  '-SnapshotName',
  '-Generation',
  '--os-variant',
  '--original',
  '--domain',
  '--format',
  '-o',
  '--query',
  '--filter',
  '--output',
  '--tier',
  '-m',
  '-c',
];

describe('names that objects answer to on their own', () => {
  it('every native command, with such a name in every place, answers in its own words', () => {
    let estate = defaultEstate(1);
    const phrases = [...new Set(estate.providers.all().flatMap((p) => [...p.vocabulary, ...p.commands]))];
    let n = 0;
    for (const phrase of phrases) {
      for (const w of PROTO_WORDS) {
        const lines = [
          `${phrase} ${w}`,
          `${phrase} ${w} ${w}`,
          `${phrase} -${w}`,
          `${phrase} --${w}`,
          `${phrase} --${w}=${w}`,
          `${phrase} -${w}:${w}`,
          ...FLAGS.map((f) => `${phrase} ${f} ${w}`),
          `${phrase} -g shop-rg -n ${w} --image ${w} --size ${w}`,
        ];
        for (const line of lines) {
          if (++n % 400 === 0) estate = defaultEstate(1);
          const r = estate.providers.exec(line);
          expect(`${r.stdout}${r.stderr}`, line).not.toMatch(LEAK);
        }
      }
    }
    expect(n).toBeGreaterThan(5000);
  });

  it("the console's own commands and the scenario verbs", () => {
    const ctl = controllerFor();
    for (const w of PROTO_WORDS) {
      for (const line of [
        w,
        `theme ${w}`,
        `speed ${w}`,
        `drs ${w}`,
        `backup ${w}`,
        `backup web-01 ${w}`,
        `restore ${w}`,
        `replicate web-01 ${w}`,
        `failover ${w}`,
        `sim ${w}`,
        `sim fail host ${w}`,
        `sim ${w} host esx-01`,
        `sim load ${w} 50%`,
        `${w} list`,
      ]) {
        runPromptLine(ctl, line);
        expect(ctl.state.message?.text ?? '', line).not.toMatch(LEAK);
      }
      expect(runSim(ctl.estate, [w, 'host', 'esx-01']) ?? '').not.toMatch(LEAK);
      // A filter on a "field" of that name.
      ctl.press('/', '/');
      for (const ch of `${w}:x`) ctl.press(ch, ch);
      ctl.press('enter');
      expect(ctl.rows().rows.length).toBeGreaterThanOrEqual(0);
      ctl.press('escape');
    }
  });

  it('key settings, tapes and themes', () => {
    for (const w of PROTO_WORDS) {
      const keys = new Keymap({ [w]: ['x'] });
      expect(keys.warnings.join(' ')).toContain(`no command ${w}`);
      const tape = parseTape(`Set ${w} 1\nSet Estate ${w}\nSet Theme ${w}\nCtrl+${w}\n${w}\nSim ${w} host esx-01`, 't.tape');
      for (const p of [...tape.errors, ...checkTape(tape, '.', ['default-dark']).errors]) expect(p.message).not.toMatch(LEAK);
      const theme = themeFile.safeParse({ name: 'x', palette: { blue: '#0000ff' }, tokens: { 'text.primary': w } });
      expect(theme.success, `a token naming "${w}"`).toBe(false);
      const palette = themeFile.safeParse({ name: 'x', palette: { [w]: '#0000ff' }, tokens: { 'text.primary': w } });
      if (palette.success) expect(resolveTheme(palette.data).color['text.primary']).toBe('#0000ff');
    }
  });

  it('estate files that name such a duration profile or attribute', () => {
    const file = estateToFile(defaultEstate(1)) as unknown as { workloads: Record<string, unknown>[]; durationProfiles: Record<string, unknown> };
    for (const w of PROTO_WORDS) {
      const workloads = file.workloads.map((x, i) => (i === 0 ? { ...x, durations: w } : x));
      const r = estateFromJson({ ...file, workloads });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toContain(`workloads[0].durations: no duration profile named ${w}`);
    }
  });

  it('the command line: presets and themes by such a name', () => {
    const bin = join(import.meta.dirname, '../../dist/cli.js');
    for (const w of ['constructor', '__proto__']) {
      for (const args of [
        ['--preset', w, '--summary'],
        ['new', '--preset', w, '/tmp/never.json'],
        ['exec', `virsh ${w}`],
      ]) {
        const r = execaSync(process.execPath, [bin, ...args], { reject: false, env: { CI: 'true' }, stdin: 'ignore' });
        expect(r.stderr, args.join(' ')).not.toMatch(/internal error|TypeError|\n\s+at /);
        expect(r.exitCode, args.join(' ')).not.toBe(70);
      }
    }
  });
});
