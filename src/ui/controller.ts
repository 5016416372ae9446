// The UI's state and every key's effect, with no React in it: the app renders
// what it holds, tapes and tests press keys on it directly. Keys go to the
// overlay first (dialog, picker, form, prompt, help), then to the filter being
// typed, then to the keymap's command (input/commands.ts); each layer says
// whether it took the key.
import { SPEEDS, type Speed } from '../config/settings.js';
import type { ResolvedTheme } from '../config/theme-tokens.js';
import { findTheme, noSuchTheme } from '../config/themes.js';
import { formatDurationMs } from '../core/duration.js';
import type { LogEntry } from '../core/event-log.js';
import type { Operation } from '../core/operations.js';
import type { Estate } from '../estate/estate.js';
import type { ExecResult } from '../providers/provider.js';
import { runKey } from './input/commands.js';
import { handleFilterEdit } from './input/filter-edit.js';
import { formFieldRoom } from './input/forms.js';
import { handleOverlay } from './input/overlay.js';
import { showAnswer } from './input/prompt-commands.js';
import type { Keymap } from './keymap.js';
import { type Layout, layout } from './layout.js';
import type { LineEdit } from './line-edit.js';
import { lineView } from './line-view.js';
import { PANES, type PaneId, paneDef } from './panes/index.js';
import type { RowContext, Subject } from './panes/types.js';
import { PerVersion } from './per-version.js';
import { listRows, type Matches, type RowList } from './rows.js';
import { RunningCommands } from './running-command.js';
import { initialState, type Message, type UiState } from './state.js';
import { estateTotals, type Totals } from './totals.js';

export interface ControllerOptions {
  readonly estate: Estate;
  readonly keymap: Keymap;
  readonly theme: ResolvedTheme;
  /** Themes :theme can switch to, by name; resolves one or says why not. */
  readonly themes?: { names(): string[]; resolve(name: string): { theme: ResolvedTheme; warning?: string } };
  readonly readonly?: boolean;
  readonly speed?: Speed;
  readonly width?: number;
  readonly height?: number;
  /**
   * The live console's wall clock (ms). With it, time passing alone re-lists a
   * pane (filter and sort over every row) at most once per LIST_REFRESH_MS, as
   * k9s refreshes its lists; the cells in view always show the current figures.
   * Without it (tapes, tests) every change re-lists at once.
   */
  readonly wallClock?: () => number;
  /** Lines the prompt's history starts with (from the settings), oldest first. */
  readonly history?: readonly string[];
  /** Settings changed by the user (theme, speed, history): saved by the caller. */
  onSettings?(patch: { theme?: string; speed?: Speed; history?: string[] }): void;
  /**
   * Saves the estate (:w, :w! forces); returns what happened, in one sentence.
   * `ask`: nothing was saved, because the file is one this estate was not read
   * from; the sentence says what it is, for the user to confirm.
   */
  onSave?(file: string | undefined, options?: { force?: boolean }): { ok: boolean; message: string; ask?: string };
  /** Opens another estate file in place of this one (:open); says what happened. */
  onOpen?(file: string): { ok: boolean; message: string };
  /**
   * Moves the clock on `ms` in slices, keys answered meanwhile (:sim advance in the
   * live console); without it the jump is made at once (tapes, tests).
   */
  onJump?(ms: number): void;
  /** Stops a jump under way where it is (esc); how far it got. */
  onJumpStop?(): { done: number; total: number } | undefined;
}

/** How long a list may stand while only time passes (live console only). */
export const LIST_REFRESH_MS = 1000;

