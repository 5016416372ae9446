// The bottom line: the keys that work here, as many as fit.
import { Text } from 'ink';
import React from 'react';
import type { Hint } from '../hints.js';
import { color, useTheme } from '../theme.js';

export function Footer({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const theme = useTheme();
  // The last hint (quit) always shows; the others as many as fit before it.
  const size = (h: Hint) => h.key.length + h.label.length + 3;
  const last = hints[hints.length - 1];
  const shown: Hint[] = [];
  let used = last ? size(last) : 0;
  for (const h of hints.slice(0, -1)) {
    if (used + size(h) > width) break;
    shown.push(h);
    used += size(h);
  }
  if (last) shown.push(last);
  return (
    <Text wrap="truncate">
      {shown.map((h) => (
        <Text key={`${h.key}${h.label}`}>
          <Text bold color={color(theme, 'text.accent')}>
            {h.key}
          </Text>
          <Text color={color(theme, 'text.secondary')}> {h.label}  </Text>
        </Text>
      ))}
    </Text>
  );
}
