// The line above the footer: the prompt or the filter being typed (with a cursor),
// else the last message, else the pane's filter and row count.
import { Text } from 'ink';
import { clean } from '../format.js';
import React from 'react';
import type { LineEdit } from '../line-edit.js';
import { color, useTheme } from '../theme.js';
import type { Message } from '../state.js';

function Editing({ prefix, edit, after }: { prefix: string; edit: LineEdit; after?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      <Text bold color={color(theme, 'text.accent')}>
        {prefix}
      </Text>
      <Text color={color(theme, 'text.primary')}>{clean(edit.text.slice(0, edit.cursor))}</Text>
      <Text inverse>{clean(edit.text[edit.cursor] ?? ' ')}</Text>
      <Text color={color(theme, 'text.primary')}>{clean(edit.text.slice(edit.cursor + 1))}</Text>
      {after ? <Text color={color(theme, 'text.secondary')}>{clean(after)}</Text> : null}
    </Text>
  );
}

export interface StatusProps {
  readonly prompt?: { edit: LineEdit; completions: readonly string[] };
  readonly filterEdit?: LineEdit;
  readonly filterError?: string;
  readonly message?: Message;
  /** A command from the prompt that has not returned yet. */
  readonly running?: string;
  readonly filter: string;
  readonly shown: number;
  readonly total: number;
}

export function StatusLine({ prompt, filterEdit, filterError, message, running, filter, shown, total }: StatusProps) {
  const theme = useTheme();
  if (prompt) return <Editing prefix=":" edit={prompt.edit} after={prompt.completions.length ? `   ${prompt.completions.join('  ')}` : ''} />;
  if (filterEdit) return <Editing prefix="/" edit={filterEdit} after={filterError ? `   ✗ ${filterError}` : `   ${shown} of ${total}`} />;
  if (message) {
    return (
      <Text wrap="truncate" color={color(theme, message.tone === 'error' ? 'severity.critical' : 'text.accent')}>
        {message.tone === 'error' ? '✗ ' : ''}
        {clean(message.text)}
      </Text>
    );
  }
  if (running) {
    return (
      <Text wrap="truncate" color={color(theme, 'text.accent')}>
        $ {clean(running)}
      </Text>
    );
  }
  if (filter) {
    return (
      <Text wrap="truncate" color={color(theme, 'text.secondary')}>
        filter <Text color={color(theme, 'text.accent')}>/{clean(filter)}</Text> — {shown} of {total} (esc clears)
      </Text>
    );
  }
  return <Text> </Text>;
}