export class Controller {
  state: UiState;
  theme: ResolvedTheme;
  readonly estate: Estate;
  readonly keymap: Keymap;
  readonly readonly: boolean;
  readonly history: string[];
  width: number;
  height: number;
  private readonly listeners = new Set<() => void>();
  private revision = 0;
  private rowCache = new Map<string, RowList>();
  /** Each pane's rows before filter and sort, under the same rule as rowCache. */
  private baseRows = new Map<PaneId, readonly number[]>();
  /** Who acts and what the audit trail holds, when the rows were last worked out. */
  private rowAccessVersion = '';
  /**
   * Each pane's last plain-word matches over its base rows and the estate's version
   * they were found at: the next keystroke searches within them (listRows) only at
   * that same version, since a row's text (its state, its host) moves with the clock.
   */
  private lastMatches = new Map<PaneId, { readonly version: number; readonly matches: Matches }>();
  private rowCacheVersion = -1;
  /** What the cached lists were made from: the changes other than the clock's, and when (wall ms). */
  private rowCacheOther = -1;
  private rowCacheAt = 0;
  private readonly version = () => this.estate.sim.version;
  private readonly eventList = new PerVersion<readonly LogEntry[]>(this.version, () => this.estate.sim.log.recent(this.estate.sim.log.size));
  private readonly underWay = new PerVersion<readonly Operation[]>(this.version, () => this.estate.sim.operations());
  private readonly headerFigures = new PerVersion<Totals>(
    // A change to the estate, or to who acts and what they may see.
    () => this.estate.sim.version * 1e6 + this.estate.providers.access.version,
    () =>
      estateTotals(
        this.estate.sim,
        this.estate.providers.azure.disks.ratePerHour(),
        this.estate.providers.visibility(),
        this.estate.providers.alarms.triggered(),
      ),
  );
  /** Native commands from the prompt that have not returned yet (see running-command.ts). */
  /** The placer's count of refusals when the command now running began: one more by its answer, and it was refused. */
  private refusalsBefore: number | undefined;
  readonly commands = new RunningCommands({
    run: (line) => {
      this.refusalsBefore = this.estate.sim.lastRefusal?.seq;
      return this.estate.providers.exec(line);
    },
    show: (line, r) => this.answer(line, r, this.estate.sim.lastRefusal?.seq !== this.refusalsBefore),
    status: (text) => this.set({ running: text }),
  });
  /** Answers that came back while a dialog or the prompt was open: shown when it closes, in order. */
  private readonly held: { line: string; r: ExecResult; refused: boolean }[] = [];

  constructor(readonly options: ControllerOptions) {
    this.estate = options.estate;
    this.keymap = options.keymap;
    this.theme = options.theme;
    this.readonly = options.readonly ?? false;
    // --readonly is a role on top of whoever acts: the policy point refuses every change, on every path.
    if (this.readonly) this.estate.providers.access.readOnly = true;
    this.history = [...(options.history ?? [])];
    this.width = options.width ?? 120;
    this.height = options.height ?? 40;
    const sorts = Object.fromEntries(PANES.filter((p) => p.defaultSort).map((p) => [p.id, p.defaultSort!]));
    this.state = initialState(options.speed ?? 1, options.theme.name, sorts);
    this.estate.sim.subscribe(() => {
      this.commands.check();
      this.bump();
    });
  }

  // --- the store the app reads ---------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever the UI state or the estate does. */
  getSnapshot = (): number => this.revision;

  private bump(): void {
    this.revision++;
    if (this.held.length > 0 && !this.state.overlay) {
      const { line, r, refused } = this.held.shift()!;
      showAnswer(this, line, r, refused);
      return;
    }
    for (const l of this.listeners) l();
  }

  /** A command's answer: shown now, or once the dialog or prompt open now is closed (never over it). */
  private answer(line: string, r: ExecResult, refused: boolean): void {
    if (this.state.overlay) {
      this.held.push({ line, r, refused });
      this.flash(`${line.split(/\s+/).slice(0, 3).join(' ')} has returned: its answer opens when this closes`);
      return;
    }
    showAnswer(this, line, r, refused);
  }

  set(next: Partial<UiState> | ((s: UiState) => UiState)): void {
    this.state = typeof next === 'function' ? next(this.state) : { ...this.state, ...next };
    this.bump();
  }

  flash(text: string, tone: Message['tone'] = 'info'): void {
    // An error too long for the status line opens in the panel, so no reason is cut off.
    if (tone === 'error' && text.length > this.width - 3 && !this.state.overlay) {
      this.set({ message: { text, tone }, overlay: { type: 'output', title: 'error', lines: [text], scroll: 0, failed: true } });
      return;
    }
    this.set({ message: { text, tone } });
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.bump();
  }

  // --- derived ---------------------------------------------------------------

