// The keymap table: complete, unambiguous, remappable, and ctrl-c always quits.
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/providers/capabilities.js';
import { CATEGORIES, COMMANDS, Keymap } from '../../src/ui/keymap.js';

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
});
