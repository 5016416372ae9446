// Where things go for a terminal size. Wide terminals show the detail view beside
// the list; narrower ones below it; short ones give it the whole body. Columns the
// width cannot hold are dropped, least useful first. Below 80x24 nothing fits.
import type { Column } from './panes/types.js';

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;
/** Header (2), tabs (1), status line (1), footer (1). */
export const CHROME_ROWS = 5;
const SIDE_BY_SIDE_WIDTH = 140;
const BELOW_MIN_HEIGHT = 34;

export type DetailPlacement = 'side' | 'below' | 'full';

export interface Layout {
  readonly tooSmall: boolean;
  readonly width: number;
  readonly height: number;
  /** Rows of the body (between the tabs and the status line). */
  readonly bodyRows: number;
  /** Rows of table data, under its header row. */
  readonly listRows: number;
  readonly listWidth: number;
  readonly detail?: { readonly placement: DetailPlacement; readonly rows: number; readonly width: number };
}

/** `tasks`: operations are under way, and their line takes a row above the status line. */
export function layout(width: number, height: number, detailOpen: boolean, tasks = false): Layout {
  const tooSmall = width < MIN_WIDTH || height < MIN_HEIGHT;
  const bodyRows = Math.max(1, height - CHROME_ROWS - (tasks ? 1 : 0));
  if (!detailOpen) return { tooSmall, width, height, bodyRows, listRows: bodyRows - 1, listWidth: width };
  if (width >= SIDE_BY_SIDE_WIDTH) {
    const detailWidth = Math.floor(width * 0.45);
    return {
      tooSmall,
      width,
      height,
      bodyRows,
      listRows: bodyRows - 1,
      listWidth: width - detailWidth - 1,
      detail: { placement: 'side', rows: bodyRows, width: detailWidth },
    };
  }
  if (height >= BELOW_MIN_HEIGHT) {
    const listBody = Math.max(6, Math.floor(bodyRows * 0.35));
    return { tooSmall, width, height, bodyRows, listRows: listBody - 1, listWidth: width, detail: { placement: 'below', rows: bodyRows - listBody, width } };
  }
  return { tooSmall, width, height, bodyRows, listRows: 0, listWidth: width, detail: { placement: 'full', rows: bodyRows, width } };
}

export interface PlacedColumn {
  readonly column: Column;
  readonly width: number;
}

/** The columns that fit `width` (one space between them), the flexible one taking the rest. */
export function fitColumns(columns: readonly Column[], width: number): PlacedColumn[] {
  let kept = [...columns];
  const need = (cols: readonly Column[]) => cols.reduce((s, c) => s + c.width, 0) + Math.max(0, cols.length - 1);
  while (need(kept) > width) {
    const worst = kept.reduce((a, c) => (c.drop > a.drop ? c : a), kept[0]);
    if (worst.drop === 0) break;
    kept = kept.filter((c) => c !== worst);
  }
  // The flexible column grows up to its maximum; what is left stays at the right.
  const flex = kept.find((c) => c.flex);
  const spare = flex ? Math.min(Math.max(0, width - need(kept)), Math.max(0, (flex.maxWidth ?? Infinity) - flex.width)) : 0;
  return kept.map((c) => ({ column: c, width: c === flex ? c.width + spare : c.width }));
}
