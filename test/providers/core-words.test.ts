// Drivers choose their platform's words from a core error's code and facts,
// never by reading the core's English sentence (issue 16, item 6): rewording a
// core message must not change what a native command prints.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/providers');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

describe("drivers and the core's words", () => {
  it("no driver tests, matches or searches a core error's message", () => {
    const reading =
      /(?:error|why|e|err)\??\.message\s*\.\s*(?:includes|match|matchAll|startsWith|endsWith|search|indexOf)\s*\(|\.test\(\s*(?:r\.|why\??\.|e\.|err\.)?(?:error\??\.)?message\b|\[\s*why\.message/;
    const offenders = files(ROOT).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => [`${f.slice(ROOT.length + 1)}:${i + 1}`, line] as const)
        .filter(([, line]) => reading.test(line))
        .map(([where, line]) => `${where}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('words chosen from facts', async () => {
  const { buildDefaultEstate } = await import('../../src/estate/presets/default.js');
  const { runLine } = await import('../../src/estate/script.js');
  it('az group create in an unknown region: LocationNotAvailableForResourceGroup (from the fact that the location is at fault)', () => {
    const r = runLine(buildDefaultEstate(1), 'az group create -n x -l mars');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^ERROR: \(LocationNotAvailableForResourceGroup\) /);
  });

  it("govc vm.power -on of a powered-on VM: vSphere's InvalidPowerState words, from the VM's state", () => {
    const r = runLine(buildDefaultEstate(1), 'govc vm.power -on web-01');
    expect(r.stderr).toBe('govc: The attempted operation cannot be performed in the current state (Powered on).\n');
  });
});
