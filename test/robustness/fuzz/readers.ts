// What each reader of a user's files is fuzzed with, and what must hold for every
// case: estate files, settings, themes and tapes, each from real files mutated in
// the ways a careless hand or a hostile one would (other names, boundary numbers,
// prototype names, control characters, deep nesting, special files, durations and
// patterns built to hang), and from nothing (random text). No case may throw,
// every refusal says why, and an estate that loads must run on, save and load
// again with its claims adding up. Run by worker.ts under a time and memory bound.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SettingsStore } from '../../../src/config/settings.js';
import { TOKENS } from '../../../src/config/theme-tokens.js';
import { loadThemeFile, resolveTheme } from '../../../src/config/themes.js';
import { RESOURCES } from '../../../src/core/units.js';
import type { Estate } from '../../../src/estate/estate.js';
import { estateFromJson } from '../../../src/estate/file-read.js';
import { estateToFile } from '../../../src/estate/file-write.js';
import { PRESETS } from '../../../src/estate/presets/index.js';
import { runLine } from '../../../src/estate/script.js';
import { formatProblem } from '../../../src/session/tape/ast.js';
import { checkTape } from '../../../src/session/tape/check.js';
import { readSource } from '../../../src/session/tape/load.js';
import { parseTape } from '../../../src/session/tape/parser.js';
import { Keymap } from '../../../src/ui/keymap.js';
import { paint } from '../../../src/ui/paint.js';

/** The repository, where the real files mutated here are (set by the worker: a bundle does not know where it came from). */
let root = process.cwd();
export function setRoot(dir: string): void {
  root = dir;
}
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The readers' scratch folders, removed when the cases are done (they were left in /dev/shm, one per reader a run). */
const scratch: string[] = [];
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
export function removeScratch(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const PROTO = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
const ESCAPES = ['\u001b[2J', '\u001b]52;c;aGk=\u0007', '\u202e', '\u0000', '\r'];

/**
 * Text of any code points, lone surrogates included: what fc.string({ unit: 'binary' })
 * gives, without the map of all 1,114,112 code points it builds each time it is made
 * (about a second of each fuzz worker's start, measured).
 */
export function anyText(maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.nat(0x10ffff), { maxLength }).map((points) => String.fromCodePoint(...points));
}

/** Values a hostile or careless file holds where something else was. */
export const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    -1,
    0,
    0.5,
    1,
    1e15,
    1e300,
    -1e300,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    3.155e13,
    '',
    '64GiB',
    '-4GiB',
    '1e9TiB',
    '0MiB',
    null,
    [],
    {},
    true,
  ),
  fc.constantFrom(
    'running',
    'stopped',
    'migrating',
    'booting',
    'failed',
    'deleted',
    'esx-01',
    'web-01',
    'dockervm-01',
    'docker-vm-01',
    'tick',
    'step',
    'ha',
    'backup',
  ),
  fc.constantFrom(...PROTO, ...ESCAPES),
  anyText(30),
);

/**
 * `doc` with `value` set at a path of keys and indices (creating nothing that is not
 * there). Only the objects along the path are copied; the rest is shared with `doc`,
 * which deepFreeze has made read-only, so a reader that wrote into its input would
 * fail the case instead of spoiling the next ones.
 */
