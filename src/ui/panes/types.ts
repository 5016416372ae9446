// What a pane is: a list of rows (indices into the core's tables or the log) and
// column metadata with pure cell renderers, k9s-style. The table, the filter, the
// sort and the detail view all read these definitions; nothing else knows columns.
import type { Token } from '../../config/theme-tokens.js';
import type { LogEntry } from '../../core/event-log.js';
import type { Estate } from '../../estate/estate.js';
import type { ColumnSortId } from '../keymap.js';

/** The tabs, in order; the Kubernetes tab's other views (deployments, services, nodes) follow them. */
export const TAB_IDS = ['hosts', 'vms', 'containers', 'cloud', 'events', 'kubernetes', 'networks', 'storage'] as const;
export const PANE_IDS = [...TAB_IDS, 'k8s-deployments', 'k8s-services', 'k8s-nodes', 'audit', 'posture', 'alarms', 'capacity', 'power'] as const;
export type PaneId = (typeof PANE_IDS)[number];

/** What rows read from: the estate, plus the log entries newest first (for Events). */
export interface RowContext {
  readonly estate: Estate;
  readonly events: readonly LogEntry[];
}

export interface Column {
  readonly id: string;
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
  /** Narrow terminals drop columns with the highest number first; 0 is never dropped. */
  readonly drop: number;
  /** Takes the width the others leave. */
  readonly flex?: boolean;
  /** How wide the flexible column may grow (a name column wider than this is mostly blank). */
  readonly maxWidth?: number;
  /** The keymap command (Shift+letter) that sorts by this column. */
  readonly sort?: ColumnSortId;
  /** Numbers sort largest first on the first press. */
  readonly numeric?: boolean;
  text(ctx: RowContext, row: number): string;
  /** The value it sorts by (the text if left out). */
  value?(ctx: RowContext, row: number): number | string;
  tone?(ctx: RowContext, row: number): Token | undefined;
}

export interface Subject {
  readonly type: 'host' | 'workload';
  readonly id: string;
}

export interface PaneDef {
  readonly id: PaneId;
  readonly title: string;
  /** Every row of the pane, in its natural order. */
  /** A few words beside the tab's name while it shows (the posture's secure score). */
  caption?(ctx: RowContext): string;
  rows(ctx: RowContext): number[];
  readonly columns: readonly Column[];
  /** Fields for `field:value` filters; names and aliases, each reading one row. */
  readonly fields: Readonly<Record<string, (ctx: RowContext, row: number) => string>>;
  /** What a plain-text filter searches, in lower case. */
  search(ctx: RowContext, row: number): string;
  /** The same, with its lookups done once for a whole list (a filter reads every row). */
  searcher?(ctx: RowContext): (row: number) => string;
  /** What `enter` opens. */
  subject(ctx: RowContext, row: number): Subject | undefined;
  /** Sorted by this column until the user picks another (undefined: natural order). */
  readonly defaultSort?: { readonly column: string; readonly desc: boolean };
  /** What an empty pane says. */
  readonly empty: string;
}
