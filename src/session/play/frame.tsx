// One frame of the console as lines of text with colour codes, rendered with no
// terminal behind it (Ink's renderToString), so a tape's frames depend on the
// tape alone: not on timers, the environment's CI, or the caller's terminal.
import { Box, renderToString, Text } from 'ink';
import { Frame, StatusFrame } from '../../ui/components/App.js';
import type { Controller } from '../../ui/controller.js';
import { color, ThemeProvider } from '../../ui/theme.js';

/** Full renders so far (the benchmark reports them). */
export let fullRenders = 0;

export function renderFrame(controller: Controller): string[] {
  fullRenders++;
  const lines = renderToString(<Frame controller={controller} />, { columns: controller.width }).split('\n');
  return fit(lines, controller.height);
}

/** The status line alone, for a key typed at the prompt. */
export function renderStatusLine(controller: Controller): string {
  return renderToString(<StatusFrame controller={controller} />, { columns: controller.width }).split('\n')[0] ?? '';
}

/** The caption bar: a box `width` wide (so nothing behind it shows through), text centred. */
export function renderCaption(controller: Controller, text: string, width = controller.width): string[] {
  const theme = controller.theme;
  const bar = (
    <ThemeProvider theme={theme}>
      <Box width={width} borderStyle="round" borderColor={color(theme, 'dialog.border')} justifyContent="center" paddingX={1}>
        <Text bold color={color(theme, 'text.accent')} wrap="wrap">
          {text}
        </Text>
      </Box>
    </ThemeProvider>
  );
  return renderToString(bar, { columns: width }).split('\n');
}

function fit(lines: string[], height: number): string[] {
  if (lines.length > height) return lines.slice(0, height);
  while (lines.length < height) lines.push('');
  return lines;
}
