// A pane's list: a header row and only the rows in view, however many there are.
// Each cell is the column's pure renderer, coloured by the column's tone.
import { Box, Text } from 'ink';
import { cells, fit } from '../format.js';
import { fitColumns } from '../layout.js';
import { paint } from '../paint.js';
import type { PaneDef, RowContext } from '../panes/types.js';
import type { SortSpec } from '../rows.js';
import { color, useTheme } from '../theme.js';

export interface TableProps {
  readonly pane: PaneDef;
  readonly ctx: RowContext;
  readonly rows: readonly number[];
  readonly cursor: number;
  readonly top: number;
  /** Data rows that fit under the header. */
  readonly height: number;
  readonly width: number;
  readonly sort?: SortSpec;
  readonly empty: string;
}

export function Table({ pane, ctx, rows, cursor, top, height, width, sort, empty }: TableProps) {
  const theme = useTheme();
  const columns = fitColumns(pane.columns, width);
  const visible = rows.slice(top, top + height);
  const header = columns
    .map(({ column, width: w }) => fit(column.title + (sort?.column === column.id ? (sort.desc ? '↓' : '↑') : ''), w, column.align))
    .join(' ');
  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text bold color={color(theme, 'text.accent')} wrap="truncate">
        {header}
      </Text>
      {visible.length === 0 ? <Text color={color(theme, 'text.secondary')}>{empty}</Text> : null}
      {visible.map((row, i) => {
        const selected = top + i === cursor;
        if (selected) {
          const text = columns.map(({ column, width: w }) => fit(column.text(ctx, row), w, column.align)).join(' ');
          return (
            <Text key={row} wrap="truncate" bold inverse={theme.monochrome} color={color(theme, 'selection.fg')} backgroundColor={color(theme, 'selection.bg')}>
              {text + ' '.repeat(Math.max(0, width - cells(text)))}
            </Text>
          );
        }
        // One pre-coloured string per row: one text node for Ink to lay out, not one per cell.
        const line = rowLine(
          columns.map(({ column, width: w }) => [fit(column.text(ctx, row), w, column.align), color(theme, column.tone?.(ctx, row) ?? 'text.primary')]),
        );
        return (
          <Text key={row} wrap="truncate">
            {line}
          </Text>
        );
      })}
    </Box>
  );
}

/** Cells joined by a space, neighbours of one colour painted as one run (fewer escape codes to write). */
function rowLine(cellsOfRow: [text: string, color: string | undefined][]): string {
  let out = '';
  let run = '';
  let runColor: string | undefined;
  for (const [i, [text, c]] of cellsOfRow.entries()) {
    if (i > 0 && c === runColor) {
      run += ` ${text}`;
      continue;
    }
    if (i > 0) out += `${paint(run, runColor)} `;
    run = text;
    runColor = c;
  }
  return out + paint(run, runColor);
}
