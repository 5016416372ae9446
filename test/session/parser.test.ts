// The tape parser: every command VHS has, hyperpane's additions, and every error
// with the line and column it points at.
import { describe, expect, it } from 'vitest';
import { type Command, formatProblem } from '../../src/session/tape/ast.js';
import { lex } from '../../src/session/tape/lexer.js';
import { parseTape } from '../../src/session/tape/parser.js';

const parse = (text: string, readSource?: Parameters<typeof parseTape>[2] extends infer O ? (O extends { readSource?: infer R } ? R : never) : never) =>
  parseTape(text, 't.tape', { readSource });
/** The commands without their positions, for comparing. */
const plain = (text: string) => {
  const t = parse(text);
  expect(t.errors.map(formatProblem)).toEqual([]);
  return t.commands.map(({ pos: _pos, ...rest }) => ('valuePos' in rest ? (({ valuePos: _v, ...r }) => r)(rest) : rest));
};
const errors = (text: string) => parse(text).errors.map(formatProblem);

describe('the lexer', () => {
  it('reads VHS tokens: words, three kinds of string, regexes, numbers, JSON, comments, punctuation', () => {
    const tokens = lex('Type@500ms "a b" \'c\' `d` /re+/ 1.5 {"x": 1} # note\n+ - %');
    expect(tokens.map((t) => [t.type, t.text])).toEqual([
      ['word', 'Type'],
      ['punct', '@'],
      ['number', '500'],
      ['word', 'ms'],
      ['string', 'a b'],
      ['string', 'c'],
      ['string', 'd'],
      ['regex', 're+'],
      ['number', '1.5'],
      ['json', '{"x": 1}'],
      ['comment', ' note'],
      ['punct', '+'],
      ['punct', '-'],
      ['punct', '%'],
      ['eof', ''],
    ]);
    expect(tokens[11]).toMatchObject({ line: 2, col: 1 });
  });
});