export function mutate(doc: unknown, path: readonly number[], value: unknown): unknown {
  const copyOf = (node: object): Record<string | number, unknown> => (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  if (typeof doc !== 'object' || doc === null) return doc;
  const top = copyOf(doc);
  let node = top;
  for (let i = 0; i < path.length; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return top;
    const key = Array.isArray(node) ? path[i] % node.length : keys[path[i] % keys.length];
    if (i === path.length - 1) {
      node[key] = value;
      break;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null) return top;
    node = node[key] = copyOf(next);
  }
  return top;
}

/** Makes a document read-only all the way down. */
export function deepFreeze<T>(doc: T): T {
  if (typeof doc === 'object' && doc !== null && !Object.isFrozen(doc)) {
    for (const x of Object.values(doc)) deepFreeze(x);
    Object.freeze(doc);
  }
  return doc;
}

/** Every string in a document: the names a mutation swaps for one another. */
function strings(doc: unknown, out: string[] = []): string[] {
  if (typeof doc === 'string') out.push(doc);
  else if (Array.isArray(doc)) for (const x of doc) strings(x, out);
  else if (doc && typeof doc === 'object') for (const x of Object.values(doc)) strings(x, out);
  return out;
}

const change = (names: readonly string[]) =>
  fc.oneof(
    fc.tuple(fc.array(fc.nat(60), { minLength: 1, maxLength: 7 }), weird),
    // Another name from the same file, where a name was: a reference to the wrong thing.
    fc.tuple(fc.array(fc.nat(60), { minLength: 1, maxLength: 7 }), fc.constantFrom(...names)),
  );

// --- estate files ------------------------------------------------------------

/** Saved estates with everything a file can hold in flight: plans, a migration, snapshots, backups, replicas. */
function savedEstates(): unknown[] {
  const office = PRESETS['small-office']!.build(1);
  for (const line of [
    'Checkpoint-VM -Name dc-01 -SnapshotName a',
    'Checkpoint-VM -Name dc-01 -SnapshotName b',
    'Stop-VM -Name files-01 -Force',
    'docker run -d --name cache --memory 64m --restart always redis:7',
  ])
    runLine(office, line);
  office.sim.advance(1500);
  const hybrid = PRESETS.hybrid!.build(1);
  for (const line of ['govc vm.migrate -host esx-02 web-01', 'az vm deallocate -g shop-rg -n reports', 'govc snapshot.create -vm web-01 s1'])
    runLine(hybrid, line);
  hybrid.sim.advance(800);
  return [office, hybrid].map((e) => JSON.parse(JSON.stringify(estateToFile(e))));
}

/** Every host's usage is the sum of the live claims on it (workloads' and volumes'). */
function claimsAddUp(estate: Estate): void {
  const { workloads: wl, ledger, hosts } = estate.sim;
  const used = hosts.records.map(() => new Array<number>(RESOURCES).fill(0));
  for (let w = 0; w < wl.count; w++) {
    for (const [claim, host] of [
      [wl.claimId[w], wl.host[w]],
      [wl.claimId2[w], wl.host2[w]],
    ])
      if (claim >= 0)
        ledger.claimAmounts(claim).forEach((a, r) => {
          used[host][r] += a;
        });
  }
  // Volumes on a host's own storage claim its disk too.
  for (const v of estate.sim.datastores.volumes.values())
    if (v.claim >= 0)
      ledger.claimAmounts(v.claim).forEach((a, r) => {
        used[v.host][r] += a;
      });
  hosts.records.forEach((_, h) => {
    for (let r = 0; r < RESOURCES; r++)
      if (ledger.used(h, r) !== used[h][r])
        throw new Error(`host ${hosts.records[h].id}: usage ${ledger.used(h, r)} of resource ${r} is not the sum of its claims (${used[h][r]})`);
  });
}

export function estateReader(): fc.IPropertyWithHooks<[unknown]> {
  const docs = deepFreeze([JSON.parse(read('demo/two-sites.json')), JSON.parse(read('demo/consolidation.json')), ...savedEstates()]);
  const names = [...new Set(docs.flatMap((d) => strings(d)))].slice(0, 400);
  const mutated = fc
    .tuple(fc.nat(docs.length - 1), fc.array(change(names), { minLength: 1, maxLength: 4 }))
    .map(([d, changes]) => changes.reduce((doc, [path, value]) => mutate(doc, path, value), docs[d]));
  const input = fc.oneof({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }, { weight: 9, arbitrary: mutated });
  return fc.property(input, (data) => {
    const r = estateFromJson(data);
    if (!r.ok) {
      if (!(r.error.message.length > 0)) throw new Error('a refusal without a reason');
      return;
    }
    // A file that loads is an estate: it runs on, saves, loads again, and adds up.
    r.value.sim.advance(5_000);
    claimsAddUp(r.value);
    const again = estateFromJson(JSON.parse(JSON.stringify(estateToFile(r.value))));
    if (!again.ok) throw new Error(`loaded, ran 5 s, saved, and then did not load: ${again.error.message}`);
    claimsAddUp(again.value);
  });
}

// --- settings ----------------------------------------------------------------

export function settingsReader(): fc.IPropertyWithHooks<[string]> {
  const good = JSON.stringify({
    theme: 'dracula',
    speed: 60,
    keys: { 'move.down': ['j', 'n'], quit: ['q'] },
    history: ['virsh list'],
    lastEstate: '/tmp/x.json',
  });
  const doc = JSON.parse(good) as unknown;
  const names = [...strings(doc), ...PROTO];
  const text = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    anyText(200),
    fc.array(change(names), { minLength: 1, maxLength: 3 }).map((cs) => JSON.stringify(cs.reduce((d, [p, v]) => mutate(d, p, v), doc))),
    fc.constantFrom(...PROTO).map((p) => `{"keys": {"${p}": ["x"]}, "theme": "${p}"}`),
  );
  const dir = scratchDir('hp-fuzz-settings-');
  let n = 0;
  return fc.property(text, (t) => {
    const config = join(dir, String(n++ % 50));
    mkdirSync(config, { recursive: true });
    process.env.HYPERPANE_CONFIG_DIR = config;
    const { store } = SettingsStore.open();
    writeFileSync(store.path, t);
    const opened = SettingsStore.open();
    for (const w of opened.warnings) if (!w.includes(store.path)) throw new Error(`a settings warning that does not name the file: ${w}`);
    const settings = opened.store.get();
    new Keymap(settings.keys ?? {});
  });
}

