// The detail view's frame: a border on the side it meets the list, a fixed height,
// and the content scrolled by j/k.
import { Box } from 'ink';
import type { Estate } from '../../estate/estate.js';
import type { Subject } from '../panes/types.js';
import { color, useTheme } from '../theme.js';
import { HostDetail } from './HostDetail.js';
import { WorkloadDetail } from './WorkloadDetail.js';

export function DetailPane({ estate, subject, rows, width, scroll }: { estate: Estate; subject: Subject; rows: number; width: number; scroll: number }) {
  const theme = useTheme();
  const inner = width - 2;
  return (
    <Box width={width} height={rows} overflow="hidden" borderStyle="round" borderColor={color(theme, 'border.focus')} flexDirection="column" paddingX={1}>
      <Box flexDirection="column" marginTop={-scroll} flexShrink={0}>
        {subject.type === 'host' ? (
          <HostDetail estate={estate} id={subject.id} width={inner - 2} />
        ) : (
          <WorkloadDetail estate={estate} id={subject.id} width={inner - 2} />
        )}
      </Box>
    </Box>
  );
}
