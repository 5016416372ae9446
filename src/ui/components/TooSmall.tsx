// Below the minimum size the app says so instead of drawing a broken screen.
import { Box, Text } from 'ink';
import React from 'react';
import { MIN_HEIGHT, MIN_WIDTH } from '../layout.js';

export function TooSmall({ width, height }: { width: number; height: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>
        too small: have {width}x{height}, need {MIN_WIDTH}x{MIN_HEIGHT}
      </Text>
      <Text>enlarge the terminal, or press q to quit</Text>
    </Box>
  );
}
