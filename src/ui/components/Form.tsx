// A small form: labelled fields, the focused one with a cursor, choices cycled
// with ←/→, and a live preview (where a new workload would be placed).
import { Box, Text } from 'ink';
import { clean } from '../format.js';
import { FORM_WIDTH, formFieldRoom } from '../input/forms.js';
import { lineView } from '../line-view.js';
import type { FormField } from '../state.js';
import { color, useTheme } from '../theme.js';

export function Form({
  title,
  fields,
  focus,
  preview,
  previewOk,
  width,
}: {
  title: string;
  fields: readonly FormField[];
  focus: number;
  preview: string;
  previewOk: boolean;
  width: number;
}) {
  const theme = useTheme();
  return (
    <Box
      flexDirection="column"
      alignSelf="center"
      width={Math.min(width, FORM_WIDTH)}
      borderStyle="round"
      borderColor={color(theme, 'dialog.border')}
      paddingX={2}
      paddingY={1}
    >
      <Text bold color={color(theme, 'text.accent')}>
        {title}
      </Text>
      {fields.map((f, i) => {
        const on = i === focus;
        const text = f.edit.text;
        // The focused field scrolls sideways to keep its cursor in view; the others show their start.
        const view = lineView(on ? f.edit : { text, cursor: 0 }, formFieldRoom(width, f));
        return (
          <Text key={f.id} wrap="truncate">
            <Text color={color(theme, on ? 'text.accent' : 'text.secondary')}>
              {on ? '› ' : '  '}
              {f.label.padEnd(16)}
            </Text>
            {f.choices ? <Text color={color(theme, 'text.secondary')}>{on ? '◂ ' : '  '}</Text> : null}
            <Text color={color(theme, 'text.primary')}>{view.before}</Text>
            {on ? <Text inverse>{view.at}</Text> : <Text color={color(theme, 'text.primary')}>{view.at.trimEnd()}</Text>}
            <Text color={color(theme, 'text.primary')}>{view.after}</Text>
            {f.choices && on ? <Text color={color(theme, 'text.secondary')}> ▸</Text> : null}
            {f.hint && (on || !text) ? <Text color={color(theme, 'text.secondary')}> ({f.hint})</Text> : null}
          </Text>
        );
      })}
      <Box marginTop={1}>
        <Text wrap="wrap" color={color(theme, previewOk ? 'severity.ok' : 'severity.critical')}>
          {previewOk ? '✓ ' : '✗ '}
          {clean(preview)}
        </Text>
      </Box>
      <Text color={color(theme, 'text.secondary')}>tab/↑↓ field · ←/→ choice · enter create · esc cancel</Text>
    </Box>
  );
}