describe('VHS commands', () => {
  it('Output, Set, Type with its speed, Sleep in ms, s and m', () => {
    expect(plain('Output demo.cast\nSet Cols 100\nSet TypingSpeed 20ms\nType "hello" world\nType@1s "x"\nSleep 500ms\nSleep 2\nSleep 1m')).toEqual([
      { kind: 'output', path: 'demo.cast' },
      { kind: 'set', name: 'Cols', value: '100' },
      { kind: 'set', name: 'TypingSpeed', value: '20' },
      { kind: 'type', text: 'hello world' },
      { kind: 'type', text: 'x', delayMs: 1000 },
      { kind: 'sleep', ms: 500 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'sleep', ms: 60_000 },
    ]);
  });

  it('every key, with @time and a repeat count', () => {
    const keys = [
      'Enter',
      'Backspace',
      'Delete',
      'Insert',
      'Tab',
      'Space',
      'Up',
      'Down',
      'Left',
      'Right',
      'PageUp',
      'PageDown',
      'Escape',
      'ScrollUp',
      'ScrollDown',
      'Home',
      'End',
    ];
    expect(plain(keys.join('\n'))).toEqual(keys.map((key) => ({ kind: 'key', key, repeat: 1 })));
    expect(plain('Down@100ms 3\nBackspace 10')).toEqual([
      { kind: 'key', key: 'Down', repeat: 3, delayMs: 100 },
      { kind: 'key', key: 'Backspace', repeat: 10 },
    ]);
  });

  it('Ctrl, Alt and Shift chords, as the app names the keys', () => {
    expect(
      plain('Ctrl+C\nCtrl+Shift+O\nCtrl+Alt+X\nCtrl+[\nCtrl+Enter\nAlt+b\nAlt+Enter\nShift+Tab\nShift+g\nShift+1').map((c) => (c as { key: string }).key),
    ).toEqual(['ctrl+c', 'ctrl+o', 'alt+ctrl+x', 'ctrl+[', 'ctrl+enter', 'alt+b', 'alt+enter', 'shift+tab', 'G', '!']);
  });

  it('Wait with its scope, timeout and pattern, each optional', () => {
    expect(plain('Wait\nWait /ready/\nWait+Screen /a b/\nWait+Line@10s />$/\nWait@500ms')).toEqual([
      { kind: 'wait', scope: 'Line' },
      { kind: 'wait', scope: 'Line', pattern: 'ready' },
      { kind: 'wait', scope: 'Screen', pattern: 'a b' },
      { kind: 'wait', scope: 'Line', timeoutMs: 10_000, pattern: '>$' },
      { kind: 'wait', scope: 'Line', timeoutMs: 500 },
    ]);
  });

  it('Hide, Show, Require, Screenshot, Copy, Paste, Env and Subtitle', () => {
    expect(plain('Hide\nShow\nRequire git\nScreenshot shot.png\nCopy "some text"\nPaste\nEnv NO_COLOR "1"\nSubtitle "Hello" world')).toEqual([
      { kind: 'hide' },
      { kind: 'show' },
      { kind: 'require', program: 'git' },
      { kind: 'screenshot', path: 'shot.png' },
      { kind: 'copy', text: 'some text' },
      { kind: 'paste' },
      { kind: 'env', name: 'NO_COLOR', value: '1' },
      { kind: 'caption', text: 'Hello world' },
    ]);
  });

  it('every VHS setting, including the ones with their own value syntax', () => {
    const tape = parse(
      'Set Shell "bash"\n' +
        'Set FontSize 22\n' +
        'Set FontFamily "Mono"\n' +
        'Set Width 1200\n' +
        'Set Height 600\n' +
        'Set LetterSpacing 1\n' +
        'Set LineHeight 1.2\n' +
        'Set Theme "Dracula"\n' +
        'Set Theme {"background": "#000"}\n' +
        'Set Padding 10\n' +
        'Set Margin 5\n' +
        'Set MarginFill "#674EFF"\n' +
        'Set WindowBar Colorful\n' +
        'Set WindowBarSize 40\n' +
        'Set BorderRadius 8\n' +
        'Set Framerate 30\n' +
        'Set PlaybackSpeed 0.5\n' +
        'Set LoopOffset 20%\n' +
        'Set CursorBlink false\n' +
        'Set WaitTimeout 30s\n' +
        'Set WaitPattern /\\$ $/\n' +
        'Set SubtitleColor "#fff"',
    );
    expect(tape.errors).toEqual([]);
    expect(tape.commands).toHaveLength(22);
    expect(tape.commands.find((c) => c.kind === 'set' && c.name === 'WaitTimeout')).toMatchObject({ value: '30000' });
    expect(tape.commands.find((c) => c.kind === 'set' && c.name === 'LoopOffset')).toMatchObject({ value: '20' });
  });

  it('several commands on one line, and comments anywhere', () => {
    expect(plain('Type "ls" Enter # run it\n# a whole-line comment\nSleep 1')).toEqual([
      { kind: 'type', text: 'ls' },
      { kind: 'key', key: 'Enter', repeat: 1 },
      { kind: 'sleep', ms: 1000 },
    ]);
  });

  it('Source takes in another tape, without its Output lines, and reports its errors at their own place', () => {
    const files: Record<string, string> = { 'inner.tape': 'Output other.cast\nType "x"\n', 'bad.tape': 'Sleep\n', 'nested.tape': 'Source inner.tape\n' };
    const read = (path: string) => (files[path] !== undefined ? { file: path, text: files[path] } : { error: `File ${path} not found` });
    const ok = parseTape('Source inner.tape\nEnter', 't.tape', { readSource: read });
    expect(ok.commands.map((c) => c.kind)).toEqual(['type', 'key']);
    expect(ok.commands[0].pos.file).toBe('inner.tape');
    expect(parseTape('Source bad.tape', 't.tape', { readSource: read }).errors.map(formatProblem)).toEqual([
      'bad.tape:1:1: expected a time after Sleep (like 500ms, 2s or 1m)',
    ]);
    expect(parseTape('Source nested.tape', 't.tape', { readSource: read }).errors.map(formatProblem)).toEqual([
      'nested.tape:1:1: a sourced tape cannot Source another (VHS forbids nested Source)',
    ]);
    expect(parseTape('Source gone.tape', 't.tape', { readSource: read }).errors.map(formatProblem)).toEqual(['t.tape:1:8: File gone.tape not found']);
    expect(parseTape('Source inner.txt', 't.tape', { readSource: read }).errors.map(formatProblem)).toEqual([
      't.tape:1:8: Source expects a file with the .tape extension, got inner.txt',
    ]);
  });
});

