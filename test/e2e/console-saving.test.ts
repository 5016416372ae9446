// Two consoles on one estate file, in a real terminal: the second save does not
// silently replace the first. The one that finds the file changed says so and
// offers :w! or another file; quitting then keeps its estate beside the file.

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/estate/store.js';
import { BIN, tmuxServer } from './tmux.js';

const t = tmuxServer('saving');

afterAll(async () => {
  await t.kill();
});

describe('two consoles, one estate file', () => {
  it('the later save is refused with the reason, and quitting keeps both changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-two-'));
    const lab = join(dir, 'lab.json');
    expect(execaSync(process.execPath, [BIN, 'new', lab]).exitCode).toBe(0);
    const console = (name: string) =>
      `env -u CI HYPERPANE_CONFIG_DIR=${join(dir, `config-${name}`)} ${process.execPath} ${BIN} --estate ${lab} --speed 0; echo "exit=$?"; sleep 120`;
    for (const name of ['a', 'b']) await t.tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '30', 'sh', '-c', console(name));
    // Both have read the file once their screens show the estate.
    for (const name of ['a', 'b']) await t.waitFor(name, /hyperpane ▸ hyperpane demo estate/);
    const prompt = async (name: string, line: string) => {
      await t.send(name, ':');
      await t.tmux('send-keys', '-t', name, '-l', line);
      await t.send(name, 'Enter');
    };
    await prompt('b', 'virsh shutdown monitoring');
    await t.waitFor('b', /being shutdown/);
    await t.send('b', 'Escape');
    await prompt('b', 'w');
    await t.waitFor('b', new RegExp(`saved ${lab}`));
    await prompt('a', 'virsh shutdown dev-01');
    await t.waitFor('a', /being shutdown/);
    await t.send('a', 'Escape');
    await prompt('a', 'w');
    const refused = await t.waitFor('a', /changed by another program/);
    expect(refused.replace(/[\s│]+/g, ' ')).toContain('not saved over it: :w! replaces it with this estate, :w FILE saves this one elsewhere');
    await t.send('a', 'Escape');
    await t.send('a', 'q');
    const after = await t.waitFor('a', /exit=1/);
    expect(after.replace(/\n/g, '')).toMatch(
      /lab\.json was changed by another program since it was read here; not saved over it; ?this estate was saved as .*lab\.conflict-\d+\.json instead/,
    );
    // The file holds b's change; a's is in the copy.
    const file = loadEstate(lab);
    expect(file.ok && file.value.sim.workload('monitoring')!.state).toBe('stopping');
    expect(file.ok && file.value.sim.workload('dev-01')!.state).toBe('running');
    const copy = readdirSync(dir).find((n) => /^lab\.conflict-\d+\.json$/.test(n));
    const mine = loadEstate(join(dir, copy!));
    expect(mine.ok && mine.value.sim.workload('dev-01')!.state).toBe('stopping');
    await t.send('b', 'q');
    await t.waitFor('b', /exit=0/);
  });
});