// --- themes ------------------------------------------------------------------

export function themeReader(): fc.IPropertyWithHooks<[string]> {
  const good = JSON.parse(read('themes/dracula.json')) as unknown;
  const names = [...strings(good), ...PROTO, ...TOKENS];
  const text = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    anyText(200),
    fc.array(change(names), { minLength: 1, maxLength: 3 }).map((cs) => JSON.stringify(cs.reduce((d, [p, v]) => mutate(d, p, v), good))),
  );
  const dir = scratchDir('hp-fuzz-themes-');
  const path = join(dir, 'theme.json');
  return fc.property(text, (t) => {
    writeFileSync(path, t);
    const r = loadThemeFile(path);
    if (!r.ok) {
      if (!r.error.includes(path)) throw new Error(`a theme refusal that does not name the file: ${r.error}`);
      return;
    }
    // Every token it gives is a colour the painter takes.
    const theme = resolveTheme(r.theme);
    for (const token of TOKENS) {
      const c = theme.color[token];
      if (c !== undefined && typeof c !== 'string') throw new Error(`token ${token} resolved to a ${typeof c}`);
      paint('x', c);
    }
  });
}

// --- tapes -------------------------------------------------------------------

const TAPE_WORDS = [
  'Type',
  'Enter',
  'Sleep',
  'Set',
  'Wait',
  'Wait+Screen',
  'Expect',
  'Ctrl+',
  'Alt+',
  'Shift+',
  'Hide',
  'Show',
  'Output',
  'Source',
  'Sim',
  'Caption',
  'Marker',
  'Env',
  'Require',
  'Screenshot',
  'Copy',
  'Paste',
  'Down',
  'Up',
  'Escape',
  'Tab',
  'Backspace',
  '@',
  '+',
  '500ms',
  '2s',
  '3',
  '1000000m',
  '99999',
  '1e9',
  '"text"',
  "'x'",
  '`y`',
  '/re/',
  '/(a+)+$/',
  '/^(a|aa)+$/',
  '/(/',
  '{',
  '}',
  '#',
  'Cols',
  'Width',
  'TypingSpeed',
  'WaitTimeout',
  'fail',
  'host',
  'esx-01',
  'run',
  'advance',
  '100000h',
  '"virsh list"',
  '"/dev/zero"',
  '"../../x.cast"',
  '"/etc/passwd"',
  ...PROTO,
  ...ESCAPES.map((e) => JSON.stringify(e)),
  '\n',
  '\n',
  ' ',
];

