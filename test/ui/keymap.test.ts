// The keymap table: complete, unambiguous, remappable, and ctrl-c always quits.
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/providers/capabilities.js';
import { KEY_COMMANDS } from '../../src/ui/input/commands.js';
import { CATEGORIES, COMMANDS, type CommandId, checkKeyOverrides, Keymap, type KeyOverrides } from '../../src/ui/keymap.js';
import { PANES } from '../../src/ui/panes/index.js';
import type { Column } from '../../src/ui/panes/types.js';

describe('keymap', () => {
  it('gives every command keys, a description and exactly one known category', () => {
    for (const c of COMMANDS) {
      expect(c.keys.length, c.id).toBeGreaterThan(0);
      expect(c.description.length, c.id).toBeGreaterThan(3);
      expect(CATEGORIES, c.id).toContain(c.category);
      if (c.capability) expect(CAPABILITIES[c.capability], c.id).toBeDefined();
    }
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
  });

  it('binds no key twice by default', () => {
    expect(new Keymap().warnings).toEqual([]);
  });

  it('marks every action that can lose work as dangerous, as its capability is', () => {
    for (const c of COMMANDS.filter((c) => c.capability)) expect(Boolean(c.dangerous), c.id).toBe(CAPABILITIES[c.capability!].dangerous);
  });

  it('takes overrides by command id, warns about unknown ids and clashes, and keeps ctrl-c on quit', () => {
    const k = new Keymap({ 'move.down': ['n'], nope: ['z'], quit: ['Q'] });
    expect(k.command('n')?.id).toBe('move.down');
    expect(k.command('j')).toBeUndefined();
    expect(k.command('ctrl+c')?.id).toBe('quit');
    expect(k.command('Q')?.id).toBe('quit');
    expect(k.warnings.join('\n')).toMatch(/no command nope/);
    expect(k.warnings.join('\n')).toMatch(/key n is bound to both move.down and action.new/);
  });

  it('says which id a misspelled one in the settings may have meant, and keeps the others', () => {
    const { overrides, warnings } = checkKeyOverrides({ 'mvoe.down': ['n'], 'move.up': ['i'], Quit: ['Q'] });
    expect(overrides).toEqual({ 'move.up': ['i'] });
    expect(warnings).toEqual([
      'settings: keys.mvoe.down: no command mvoe.down to bind keys to (did you mean move.down?); the ids are listed by ? in the app and in src/ui/keymap.ts',
      'settings: keys.Quit: no command Quit to bind keys to (did you mean quit?); the ids are listed by ? in the app and in src/ui/keymap.ts',
    ]);
  });

  it('types every command id: a misspelled one does not compile', () => {
    const ids: CommandId[] = ['move.down', 'action.stop'];
    // @ts-expect-error 'move.dwn' is not a command of the keymap
    ids.push('move.dwn');
    // @ts-expect-error a key override names a command of the keymap
    const overrides: KeyOverrides = { 'quit.now': ['Q'] };
    // @ts-expect-error a column sorts by a Shift+letter command, not by one that steps through the columns
    const column: Pick<Column, 'sort'> = { sort: 'sort.next' };
    expect([ids.length, overrides, column]).toBeDefined();
  });

  it('gives every command of the table something to do, and nothing else', () => {
    // The compiler checks the table is complete; this checks nothing was cast past it.
    expect(Object.keys(KEY_COMMANDS).sort()).toEqual(COMMANDS.map((c) => c.id).sort());
  });

  it('lets each column sort by a command that exists', () => {
    const ids = new Set<string>(COMMANDS.map((c) => c.id));
    for (const pane of PANES) for (const c of pane.columns) if (c.sort) expect(ids.has(c.sort), `${pane.id}.${c.id}`).toBe(true);
  });
});

describe('keys inside overlays and the filter', () => {
  const contexts = ['help', 'output', 'prompt', 'confirm', 'pick', 'form', 'filter'] as const;

  it('shows in the footer the keys that the bindings dispatch', () => {
    const k = new Keymap();
    const shown = (c: (typeof contexts)[number]) => k.contextHints(c).map((h) => `${h.key} ${h.label}`);
    expect(shown('help')).toEqual(['j/k scroll', 'Esc close']);
    expect(shown('output')).toEqual(['j/k scroll', 'Esc close']);
    expect(shown('prompt')).toEqual(['Enter run', 'Tab complete', '↑/↓ history', 'Esc cancel']);
    expect(shown('confirm')).toEqual(['←/→ choose', 'Enter confirm', 'y yes', 'Esc cancel']);
    expect(shown('pick')).toEqual(['j/k move', 'Enter choose', 'Esc cancel']);
    expect(shown('form')).toEqual(['Tab next field', '←/→ choice', 'Enter create', 'Esc cancel']);
    expect(shown('filter')).toEqual(['Enter keep filter', 'Esc undo', '↑/↓ move']);
  });

  it('binds each key it shows to the binding the hint names', () => {
    const k = new Keymap();
    expect(k.inContext('confirm', 'y')).toBe('yes');
    expect(k.inContext('confirm', 'n')).toBe('cancel');
    expect(k.inContext('confirm', 'tab')).toBe('choose.right');
    expect(k.inContext('help', 'j')).toBe('move.down');
    expect(k.inContext('help', '?')).toBe('close');
    // Where keys type text, the list's letters type; its arrows still move.
    expect(k.inContext('filter', 'j')).toBeUndefined();
    expect(k.inContext('filter', 'down')).toBe('move.down');
    expect(k.inContext('prompt', 'q')).toBeUndefined();
  });

  it('follows the settings: a remapped key scrolls help and its hint says so', () => {
    const k = new Keymap({ 'move.down': ['n', 'down'], 'action.new': ['+'], 'clock.faster': ['='] });
    expect(k.inContext('help', 'n')).toBe('move.down');
    expect(k.inContext('help', 'j')).toBeUndefined();
    expect(k.contextHints('help')[0]).toEqual({ key: 'n/k', label: 'scroll' });
    expect(k.contextHints('filter')[2]).toEqual({ key: '↑/↓', label: 'move' });
  });

  it('types the ids of each overlay: a misspelled one does not compile', () => {
    const k = new Keymap();
    // @ts-expect-error a dialog has no 'accpet'
    const wrong = k.inContext('confirm', 'enter') === 'accpet';
    expect(wrong).toBe(false);
  });
});
