// Below the minimum size the app says so instead of drawing a broken screen, and
// what stays open behind the notice (a dialog, the prompt): no key but quit acts
// until the terminal is large enough again, so nothing is answered blind.
import { Box, Text } from 'ink';
import { clean } from '../format.js';
import { MIN_HEIGHT, MIN_WIDTH } from '../layout.js';

export function TooSmall({ width, height, quitKey, open }: { width: number; height: number; quitKey: string; open?: string }) {
  return (
    <Box flexDirection="column">
      <Text bold>
        too small: have {width}x{height}, need {MIN_WIDTH}x{MIN_HEIGHT}
      </Text>
      <Text>enlarge the terminal, or press {quitKey} to quit</Text>
      {open ? <Text>{clean(`${open} stays open, as it was, until then`)}</Text> : null}
    </Box>
  );
}