describe("hyperpane's additions", () => {
  it('Caption, Marker, Expect and Sim', () => {
    expect(
      plain(
        'Caption "Hosts first"\nMarker "Chapter 1"\nExpect /web-01/\nExpect+Screen /a\\s+b/\nSim fail host esx-02\nSim load batch-01 95%\nSim advance 2h\nSim run "virsh list --all"  # a comment',
      ),
    ).toEqual([
      { kind: 'caption', text: 'Hosts first' },
      { kind: 'marker', text: 'Chapter 1' },
      { kind: 'expect', scope: 'Line', pattern: 'web-01' },
      { kind: 'expect', scope: 'Screen', pattern: 'a\\s+b' },
      { kind: 'sim', words: ['fail', 'host', 'esx-02'] },
      { kind: 'sim', words: ['load', 'batch-01', '95%'] },
      { kind: 'sim', words: ['advance', '2h'] },
      { kind: 'sim', words: ['run', 'virsh list --all'] },
    ]);
  });

  it('settings of its own: Cols, Rows, Seed, Estate, Speed, IdleTimeLimit', () => {
    expect(
      plain('Set Cols 100\nSet Rows 30\nSet Seed 7\nSet Estate scale\nSet Speed 60\nSet IdleTimeLimit 2s').map((c) => (c as { value: string }).value),
    ).toEqual(['100', '30', '7', 'scale', '60', '2']);
  });

  it('a word after Type does not swallow the next command', () => {
    expect(plain('Type "2"\nSim fail host h1\nType "x"\nHome\nCaption "c"\nEnd').map((c) => c.kind)).toEqual(['type', 'sim', 'type', 'key', 'caption', 'key']);
  });

  it('a # inside quotes on a Sim line is not a comment', () => {
    expect(plain('Sim run "docker run -d --name a#1 nginx" # start it')).toEqual([{ kind: 'sim', words: ['run', 'docker run -d --name a#1 nginx'] }]);
  });
});

