// The README's picture of the console (docs/console.svg) is drawn from the tour
// (src/session/picture.ts): drawn again here, it must be the file's very bytes,
// so the picture never shows a console that is no more. The SVG drawing itself:
// colours, bold, backgrounds, box lines on the cell grid, escaping.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/config/package-root.js';
import { consolePicture, PICTURE_PATH } from '../../src/session/picture.js';
import { cellsOf, colourHex, screenSvg } from '../../src/session/svg.js';

const options = { foreground: '#cdd6f4', background: '#1e1e2e', title: 'a <test> & "more"', width: 10, height: 2 };

describe('the README picture', () => {
  it(`is up to date (if not: npm run picture, and commit ${PICTURE_PATH})`, async () => {
    const drawn = await consolePicture();
    let kept = '';
    try {
      kept = readFileSync(join(packagePath(), PICTURE_PATH), 'utf8');
    } catch {
      // missing: the message below says what to do
    }
    if (drawn !== kept) expect.fail(`${PICTURE_PATH} is out of date with the tour and the console: run \`npm run picture\` and commit it`);
    // The moment pictured: esx-01 reclaiming memory, in its detail view, under the Hosts pane.
    expect(drawn).toContain('>esx-01</tspan>');
    expect(drawn).toContain('>Memory</tspan>');
  });
});

describe('drawing a screen as SVG', () => {
  it('reads colour codes into cells as a terminal does (truecolor, 256, 16, bold, inverse, reset)', () => {
    const cells = cellsOf('\u001b[1;38;2;255;0;16mAb\u001b[22m\u001b[38;5;196mC\u001b[0m\u001b[7mD\u001b[27;94mE\u001b[39mF世', 9);
    expect(cells.map((c) => c.ch).join('|')).toBe('A|b|C|D|E|F|世|| ');
    expect(cells[0].style).toMatchObject({ fg: '#ff0010', bold: true });
    expect(cells[2].style).toMatchObject({ fg: '#ff0000', bold: false });
    expect(cells[3].style).toMatchObject({ fg: undefined, inverse: true });
    expect(cells[4].style).toMatchObject({ fg: '#729fcf', inverse: false });
    expect(cells[5].style.fg).toBeUndefined();
    expect(cells[8].ch).toBe(' ');
  });

  it('turns theme colours into #rrggbb', () => {
    expect(colourHex('#ABC')).toBe('#aabbcc');
    expect(colourHex('cyanBright')).toBe('#34e2e2');
    expect(colourHex('gray')).toBe('#555753');
  });

  it('places each word at its cell, draws backgrounds, bold and box lines, and escapes XML', () => {
    const svg = screenSvg(['\u001b[48;2;137;180;250m\u001b[1mab\u001b[0m <&> ╭─╮', '▁▁█'], options);
    expect(svg).toContain('<title>a &lt;test&gt; &amp; &quot;more&quot;</title>');
    // A background rect two cells wide at the first cell; the bold word at x 16 (the margin).
    expect(svg).toMatch(/<rect x="16" y="32" width="16.8" height="18" fill="#89b4fa"\/>/);
    expect(svg).toContain('<tspan x="16" font-weight="bold">ab</tspan>');
    // "<&>" starts at cell 3: 16 + 3 * 8.4.
    expect(svg).toContain('<tspan x="41.2">&lt;&amp;&gt;</tspan>');
    // The box is strokes, not glyphs; the two equal blocks one rectangle, the full block another.
    expect(svg).not.toMatch(/[╭─╮▁█]/);
    expect(svg).toMatch(/<path fill="none" stroke="#cdd6f4" stroke-width="1.2" d="M/);
    expect(svg).toContain('<path fill="#cdd6f4" d="M16 65.75H32.8V68H16ZM32.8 50H41.2V68H32.8Z"/>');
  });

  it('gives the same bytes for the same screen', () => {
    const screen = ['\u001b[32mrunning\u001b[39m │ x', '─┼─'];
    expect(screenSvg(screen, options)).toBe(screenSvg(screen, options));
  });
});
