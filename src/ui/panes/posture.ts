// Posture: the security posture report's findings (providers/posture/), a view of
// the Events tab (:posture), its secure score beside the tab's name; enter on a
// finding asks to run its fix (the commands, through the policy point like any).
import type { Check } from '../../access/posture.js';
import type { PaneDef, RowContext } from './types.js';

const findings = (c: RowContext): readonly Check[] => c.estate.providers.posture().findings;
const finding = (c: RowContext, i: number) => findings(c)[i];
const controlTitle = (c: RowContext, i: number) => c.estate.providers.posture().controls.find((x) => x.id === finding(c, i).control)?.title ?? '';

export const posturePane: PaneDef = {
  id: 'posture',
  title: 'Posture',
  empty: 'No finding: every check of the estate is healthy.',
  rows: (ctx) => (ctx.estate.providers.access.administers() ? findings(ctx).map((_, i) => i) : []),
  // Only an administrator reads the estate's posture (as only one runs `posture`).
  caption: (ctx) => (ctx.estate.providers.access.administers() ? `secure score ${ctx.estate.providers.posture().percent}%` : 'for Administrators only'),
  columns: [
    { id: 'control', title: 'CONTROL', width: 30, drop: 2, sort: 'sort.group', text: controlTitle },
    { id: 'resource', title: 'RESOURCE', width: 22, drop: 0, sort: 'sort.name', text: (c, i) => finding(c, i).resource },
    { id: 'finding', title: 'FINDING', width: 60, flex: true, drop: 0, text: (c, i) => finding(c, i).finding ?? '', tone: () => 'severity.warn' },
    {
      id: 'fix',
      title: 'FIX',
      width: 8,
      drop: 1,
      text: (c, i) => (finding(c, i).fix ? `${finding(c, i).fix!.length} step${finding(c, i).fix!.length === 1 ? '' : 's'}` : 'by hand'),
    },
  ],
  fields: {
    control: (c, i) => finding(c, i).control,
    resource: (c, i) => finding(c, i).resource,
    name: (c, i) => finding(c, i).resource,
  },
  search: (c, i) => `${controlTitle(c, i)} ${finding(c, i).resource} ${finding(c, i).finding ?? ''}`.toLowerCase(),
  subject: () => undefined,
};
