// A screen of the console (coloured lines, as a tape records them) drawn as an
// SVG picture: the README's picture of the console is one. Each row is cut into
// cells by reading its colour codes as a terminal would; every character is
// placed at its own cell's x, so columns line up whatever font the viewer has,
// and box-drawing and block characters are drawn as lines and rectangles
// filling their cells, so boxes join and sparklines stand on their baseline
// where a font's glyphs would leave gaps. No clock, no randomness: the same
// screen gives the same bytes.
import stringWidth from 'string-width';

/** A cell's look. Colours are #rrggbb, or undefined for the terminal's own. */
interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  inverse: boolean;
}

interface Cell {
  /** The character; '' for the second cell of a wide one. */
  readonly ch: string;
  readonly style: Style;
}

export interface SvgOptions {
  /** The terminal's own colours, which cells without a colour of their own take. */
  readonly foreground: string;
  readonly background: string;
  /** Text in the window's title bar. */
  readonly title: string;
  /** The screen's size in cells (rows past the given lines are blank). */
  readonly width: number;
  readonly height: number;
}

/**
 * The 16 colours SGR 30-37 and 90-97 name, as xterm.js draws them by default
 * (xterm.js src/browser/ColorManager.ts, DEFAULT_ANSI_COLORS: the Tango palette).
 * A theme may name them (e.g. "cyanBright").
 */
const ANSI16 = [
  '#2e3436',
  '#cc0000',
  '#4e9a06',
  '#c4a000',
  '#3465a4',
  '#75507b',
  '#06989a',
  '#d3d7cf',
  '#555753',
  '#ef2929',
  '#8ae234',
  '#fce94f',
  '#729fcf',
  '#ad7fa8',
  '#34e2e2',
  '#eeeeec',
];