describe('errors, with file, line and column', () => {
  const cases: [string, string][] = [
    ['Sleep', 't.tape:1:1: expected a time after Sleep (like 500ms, 2s or 1m)'],
    ['Sleep soon', 't.tape:1:7: expected a time after Sleep (like 500ms, 2s or 1m)'],
    ['Type', 't.tape:1:1: Type expects a string, like Type "hello"'],
    ['Type@ "x"', 't.tape:1:7: expected a time after @ (like 500ms, 2s or 1m)'],
    ['Enter 0', 't.tape:1:7: Enter repeat count must be a whole number from 1 to 1000, got 0'],
    ['Frobnicate 3', 't.tape:1:1: unknown command "Frobnicate"'],
    ['  sleep 1', 't.tape:1:3: unknown command "sleep" (did you mean Sleep?)'],
    ['"just text"', 't.tape:1:1: a string on its own is not a command (did you mean Type "just text"?)'],
    ['Set Colour 3', 't.tape:1:5: unknown setting "Colour"'],
    ['Set Cols', 't.tape:1:5: Set Cols expects a value'],
    ['Set Cols 0', 't.tape:1:10: Cols must be a whole number from 1 to 1000, got 0'],
    ['Set Speed 5', 't.tape:1:11: Speed must be 0 (paused), 1, 10, 60 or 600, got 5'],
    ['Set Seed -1', 't.tape:1:10: Seed must be a whole number from 0 to 4294967295, got -1'],
    ['Set WindowBar Fancy', 't.tape:1:15: Fancy is not a valid bar style (Colorful, ColorfulRight, Rings, RingsRight)'],
    ['Set CursorBlink maybe', 't.tape:1:17: CursorBlink expects true or false'],
    // Go's regexp words, as VHS prints them (RE2 in both).
    ['Set WaitPattern /(/', 't.tape:1:17: invalid regular expression /(/: error parsing regexp: missing closing ): `(`'],
    ['Output', 't.tape:1:1: Output expects a file path'],
    ['Output demo', 't.tape:1:8: Output expects a file with an extension, or a folder with a trailing slash'],
    ['Output /tmp/demo.cast', 't.tape:1:8: Output expects a file path: quote a path that starts with / ("/tmp/demo.cast")'],
    ['Ctrl', 't.tape:1:1: Ctrl expects a key, like Ctrl+C'],
    ['Ctrl+Foo', 't.tape:1:6: not a key for Ctrl: "Foo" (a letter, Enter, Space, Backspace, an arrow, or one of - @ [ ] ^ \\)'],
    ['Ctrl+', 't.tape:1:1: not a key for Ctrl: the end of the tape (a letter, Enter, Space, Backspace, an arrow, or one of - @ [ ] ^ \\)'],
    ['Wait+', 't.tape:1:1: Wait+ expects Line or Screen, got the end of the tape'],
    ['Set\nType "x"', 't.tape:1:1: Set expects a setting and a value, like Set Cols 120'],
    ['Set WaitPattern\nSleep 1s', 't.tape:1:5: Set WaitPattern expects a value'],
    ['Env\nType "x"', 't.tape:1:1: Env expects a name and a "value"'],
    ['Set Padding wide', 't.tape:1:13: Padding must be a number of pixels, 0 or more, got wide'],
    ['Alt', 't.tape:1:1: Alt expects a key, like Alt+X'],
    ['Shift+Frob', 't.tape:1:7: Shift takes one key, got Frob'],
    ['Wait+Page /x/', 't.tape:1:6: Wait+ expects Line or Screen, got Page'],
    ['Wait /[/', 't.tape:1:6: invalid regular expression /[/: error parsing regexp: missing closing ]: `[`'],
    ['Wait /x(?=y)/', 't.tape:1:6: invalid regular expression /x(?=y)/: error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['Expect', 't.tape:1:1: Expect expects a /regex/ to find on the screen'],
    ['Expect@2s /x/', 't.tape:1:7: Expect checks the screen as it is: it takes no timeout (use Wait@10s /re/ to wait)'],
    [
      'Expect /a\\/',
      "t.tape:1:8: invalid regular expression /a\\/: a tape's regex ends at the first slash, and a slash cannot be escaped (as in VHS): match it with . instead",
    ],
    ['Require', 't.tape:1:8: Require expects one program name'],
    ['Screenshot shot.jpg', 't.tape:1:12: Screenshot expects a .png file (or .txt, .ansi, .svg), got shot.jpg'],
    ['Env NAME', 't.tape:1:1: Env NAME expects a string value'],
    ['Caption', 't.tape:1:1: Caption expects a string, like Caption "..."'],
    ['Sim', 't.tape:1:1: Sim needs a verb: fail, failover, recover, enter-maintenance, exit-maintenance, load, advance, run'],
    [
      'Sim explode host h1',
      't.tape:1:1: unknown Sim verb "explode" (verbs: fail host|site ID; failover site ID; recover host ID; enter-maintenance host ID; ' +
        'exit-maintenance host ID; load WORKLOAD CPU% [MEMORY%]; advance DURATION; run "NATIVE COMMAND")',
    ],
    ['Sim fail esx-02', 't.tape:1:1: expected: Sim fail host ID, or Sim fail site ID'],
    ['Sim load w1 150%', 't.tape:1:1: load must be a percentage from 0 to 100, got 150%'],
    ['Sim advance soon', 't.tape:1:1: expected: Sim advance DURATION (like 30s, 5m, 2h)'],
    // Ceilings: a tape's numbers stay far above a screencast's and far below a hang.
    ['Sleep 1000000m', 't.tape:1:7: Sleep can be at most 1h, got 1000000m'],
    ['Wait@1000000m /x/', "t.tape:1:6: Wait's @timeout can be at most 1h, got 1000000m"],
    ['Set TypingSpeed 1000000m', 't.tape:1:17: TypingSpeed can be at most 10s, got 1000000m'],
    ['Set WaitTimeout 61m', 't.tape:1:17: WaitTimeout can be at most 1h, got 61m'],
    ['Down@1ms 10000', 't.tape:1:10: Down repeat count must be a whole number from 1 to 1000, got 10000'],
    ['Type@11s "x"', "t.tape:1:6: a key's @delay can be at most 10s, got 11s"],
    ['Sim advance 100000h', 't.tape:1:1: Sim advance moves the clock a year at most (8760h), got 100000h'],
    [`Type "${'x'.repeat(100_001)}"`, 't.tape:1:1: the tape presses more than 100,000 keys by here; a tape is a screencast, not a load test'],
    ['Sim run "unclosed', 't.tape:1:1: Sim: unterminated double quote'],
  ];
  it.each(cases)('%s', (text, message) => {
    expect(errors(text)).toEqual([message]);
  });

  it('reports every mistake in a tape, one per mistake, and the good lines still parse', () => {
    const t = parse('Sleep 1\nFrob x y z\nType "ok"\nSet Cols zero\nEnter');
    expect(t.errors.map(formatProblem)).toEqual(['t.tape:2:1: unknown command "Frob"', 't.tape:4:10: Cols must be a whole number from 1 to 1000, got zero']);
    expect(t.commands.map((c) => c.kind)).toEqual(['sleep', 'type', 'key']);
  });

  it('accepts what VHS accepts: an unclosed string reads to the end of its line, with a notice', () => {
    const t = parse('Type "no end\nEnter');
    expect(t.errors).toEqual([]);
    expect(t.commands[0]).toMatchObject({ kind: 'type', text: 'no end' });
    expect(t.notices.map(formatProblem)).toEqual(["t.tape:1:6: string is not closed before the end of the line; read to the line's end, as VHS does"]);
  });

  it('keeps the position of each command', () => {
    const c = parse('\n\n   Type "x"').commands[0] as Command;
    expect(c.pos).toEqual({ file: 't.tape', line: 3, col: 4 });
  });
});

describe('ceilings count the whole tape, what it sources included', () => {
  it('a Copy before a Source is pasted inside it against the same key budget', () => {
    const files: Record<string, string> = { 'paste.tape': 'Paste\n'.repeat(200) };
    const read = (path: string) => ({ file: path, text: files[path] ?? '' });
    // 1,000 characters pasted 200 times is 200,000 keys: past the 100,000 a tape may press.
    const t = parse(`Copy "${'x'.repeat(1000)}"\nSource paste.tape`, read);
    expect(t.errors.map(formatProblem)[0]).toBe('paste.tape:101:1: the tape presses more than 100,000 keys by here; a tape is a screencast, not a load test');
  });

  it('a tape and its sources hold 4 MB of text at most', () => {
    const big = `# ${'x'.repeat(3 * 1024 * 1024)}\n`;
    const files: Record<string, string> = { 'a.tape': big, 'b.tape': big };
    const read = (path: string) => ({ file: path, text: files[path] ?? '' });
    const t = parse('Source a.tape\nSource b.tape', read);
    expect(t.errors.map(formatProblem)).toEqual(['t.tape:2:8: a tape and what it sources hold 4 MB of text at most; this Source goes past that']);
  });

  it('a tape and its sources hold 200,000 commands at most', () => {
    const files: Record<string, string> = { 'many.tape': 'Hide\n'.repeat(150_000) };
    const read = (path: string) => ({ file: path, text: files[path] ?? '' });
    const t = parse(`Source many.tape\n${'Show\n'.repeat(60_000)}`, read);
    expect(t.errors.map(formatProblem)).toEqual(['t.tape:50002:1: a tape and what it sources hold 200,000 commands at most; the rest is not read']);
    expect(t.commands.length).toBe(200_000);
  });
});
