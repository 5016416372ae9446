// The ? overlay: every command of the keymap by category (what read-only mode
// strips left out), the current pane's sort keys and filter fields, and the
// prompt's app commands. Built from the same tables the input handler reads.
import { Box, Text } from 'ink';
import React from 'react';
import { CATEGORIES, type Keymap } from '../keymap.js';
import { keyLabel } from '../keys.js';
import { APP_COMMANDS } from '../input/prompt-commands.js';
import type { PaneDef } from '../panes/types.js';
import { color, useTheme } from '../theme.js';

const STEP_SORTS = ['sort.next', 'sort.previous', 'sort.reverse'];

interface Line {
  readonly key?: string;
  readonly text: string;
  readonly heading?: boolean;
}

export function helpLines(keymap: Keymap, pane: PaneDef, readonly: boolean): Line[] {
  const lines: Line[] = [];
  for (const category of CATEGORIES) {
    const commands = keymap.commands.filter((c) => c.category === category && !(readonly && c.dangerous));
    if (commands.length === 0) continue;
    lines.push({ text: category, heading: true });
    for (const c of commands) {
      // A column sort key says which column of this pane answers it.
      const columnSort = c.id.startsWith('sort.') && !STEP_SORTS.includes(c.id);
      const column = columnSort ? pane.columns.find((col) => col.sort === c.id) : undefined;
      const note = columnSort ? (column ? ` (here: ${column.title})` : ` (not in ${pane.title})`) : '';
      lines.push({ key: c.keys.map(keyLabel).join(' '), text: `${c.description}${note}${c.dangerous ? '  [asks first]' : ''}` });
    }
  }
  lines.push({ text: `Filter fields in ${pane.title}`, heading: true });
  lines.push({ text: `${Object.keys(pane.fields).join(', ')}   e.g. state:running  !host:esx-01  /web-0[12]/` });
  lines.push({ text: 'Prompt commands (:)', heading: true });
  for (const c of APP_COMMANDS) lines.push({ key: `:${c.name}${c.args ? ` ${c.args}` : ''}`, text: c.description });
  lines.push({ key: ':virsh …', text: 'and every native command: virsh, virt-install, docker, az, govc, Get-VM, Start-VM, Checkpoint-VM …' });
  if (readonly) lines.push({ text: 'Read-only: destructive actions are hidden and refused.', heading: true });
  return lines;
}

export function Help({ keymap, pane, readonly, scroll, rows, width }: { keymap: Keymap; pane: PaneDef; readonly: boolean; scroll: number; rows: number; width: number }) {
  const theme = useTheme();
  const lines = helpLines(keymap, pane, readonly);
  const first = Math.min(scroll, Math.max(0, lines.length - (rows - 3)));
  const shown = lines.slice(first, first + rows - 3);
  return (
    <Box flexDirection="column" width={width} height={rows} borderStyle="round" borderColor={color(theme, 'dialog.border')} paddingX={1}>
      <Text bold color={color(theme, 'text.accent')}>
        Help — j/k scroll, esc closes {lines.length > rows - 3 ? `(${first + 1}-${first + shown.length} of ${lines.length})` : ''}
      </Text>
      {shown.map((l, i) =>
        l.heading ? (
          <Text key={i} bold color={color(theme, 'header.title')}>
            {l.text}
          </Text>
        ) : (
          <Text key={i} wrap="truncate">
            <Text color={color(theme, 'text.accent')}>{(l.key ?? '').padEnd(22)}</Text>
            <Text color={color(theme, 'text.primary')}>{l.text}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}
