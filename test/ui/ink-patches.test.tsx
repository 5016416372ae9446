// The tests run the Ink users get: the mends the bundle applies to Ink
// (scripts/ink-patches/) are in the Ink these tests load. Each mend is checked
// by what it changes, in the very modules Ink runs here.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Box, renderToString, Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { MENDED_FILES, MENDED_PACKAGES, MENDS, mend } from '../../scripts/ink-patches.mjs';

const require = createRequire(import.meta.url);
const NODE_MODULES = join(dirname(require.resolve('ink')), '../..');
/** One of the mended files, loaded as Ink loads it in this process. */
const load = (file: string) => import(join(NODE_MODULES, file));

/** For each mend, what shows that the Ink loaded here carries it. */
const CARRIED: Record<string, () => Promise<void>> = {
  // vadimdemedes/ink#998's own example: two texts whose keys collided.
  '01-wrap-text-cache-key.patch': async () => {
    const { default: wrapText } = await load('ink/build/wrap-text.js');
    expect(wrapText('ab', 12, 'wrap')).toBe('ab');
    expect(wrapText('ab1', 2, 'wrap')).toBe('ab\n1');
  },
  '02-bounded-text-caches.patch': async () => {
    const { default: measureText } = await load('ink/build/measure-text.js');
    const first = measureText('kept until the cache is full');
    expect(measureText('kept until the cache is full')).toBe(first);
    for (let i = 0; i < 2000; i++) measureText(`text ${i}`);
    expect(measureText('kept until the cache is full')).not.toBe(first);
  },
  // The width comes from measureText, not widest-line (imports are renamed when loaded: the call's shape shows).
  '03-text-width-from-measure-text.patch': async () => {
    const { default: renderNodeToOutput } = await load('ink/build/render-node-to-output.js');
    expect(String(renderNodeToOutput)).toContain('(text).width');
  },
  '04-output-caches-across-frames.patch': async () => {
    const { default: Output } = await load('ink/build/output.js');
    expect(new Output({ width: 1, height: 1 }).caches).toBe(new Output({ width: 2, height: 2 }).caches);
  },
  '05-shared-cell-styles.patch': async () => {
    const { styledCharsFromTokens, tokenize } = await load('@alcalzone/ansi-tokenize/build/index.js');
    const [a, b] = styledCharsFromTokens(tokenize('\x1b[31mab\x1b[39m'));
    expect(a.styles).toBe(b.styles);
  },
  '06-rows-one-text-covers.patch': async () => {
    const { default: Output } = await load('ink/build/output.js');
    const output = new Output({ width: 10, height: 2 });
    output.write(0, 0, 'whole row', { transformers: [] });
    output.write(2, 1, 'inset', { transformers: [] });
    expect([...output.directRows().keys()]).toEqual([0]);
  },
  // Yoga comes up without calling fetch (which would load undici first).
  '07-yoga-wasm-without-fetch.patch': async () => {
    const { default: loadYogaImpl } = await load('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
    const real = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (() => {
      fetched++;
      return Promise.reject(new Error('fetched'));
    }) as typeof fetch;
    try {
      const yoga = await loadYogaImpl();
      expect(typeof yoga.Node).toBe('function');
    } finally {
      globalThis.fetch = real;
    }
    expect(fetched).toBe(0);
  },
};

describe('the Ink the tests run', () => {
  it('has a check here for every mend, and every mend names its upstream issue', () => {
    expect(MENDS.map((m) => m.name)).toEqual(Object.keys(CARRIED));
    for (const m of MENDS) expect(m.about, m.name).toMatch(/^Upstream: \S/m);
  });

  it('is the version package.json pins exactly, for each package a mend changes', () => {
    const pkg = JSON.parse(readFileSync(join(NODE_MODULES, '../package.json'), 'utf8'));
    expect(MENDED_PACKAGES).toContain('ink');
    expect(MENDED_PACKAGES).toContain('yoga-layout');
    for (const name of MENDED_PACKAGES) {
      const pinned = pkg.dependencies[name] ?? pkg.overrides?.[name];
      expect(pinned, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(JSON.parse(readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8')).version, name).toBe(pinned);
    }
  });

  it('is the Ink every mend applies to, each hunk finding its lines once', () => {
    for (const file of MENDED_FILES) expect(() => mend(file, readFileSync(join(NODE_MODULES, file), 'utf8'))).not.toThrow();
  });

  for (const m of MENDS) {
    it(`carries ${m.name}`, async () => {
      await CARRIED[m.name]();
    });
  }

  it('wraps a text at its own width after a text whose cache key it shared (vadimdemedes/ink#998)', () => {
    renderToString(
      <Box width={15}>
        <Text>一二三四五六七八九十</Text>
      </Box>,
    );
    const second = renderToString(
      <Box width={5}>
        <Text>一二三四五六七八九十1</Text>
      </Box>,
    );
    expect(second).toBe('一二\n三四\n五六\n七八\n九十1');
  });
});