export function tapeReader(): fc.IPropertyWithHooks<[string]> {
  const real = ['demo/tour.tape', 'demo/failover-drill.tape', 'demo/snapshots.tape'].map(read);
  const dir = scratchDir('hp-fuzz-tapes-');
  symlinkSync('/dev/zero', join(dir, 'zero.tape'));
  const spliced = fc
    .tuple(fc.nat(real.length - 1), fc.nat(5000), fc.nat(200), fc.array(fc.constantFrom(...TAPE_WORDS), { maxLength: 12 }))
    .map(([r, at, cut, words]) => {
      const text = real[r];
      const i = at % (text.length + 1);
      return text.slice(0, i) + words.join(' ') + text.slice(i + cut);
    });
  const text = fc.oneof(
    anyText(300),
    fc.array(fc.constantFrom(...TAPE_WORDS, 'Source "zero.tape"'), { maxLength: 60 }).map((w) => w.join(' ')),
    spliced,
  );
  const file = join(dir, 'f.tape');
  return fc.property(text, (t) => {
    const tape = parseTape(t, file, { readSource });
    const checked = checkTape(tape, dir, ['default-dark']);
    const lines = t.split('\n').length;
    for (const p of [...checked.errors, ...checked.notices]) {
      if (!(p.message.length > 0)) throw new Error('a problem without a message');
      if (p.pos.file === file && (p.pos.line < 1 || p.pos.line > lines))
        throw new Error(`a problem on line ${p.pos.line} of a ${lines}-line tape: ${formatProblem(p)}`);
    }
  });
}

export const READERS = { estate: estateReader, settings: settingsReader, theme: themeReader, tape: tapeReader } as const;
export type ReaderName = keyof typeof READERS;

// --- the player ----------------------------------------------------------------

const PLAY_LINES = [
  'Type "2"',
  'Type "j"',
  'Down 2',
  'Down@1ms 200',
  'Enter',
  'Escape',
  'Sleep 500ms',
  'Sleep 5s',
  // A minute hidden, not an hour: after Set Speed 600, an hour's Sleep ran 25 simulated days (2.2 million
  // ticks of the built-in estate, 11 s of one case), five minutes half of this suite's time; what a hidden
  // Sleep does is the same at any length, and the cap on a tape's simulation is tested in player.test.ts.
  'Hide\nSleep 1m\nShow',
  'Hide',
  'Show',
  'Type ":virsh list"',
  'Tab',
  'Type "/web"',
  'Type "/(a+)+$/"',
  `Type ":${'a'.repeat(40)}!"`,
  'Expect /(a+)+$/',
  'Wait@2s /^(a|aa)+$/',
  'Wait+Screen@1s /x/',
  'Sim fail host esx-02',
  'Sim recover host esx-02',
  // Two hours, not a day: a day of ticks was 0.5 s of each of the ~30% of tapes that held it, most of this suite.
  'Sim advance 2h',
  'Sim run "virsh destroy dockervm-01"',
  'Sim run "virsh undefine dockervm-01"',
  'Type "?"',
  'Type "n"',
  'Type "x"',
  'Type "y"',
  'Caption "\u001b[2J hi"',
  'Set Speed 600',
  'Set Speed 0',
  'Copy "web"',
  'Paste',
  'Screenshot "../x.txt"',
  'Output "/tmp/x.cast"',
];

export function playerReader(play: (text: string) => Promise<{ ok: boolean; message?: string; cast: string }>): fc.IAsyncPropertyWithHooks<[string[]]> {
  return fc.asyncProperty(fc.array(fc.constantFrom(...PLAY_LINES), { maxLength: 12 }), async (lines) => {
    const r = await play(lines.join('\n'));
    if (!r.ok && !(r.message && r.message.length > 0)) throw new Error('a failure without a message');
    if (r.cast.includes('\u001b[2J hi')) throw new Error('a caption reached the recording raw');
  });
}
