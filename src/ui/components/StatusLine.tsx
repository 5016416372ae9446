// The line above the footer: the prompt or the filter being typed (with a cursor),
// else the last message, else the pane's filter and row count.
import { Text } from 'ink';
import { cells, clean, fit } from '../format.js';
import type { LineEdit } from '../line-edit.js';
import { lineView } from '../line-view.js';
import type { Message } from '../state.js';
import { color, useTheme } from '../theme.js';

function Editing({ prefix, edit, after, width }: { prefix: string; edit: LineEdit; after?: string; width: number }) {
  const theme = useTheme();
  // A line wider than the terminal scrolls sideways to keep the cursor in view, as readline does.
  const view = lineView(edit, Math.max(1, width - prefix.length));
  return (
    <Text wrap="truncate">
      <Text bold color={color(theme, 'text.accent')}>
        {prefix}
      </Text>
      <Text color={color(theme, 'text.primary')}>{view.before}</Text>
      <Text inverse>{view.at}</Text>
      <Text color={color(theme, 'text.primary')}>{view.after}</Text>
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
  /** The terminal's width: a line being typed scrolls within it. */
  readonly width: number;
}

export function StatusLine({ prompt, filterEdit, filterError, message, running, filter, shown, total, width }: StatusProps) {
  const theme = useTheme();
  if (prompt) return <Editing prefix=":" edit={prompt.edit} width={width} after={prompt.completions.length ? `   ${prompt.completions.join('  ')}` : ''} />;
  if (filterEdit) return <Editing prefix="/" edit={filterEdit} width={width} after={filterError ? `   ✗ ${filterError}` : `   ${shown} of ${total}`} />;
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
        $ {fitRunning(clean(running), width - 2)}
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

/**
 * The command that waits, as "LINE · waiting for WHAT · esc stops waiting", in
 * `width` cells: when it does not fit, the last parts give way first (the
 * footer says esc stops waiting), then the line is cut, so what it waits for
 * stays in view.
 */
export function fitRunning(text: string, width: number): string {
  const [line, ...rest] = text.split(' · ');
  let tail = rest;
  const joined = (head: string) => [head, ...tail].join(' · ');
  while (tail.length > 1 && cells(joined(line)) > width) tail = tail.slice(0, -1);
  if (cells(joined(line)) <= width) return joined(line);
  const room = width - cells(joined(''));
  // Too narrow for both: the line, cut.
  return room >= 12 ? joined(fit(line, room).trimEnd()) : fit(text, width).trimEnd();
}