/** SGR 38;5;n and 48;5;n: the 16 above, xterm's 6x6x6 cube, then 24 greys (xterm 256colres.pl). */
function colour256(n: number): string {
  if (n < 16) return ANSI16[n];
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const g = 8 + (n - 232) * 10;
  return hex(g, g, g);
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** A theme's colour (#rgb, #rrggbb, or a terminal colour name such as cyanBright) as #rrggbb, as a terminal draws it. */
export function colourHex(colour: string): string {
  if (/^#[0-9a-f]{6}$/i.test(colour)) return colour.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(colour)) return `#${[...colour.slice(1).toLowerCase()].map((c) => c + c).join('')}`;
  // chalk's gray and grey are blackBright (SGR 90).
  if (colour === 'gray' || colour === 'grey') return ANSI16[8];
  const bright = colour.endsWith('Bright');
  const i = NAMES.indexOf(bright ? colour.slice(0, -6) : colour);
  return i < 0 ? ANSI16[7] : ANSI16[i + (bright ? 8 : 0)];
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

const PLAIN: Style = { bold: false, dim: false, italic: false, underline: false, strike: false, inverse: false };

/** CSI sequences (SGR among them), OSC strings, and single-character escapes. */
const ESCAPE = /\u001b(?:\[([0-9;:?]*)([ -/]*[@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/y;

/** A style after an SGR sequence's parameters. */
function applySgr(style: Style, params: string): Style {
  const s = { ...style };
  const p = params === '' ? [0] : params.split(/[;:]/).map((v) => (v === '' ? 0 : Number(v)));
  for (let i = 0; i < p.length; i++) {
    const n = p[i];
    if (n === 0) Object.assign(s, PLAIN, { fg: undefined, bg: undefined });
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 9) s.strike = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n === 27) s.inverse = false;
    else if (n === 29) s.strike = false;
    else if (n >= 30 && n <= 37) s.fg = ANSI16[n - 30];
    else if (n >= 90 && n <= 97) s.fg = ANSI16[n - 90 + 8];
    else if (n === 39) s.fg = undefined;
    else if (n >= 40 && n <= 47) s.bg = ANSI16[n - 40];
    else if (n >= 100 && n <= 107) s.bg = ANSI16[n - 100 + 8];
    else if (n === 49) s.bg = undefined;
    else if (n === 38 || n === 48) {
      let c: string | undefined;
      if (p[i + 1] === 5) {
        c = colour256(p[i + 2] ?? 0);
        i += 2;
      } else if (p[i + 1] === 2) {
        c = hex(p[i + 2] ?? 0, p[i + 3] ?? 0, p[i + 4] ?? 0);
        i += 4;
      }
      if (n === 38) s.fg = c;
      else s.bg = c;
    }
  }
  return s;
}

/** A coloured line as cells, `width` of them (blank cells past its end). */
export function cellsOf(line: string, width: number): Cell[] {
  const cells: Cell[] = [];
  let style: Style = { ...PLAIN };
  for (let i = 0; i < line.length; ) {
    if (line[i] === '\u001b') {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(line);
      if (m) {
        if (m[2] === 'm') style = applySgr(style, m[1]);
        i += m[0].length;
        continue;
      }
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    i += ch.length;
    const w = stringWidth(ch);
    if (w === 0) continue; // a control character or a combining mark: nothing of its own to place
    cells.push({ ch, style });
    if (w === 2) cells.push({ ch: '', style });
  }
  while (cells.length < width) cells.push({ ch: ' ', style: PLAIN });
  return cells.slice(0, width);
}

/** Font size, cell size and margins, in SVG user units (pixels). The cell is 0.6 em wide, a monospace font's usual advance. */
const FONT = 14;
const CELL_W = 8.4;
const CELL_H = 18;
/** The text's baseline within its cell. */
const BASELINE = 13.5;
const PAD = 16;
const TITLE_BAR = 32;
const FONT_FAMILY = "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** Two decimals at most, no trailing zeros: short, and the same bytes on every machine. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The colours a cell is drawn in, after inverse. */
function colours(style: Style, o: SvgOptions): { fg: string; bg: string | undefined } {
  const fg = style.fg ?? o.foreground;
  if (!style.inverse) return { fg, bg: style.bg };
  return { fg: style.bg ?? o.background, bg: fg };
}

/**
 * Light and heavy box lines and rounded corners, as the strokes from the cell's
 * centre they are made of: up, right, down, left (Unicode's Box Drawing block).
 */
const BOX: Readonly<Record<string, string>> = {
  '─': '-r-l',
  '━': '-r-l',
  '│': 'u-d-',
  '┃': 'u-d-',
  '┌': '-rd-',
  '┐': '--dl',
  '└': 'ur--',
  '┘': 'u--l',
  '╭': '-rd-',
  '╮': '--dl',
  '╰': 'ur--',
  '╯': 'u--l',
  '├': 'urd-',
  '┤': 'u-dl',
  '┬': '-rdl',
  '┴': 'ur-l',
  '┼': 'urdl',
  '╴': '---l',
  '╵': 'u---',
  '╶': '-r--',
  '╷': '--d-',
};
const ROUNDED = new Set(['╭', '╮', '╰', '╯']);

/** Block elements ▁ to █ (lower eighths) and the half blocks: the part of the cell each fills, as [x0, y0, x1, y1] fractions. */
function blockOf(ch: string): [number, number, number, number] | undefined {
  const c = ch.codePointAt(0)!;
  if (c >= 0x2581 && c <= 0x2588) return [0, 1 - (c - 0x2580) / 8, 1, 1];
  if (ch === '▀') return [0, 0, 1, 0.5];
  if (ch === '▌') return [0, 0, 0.5, 1];
  if (ch === '▐') return [0.5, 0, 1, 1];
  return undefined;
}

/** The path of a box character in the cell at (x, y). */
function boxPath(ch: string, x: number, y: number): string {
  const strokes = BOX[ch];
  const cx = n(x + CELL_W / 2);
  const cy = n(y + CELL_H / 2);
  if (ROUNDED.has(ch)) {
    // An arc from one side's middle to the other's, turning at the centre.
    const r = Math.min(CELL_W, CELL_H) / 2;
    const [vy, hx] = [strokes[0] === 'u' ? y : y + CELL_H, strokes[1] === 'r' ? x + CELL_W : x];
    const sy = strokes[0] === 'u' ? -1 : 1;
    const sx = strokes[1] === 'r' ? 1 : -1;
    return `M${cx} ${n(vy)}V${n(y + CELL_H / 2 + sy * r)}Q${cx} ${cy} ${n(x + CELL_W / 2 + sx * r)} ${cy}H${n(hx)}`;
  }
  let d = '';
  if (strokes[0] === 'u') d += `M${cx} ${n(y)}V${cy}`;
  if (strokes[2] === 'd') d += `M${cx} ${cy}V${n(y + CELL_H)}`;
  if (strokes[3] === 'l') d += `M${n(x)} ${cy}H${cx}`;
  if (strokes[1] === 'r') d += `M${cx} ${cy}H${n(x + CELL_W)}`;
  return d;
}

const HEAVY = new Set(['━', '┃']);

/** One row's drawing: its background rectangles, its text, and its box strokes and blocks by colour (and weight). */
interface RowParts {
  readonly backs: string[];
  readonly text?: string;
  readonly strokes: Map<string, string[]>;
  readonly fills: Map<string, string[]>;
}

/** A row of cells drawn with its top at `y`, its first cell at `left`. */
function rowParts(cells: readonly Cell[], y: number, left: number, o: SvgOptions): RowParts {
  const backs: string[] = [];
  const strokes = new Map<string, string[]>();
  const fills = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, key: string, part: string) => {
    const list = m.get(key);
    if (list) list.push(part);
    else m.set(key, [part]);
  };
  // Backgrounds: one rectangle per run of cells of one background colour.
  for (let x = 0; x < cells.length; ) {
    const { bg } = colours(cells[x].style, o);
    let end = x + 1;
    while (end < cells.length && colours(cells[end].style, o).bg === bg) end++;
    if (bg !== undefined && bg !== o.background)
      backs.push(`<rect x="${n(left + x * CELL_W)}" y="${n(y)}" width="${n((end - x) * CELL_W)}" height="${CELL_H}" fill="${bg}"/>`);
    x = end;
  }
  // Text: one tspan per word of one look, placed at its first cell's x. A word is
  // short, so a font a little wider or narrower than 0.6 em drifts by a fraction
  // of a cell at most before the next word starts on the grid again (a list of x
  // per character would pin each one, but not every renderer reads such lists).
  const spans: string[] = [];
  const lookOf = (c: Cell) => {
    const { fg } = colours(c.style, o);
    return { fg, key: `${fg}|${c.style.bold}|${c.style.dim}|${c.style.italic}|${c.style.underline}|${c.style.strike}` };
  };
  let word: { start: number; chars: string; style: Style; fg: string; key: string } | undefined;
  const endWord = () => {
    if (!word) return;
    const { style, fg, chars, start } = word;
    const attrs = [`x="${n(left + start * CELL_W)}"`];
    if (fg !== o.foreground) attrs.push(`fill="${fg}"`);
    if (style.bold) attrs.push('font-weight="bold"');
    if (style.italic) attrs.push('font-style="italic"');
    if (style.dim) attrs.push('fill-opacity="0.5"');
    const deco = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].filter(Boolean).join(' ');
    if (deco) attrs.push(`text-decoration="${deco}"`);
    spans.push(`<tspan ${attrs.join(' ')}>${escapeXml(chars)}</tspan>`);
    word = undefined;
  };
  // Equal blocks side by side (a flat stretch of a chart) are one rectangle.
  let blocks: { ch: string; fg: string; start: number; end: number } | undefined;
  const endBlocks = () => {
    if (!blocks) return;
    const [x0, y0, x1, y1] = blockOf(blocks.ch)!;
    const a = left + (blocks.start + x0) * CELL_W;
    const b = left + (blocks.end - 1 + x1) * CELL_W;
    push(fills, blocks.fg, `M${n(a)} ${n(y + y0 * CELL_H)}H${n(b)}V${n(y + y1 * CELL_H)}H${n(a)}Z`);
    blocks = undefined;
  };
  cells.forEach((c, x) => {
    const cx = left + x * CELL_W;
    const look = lookOf(c);
    const block = blockOf(c.ch);
    if (c.ch === '') return; // the second half of a wide character
    if (BOX[c.ch] || block || c.ch.trim() === '') {
      endWord();
      if (BOX[c.ch]) push(strokes, `${look.fg}|${HEAVY.has(c.ch) ? 2 : 1}`, boxPath(c.ch, cx, y));
      if (block && blocks && blocks.ch === c.ch && blocks.fg === look.fg && blocks.end === x) blocks.end++;
      else {
        endBlocks();
        if (block) blocks = { ch: c.ch, fg: look.fg, start: x, end: x + 1 };
      }
      return;
    }
    endBlocks();
    if (word && word.key !== look.key) endWord();
    if (word) word.chars += c.ch;
    else word = { start: x, chars: c.ch, style: c.style, ...look };
  });
  endWord();
  endBlocks();
  return { backs, strokes, fills, ...(spans.length > 0 ? { text: `<text y="${n(y + BASELINE)}">${spans.join('')}</text>` } : {}) };
}

/** Each colour's parts, from rows in order, as one path per colour (and weight). */
function pathsOf(rows: readonly RowParts[]): string[] {
  const fills = new Map<string, string[]>();
  const strokes = new Map<string, string[]>();
  for (const r of rows)
    for (const [into, from] of [
      [fills, r.fills],
      [strokes, r.strokes],
    ] as const)
      for (const [key, parts] of from) {
        const list = into.get(key);
        if (list) list.push(...parts);
        else into.set(key, [...parts]);
      }
  return [
    ...[...fills].map(([fill, parts]) => `<path fill="${fill}" d="${parts.join('')}"/>`),
    ...[...strokes].map(([key, parts]) => {
      const [stroke, weight] = key.split('|');
      return `<path fill="none" stroke="${stroke}" stroke-width="${weight === '2' ? 2.4 : 1.2}" d="${parts.join('')}"/>`;
    }),
  ];
}

/** The window around a screen: its frame, the title bar's dots and title. */
function windowParts(o: SvgOptions): { readonly W: number; readonly H: number; readonly head: string[] } {
  const W = o.width * CELL_W + 2 * PAD;
  const H = o.height * CELL_H + TITLE_BAR + PAD;
  const dots = ['#ff5f57', '#febc2e', '#28c840'].map((c, i) => `<circle cx="${PAD + 6 + i * 20}" cy="${TITLE_BAR / 2}" r="6" fill="${c}"/>`);
  return {
    W,
    H,
    head: [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${n(W)}" height="${n(H)}" viewBox="0 0 ${n(W)} ${n(H)}" role="img" aria-label="${escapeXml(o.title)}">`,
      `<title>${escapeXml(o.title)}</title>`,
      `<rect width="${n(W)}" height="${n(H)}" rx="10" fill="${o.background}" stroke="#45475a"/>`,
      ...dots,
      `<text x="${n(W / 2)}" y="${TITLE_BAR / 2 + 5}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="13" fill="#7f849c">${escapeXml(o.title)}</text>`,
    ],
  };
}

/** The screen (coloured lines) as an SVG document. */
export function screenSvg(lines: readonly string[], o: SvgOptions): string {
  const rows = Array.from({ length: o.height }, (_, r) => rowParts(cellsOf(lines[r] ?? '', o.width), TITLE_BAR + r * CELL_H, PAD, o));
  const { head } = windowParts(o);
  return [
    ...head,
    ...rows.flatMap((r) => r.backs),
    ...pathsOf(rows),
    `<g font-family="${FONT_FAMILY}" font-size="${FONT}" fill="${o.foreground}">`,
    ...rows.flatMap((r) => (r.text ? [r.text] : [])),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/**
 * Screens over time as one animated SVG: each row drawn once however often it is shown (a <symbol> per distinct
 * row), each frame the rows it shows, made visible from its moment to the next's by SMIL <set> (which browsers
 * play in an SVG opened or shown with <img>); the last frame stays. No clock of its own: the same frames give the
 * same bytes.
 */
export function animatedSvg(frames: readonly { readonly ms: number; readonly lines: readonly string[] }[], o: SvgOptions): string {
  const { head } = windowParts(o);
  const ids = new Map<string, string>();
  const symbols: string[] = [];
  const rowId = (line: string): string | undefined => {
    let id = ids.get(line);
    if (id !== undefined) return id;
    const parts = rowParts(cellsOf(line, o.width), 0, 0, o);
    const inner = [...parts.backs, ...pathsOf([parts]), ...(parts.text ? [parts.text] : [])];
    id = inner.length === 0 ? '' : `r${symbols.length}`;
    ids.set(line, id);
    if (id) symbols.push(`<symbol id="${id}" overflow="visible">${inner.join('')}</symbol>`);
    return id || undefined;
  };
  const seconds = (ms: number) => `${n(ms / 1000)}s`;
  const shown = frames.map((f, i) => {
    const uses = Array.from({ length: o.height }, (_, r) => {
      const id = rowId(f.lines[r] ?? '');
      return id ? `<use href="#${id}" x="${PAD}" y="${n(TITLE_BAR + r * CELL_H)}"/>` : '';
    }).join('');
    const next = frames[i + 1];
    const end = next ? ` end="${seconds(next.ms)}"` : '';
    return `<g visibility="hidden"><set attributeName="visibility" to="visible" begin="${seconds(f.ms)}"${end}/>${uses}</g>`;
  });
  return [
    ...head,
    `<defs font-family="${FONT_FAMILY}" font-size="${FONT}">`,
    ...symbols,
    '</defs>',
    `<g font-family="${FONT_FAMILY}" font-size="${FONT}" fill="${o.foreground}">`,
    ...shown,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
