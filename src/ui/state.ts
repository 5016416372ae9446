// What the UI holds between key presses, all plain data: the pane, each pane's
// cursor, filter and sort, the detail view, and the overlay (help, prompt,
// dialog, picker, form) that takes keys before the pane.
import type { Speed } from '../config/settings.js';
import type { BalanceMove } from '../core/balance.js';
import type { Platform } from '../core/model.js';
import type { CapabilityId } from '../providers/capabilities.js';
import type { CreateRequest, PerformArgs } from '../providers/provider.js';
import type { LineEdit } from './line-edit.js';
import { PANE_IDS, type PaneId, type Subject } from './panes/types.js';
import type { SortSpec } from './rows.js';

export interface PaneState {
  readonly cursor: number;
  /** First row shown: scrolling keeps the cursor in view without jumping. */
  readonly top: number;
  readonly filter: string;
  readonly sort?: SortSpec;
}

/** Something that runs once a dialog is confirmed. */
export type Pending =
  | { readonly kind: 'perform'; readonly workload: string; readonly capability: CapabilityId; readonly args?: PerformArgs }
  | { readonly kind: 'create'; readonly platform: Platform; readonly request: CreateRequest }
  | { readonly kind: 'host'; readonly host: string; readonly action: 'enter-maintenance' | 'exit-maintenance' | 'fail' | 'recover' }
  /** :w FILE over a file this estate did not come from: saved once the user says so. */
  | { readonly kind: 'save'; readonly file: string }
  /** A native command line (kubectl delete pod ...), run as the prompt runs it once confirmed. */
  | { readonly kind: 'native'; readonly line: string };

export interface PickOption {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly ok: boolean;
}

export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly edit: LineEdit;
  /** Fixed choices cycled with left/right (the provider, for example). */
  readonly choices?: readonly string[];
  /** Only one of the choices: not typed into. */
  readonly fixed?: boolean;
  readonly hint?: string;
}

export type Overlay =
  | { readonly type: 'help'; readonly scroll: number }
  | { readonly type: 'prompt'; readonly edit: LineEdit; readonly history: number; readonly completions: readonly string[] }
  | { readonly type: 'output'; readonly title: string; readonly lines: readonly string[]; readonly scroll: number; readonly failed: boolean }
  | {
      /** Workloads' logs (a VM's console, a container's output), merged in time order: filtered, followed as they grow. */
      readonly type: 'logs';
      readonly workloads: readonly string[];
      /** Pods' logs as kubectl reads them: each its `kubectl logs` arguments (pod/NAME -n NS --context C), read again as they grow. */
      readonly kubectl?: readonly string[];
      /** Lines shown: those holding this text (any case), or matching /regex/; '' all. */
      readonly filter: string;
      /** The filter being typed, if it is. */
      readonly edit?: LineEdit;
      /** Kept at the newest line as lines come. */
      readonly follow: boolean;
      readonly scroll: number;
    }
  | {
      readonly type: 'confirm';
      readonly title: string;
      readonly lines: readonly string[];
      readonly command: string;
      readonly pending: Pending;
      readonly yes: boolean;
      readonly danger: boolean;
    }
  | {
      readonly type: 'pick';
      readonly purpose: 'migrate' | 'revert';
      readonly workload: string;
      readonly title: string;
      readonly options: readonly PickOption[];
      readonly cursor: number;
    }
  /** Balancing recommendations for a cluster: option "all", then one per move. */
  | {
      readonly type: 'pick';
      readonly purpose: 'balance';
      readonly cluster: string;
      readonly moves: readonly BalanceMove[];
      readonly title: string;
      readonly options: readonly PickOption[];
      readonly cursor: number;
    }
  | {
      readonly type: 'form';
      readonly purpose: 'new' | 'snapshot' | 'clone';
      readonly workload?: string;
      readonly title: string;
      readonly fields: readonly FormField[];
      readonly focus: number;
      readonly preview: string;
      readonly previewOk: boolean;
    };

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

export interface UiState {
  readonly pane: PaneId;
  readonly panes: Readonly<Record<PaneId, PaneState>>;
  /** The filter being typed in the current pane (live), and the one before it (esc restores it). */
  readonly filterEdit?: { readonly edit: LineEdit; readonly before: string };
  readonly detail?: Subject;
  readonly detailScroll: number;
  readonly overlay?: Overlay;
  readonly speed: Speed;
  /** The speed the estate really runs at, when it cannot keep up with `speed` (live console only). */
  readonly behind?: number;
  /** The speed space resumes to. */
  readonly resumeSpeed: Speed;
  readonly theme: string;
  readonly message?: Message;
  /** A jump of the clock under way (:sim advance in the live console): how far it has got. */
  readonly jump?: { readonly done: number; readonly total: number };
  /** A native command typed at the prompt that has not returned yet: what it is and what it waits for. */
  readonly running?: string;
  readonly quitting: boolean;
}

export function initialState(speed: Speed, theme: string, sorts: Partial<Record<PaneId, SortSpec>>): UiState {
  const panes = Object.fromEntries(PANE_IDS.map((id) => [id, { cursor: 0, top: 0, filter: '', ...(sorts[id] ? { sort: sorts[id] } : {}) }])) as Record<
    PaneId,
    PaneState
  >;
  return { pane: 'hosts', panes, detailScroll: 0, speed, resumeSpeed: speed === 0 ? 1 : speed, theme, quitting: false };
}

/** Moves a cursor within `count` rows and scrolls so it stays within a window of `rows`. */
export function moveCursor(p: PaneState, to: number, count: number, rows: number): PaneState {
  const cursor = Math.max(0, Math.min(count - 1, to));
  let top = p.top;
  if (cursor < top) top = cursor;
  if (rows > 0 && cursor >= top + rows) top = cursor - rows + 1;
  top = Math.max(0, Math.min(top, Math.max(0, count - rows)));
  return { ...p, cursor: Math.max(0, cursor), top };
}