  layout(): Layout {
    return layout(this.width, this.height, this.state.detail !== undefined, this.tasks().length > 0);
  }

  /** Operations under way, soonest to end first; read once per change of the estate. */
  tasks(): readonly Operation[] {
    return this.underWay.get();
  }

  /** The header's figures; read once per change of the estate. */
  totals(): Totals {
    return this.headerFigures.get();
  }

  rowContext(): RowContext {
    return { estate: this.estate, events: this.eventList.get() };
  }

  /** The pane's rows after its filter and sort; cached until the estate or the view changes. */
  rows(pane: PaneId = this.state.pane): RowList {
    const sim = this.estate.sim;
    const version = sim.version;
    // Who acts, what they may see and what the audit trail holds change the rows as much as the estate does.
    // The alarms change with the clock but are no estate change: the Alarms view's rows follow them at once.
    const access = `${this.estate.providers.access.version}:${this.estate.providers.access.audit.count}:${this.estate.providers.alarms.version}`;
    if (access !== this.rowAccessVersion) {
      this.rowAccessVersion = access;
      this.rowCacheVersion = -1;
      this.rowCacheOther = -1;
    }
    if (version !== this.rowCacheVersion) {
      const other = version - sim.advanced;
      const now = this.options.wallClock?.();
      const onlyTime = other === this.rowCacheOther && now !== undefined && now - this.rowCacheAt < LIST_REFRESH_MS;
      if (!onlyTime) {
        this.rowCache.clear();
        this.baseRows.clear();
        this.lastMatches.clear();
        this.rowCacheVersion = version;
        this.rowCacheOther = other;
        this.rowCacheAt = now ?? 0;
      }
    }
    const p = this.state.panes[pane];
    const filter = pane === this.state.pane && this.state.filterEdit ? this.state.filterEdit.edit.text : p.filter;
    const key = `${pane}\u0000${filter}\u0000${p.sort?.column ?? ''}\u0000${p.sort?.desc ?? ''}`;
    let list = this.rowCache.get(key);
    // A list from the cache is of this version if nothing has changed since the cache was emptied.
    let fresh = this.rowCacheVersion === version;
    if (!list) {
      const ctx = this.rowContext();
      let all = this.baseRows.get(pane);
      if (!all) this.baseRows.set(pane, (all = paneDef(pane).rows(ctx)));
      const last = this.lastMatches.get(pane);
      list = listRows(ctx, paneDef(pane), filter, p.sort, all, last?.version === version ? last.matches : undefined);
      this.rowCache.set(key, list);
      fresh = true;
    }
    // One from the cache counts too (a letter taken back, then another typed).
    if (list.matches && fresh) this.lastMatches.set(pane, { version, matches: list.matches });
    return list;
  }

  /** The object under the cursor, if any. */
  selected(): Subject | undefined {
    const list = this.rows();
    const row = list.rows[Math.min(this.state.panes[this.state.pane].cursor, list.rows.length - 1)];
    return row === undefined ? undefined : paneDef(this.state.pane).subject(this.rowContext(), row);
  }

  /** The workload the actions apply to: the open detail's, else the selected row's. */
  target(): Subject | undefined {
    return this.state.detail ?? this.selected();
  }

  // --- input -----------------------------------------------------------------

  /** One key press, by name (see keys.ts); `input` is the text it typed. */
  press(key: string, input = ''): void {
    if (this.state.quitting) return;
    if (this.keymap.command(key)?.id === 'quit' && key === 'ctrl+c') return this.quit();
    // Below the minimum size nothing is drawn but the notice: no key but quit acts, so
    // nothing typed blind reaches a list, a prompt or a dialog (a blind y stopped a VM).
    if (this.layout().tooSmall) {
      if (this.keymap.command(key)?.id === 'quit') this.quit();
      return;
    }
    // Esc stops a jump of the clock before it does anything else.
    if (key === 'escape' && this.state.jump && this.options.onJumpStop) {
      const got = this.options.onJumpStop();
      this.set({
        jump: undefined,
        message: { text: got ? `jump stopped after ${formatDurationMs(got.done)} of ${formatDurationMs(got.total)}` : 'jump stopped', tone: 'info' },
      });
      return;
    }
    // ... and stops waiting for a command that blocks, when nothing is open to close first (details included).
    if (key === 'escape' && this.state.running && !this.state.overlay && !this.state.filterEdit && !this.state.detail) {
      const said = this.commands.stop();
      if (said) return this.flash(said);
    }
    if (this.state.message && !this.state.overlay) this.state = { ...this.state, message: undefined };
    this.route(key, input);
    this.keepCursorsInView();
    this.detailFollowsSelection();
  }

  /**
   * With the details beside or below the list, they show what the cursor is on,
   * as the key that moved it (or the filter, or the sort) left it. Only after a key:
   * the details do not change under the reader while only the estate changes.
   */
  private detailFollowsSelection(): void {
    const d = this.state.detail;
    if (!d || this.state.overlay || this.layout().listRows === 0) return;
    const now = this.selected();
    if (now && (now.type !== d.type || now.id !== d.id)) this.set({ detail: now, detailScroll: 0 });
  }

  private route(key: string, input: string): void {
    if (handleOverlay(this, key, input)) return;
    if (handleFilterEdit(this, key, input)) return;
    if (runKey(this, key)) return;
    if (key.length === 1 || key.startsWith('ctrl+') || key.startsWith('alt+')) this.flash(`${key} does nothing here; press ? for the keys`);
    else this.bump();
  }

  /**
   * Keeps where each line being typed was scrolled to (readline's last margin), so
   * its window moves only when the cursor would leave it. The views draw the same
   * window from the same margin, so nothing on screen changes here.
   */
  private keepCursorsInView(): void {
    const s = this.state;
    const kept = (edit: LineEdit, room: number): LineEdit => {
      const margin = lineView(edit, room).margin;
      return margin === (edit.margin ?? 0) ? edit : { ...edit, margin };
    };
    const o = s.overlay;
    if (o?.type === 'prompt') {
      const edit = kept(o.edit, this.width - 1);
      if (edit !== o.edit) this.state = { ...s, overlay: { ...o, edit } };
    } else if (o?.type === 'form') {
      const f = o.fields[o.focus];
      const edit = kept(f.edit, formFieldRoom(this.width, f));
      if (edit !== f.edit) this.state = { ...s, overlay: { ...o, fields: o.fields.map((x, i) => (i === o.focus ? { ...x, edit } : x)) } };
    } else if (s.filterEdit) {
      const edit = kept(s.filterEdit.edit, this.width - 1);
      if (edit !== s.filterEdit.edit) this.state = { ...s, filterEdit: { ...s.filterEdit, edit } };
    }
  }

  // --- effects ---------------------------------------------------------------

  setSpeed(speed: Speed): void {
    this.set((s) => ({ ...s, speed, resumeSpeed: speed === 0 ? s.resumeSpeed : speed }));
    this.options.onSettings?.({ speed });
  }

  /** The live clock's word on its pace: shown in the header while the estate runs slower than asked. */
  setPace(behind: number | undefined): void {
    const shown = behind === undefined ? undefined : behind < 10 ? Math.round(behind * 10) / 10 : Math.round(behind);
    if (shown !== this.state.behind) this.set({ behind: shown });
  }

  stepSpeed(direction: 1 | -1): void {
    const i = SPEEDS.indexOf(this.state.speed);
    const next = SPEEDS[Math.max(1, Math.min(SPEEDS.length - 1, (i < 1 ? 0 : i) + direction))];
    this.setSpeed(next);
    this.flash(`speed ${next}x`);
  }

  setTheme(name: string): boolean {
    const themes = this.options.themes;
    if (!themes) {
      this.flash('themes are not available here', 'error');
      return false;
    }
    // Named without regard to case, as everywhere (config/themes.ts): "Dracula" is dracula.
    const found = findTheme(themes.names(), name);
    if (found === undefined) {
      this.flash(noSuchTheme(name, themes.names()), 'error');
      return false;
    }
    const { theme, warning } = themes.resolve(found);
    this.theme = theme;
    this.set({ theme: theme.name, message: { text: warning ?? `theme ${theme.name}`, tone: warning ? 'error' : 'info' } });
    this.options.onSettings?.({ theme: theme.name });
    return true;
  }

  quit(): void {
    this.set({ quitting: true });
  }
}
