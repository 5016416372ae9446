// Every key binding, in one table: the input handler, the footer's hints and the
// help overlay all read it. A command has an id, default keys, a description, one
// category, and says if it asks first (dangerous). The ids are a union drawn from
// this table: what each one does is in input/commands.ts, a table the compiler
// checks is complete. Users remap keys by command id in their settings.
import type { CapabilityId } from '../providers/capabilities.js';
import { keyLabel } from './keys.js';
import type { Overlay } from './state.js';

export const CATEGORIES = ['Navigation', 'Panes', 'View', 'Actions', 'Simulation', 'Application'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 1: how to get help and out; 2: the selected object's main actions; 3: moving about; 4: other actions; 5: the rest. */
export type FooterRank = 1 | 2 | 3 | 4 | 5;

interface CommandSpec {
  readonly id: string;
  readonly keys: readonly string[];
  readonly description: string;
  readonly category: Category;
  readonly dangerous?: boolean;
  /** An action on the selected workload: bound only where its provider supports it. */
  readonly capability?: CapabilityId;
  /**
   * Its place in the footer, where it applies: rank 1 always shows; on a narrow
   * terminal rank 5 gives way first, then 4, and so on. `label` is its word there.
   */
  readonly footer?: { readonly rank: FooterRank; readonly label: string };
  /** An action on the selected host. */
  readonly host?: boolean;
}

const TABLE = [
  { id: 'move.down', keys: ['j', 'down'], description: 'Move down', category: 'Navigation' },
  { id: 'move.up', keys: ['k', 'up'], description: 'Move up', category: 'Navigation' },
  { id: 'move.top', keys: ['g', 'home'], description: 'Go to the top', category: 'Navigation' },
  { id: 'move.bottom', keys: ['G', 'end'], description: 'Go to the bottom', category: 'Navigation' },
  { id: 'page.down', keys: ['ctrl+f', 'pagedown'], description: 'Page down', category: 'Navigation' },
  { id: 'page.up', keys: ['ctrl+b', 'pageup'], description: 'Page up', category: 'Navigation' },
  { id: 'open', keys: ['enter'], description: 'Open details', category: 'Navigation', footer: { rank: 3, label: 'details' } },
  // lazygit's keys for its main panel (shift+j/k): the details scroll while j/k move in the list beside them.
  { id: 'detail.down', keys: ['J'], description: 'Scroll the details down', category: 'Navigation', footer: { rank: 4, label: 'scroll details' } },
  { id: 'detail.up', keys: ['K'], description: 'Scroll the details up', category: 'Navigation' },
  {
    id: 'back',
    keys: ['escape'],
    description: 'Back: close the details, clear the filter, or stop waiting for a command',
    category: 'Navigation',
    footer: { rank: 1, label: 'back' },
  },
  { id: 'pane.next', keys: ['tab'], description: 'Next pane', category: 'Panes' },
  { id: 'pane.previous', keys: ['shift+tab'], description: 'Previous pane', category: 'Panes' },
  { id: 'pane.hosts', keys: ['1'], description: 'Hosts pane', category: 'Panes' },
  { id: 'pane.vms', keys: ['2'], description: 'VMs pane', category: 'Panes' },
  { id: 'pane.containers', keys: ['3'], description: 'Containers pane', category: 'Panes' },
  { id: 'pane.cloud', keys: ['4'], description: 'Cloud pane', category: 'Panes' },
  { id: 'pane.events', keys: ['5'], description: 'Events pane', category: 'Panes' },
  { id: 'pane.kubernetes', keys: ['6'], description: 'Kubernetes pane (pods of every cluster)', category: 'Panes' },
  { id: 'pane.networks', keys: ['7'], description: 'Networks pane (the topology, load balancers)', category: 'Panes' },
  { id: 'pane.storage', keys: ['8'], description: 'Storage pane (datastores and the disks on them)', category: 'Panes' },
  {
    id: 'pane.capacity',
    keys: ['o'],
    description: 'Capacity outlook: each cluster’s demand, trend and time left (enter: its charts and a consolidation plan)',
    category: 'Panes',
    footer: { rank: 4, label: 'capacity' },
  },
  { id: 'filter', keys: ['/'], description: 'Filter: text, /regex/, !not, field:value', category: 'View', footer: { rank: 3, label: 'filter' } },
  {
    id: 'network.reach',
    keys: ['w'],
    description: 'Who the selected workload reaches: opens :reach NAME, in the Networks pane',
    category: 'View',
    footer: { rank: 2, label: 'reach from' },
  },
  { id: 'k8s.describe', keys: ['d'], description: 'Describe the Kubernetes object (kubectl describe), in the Kubernetes pane', category: 'View' },
  { id: 'k8s.yaml', keys: ['y'], description: 'The Kubernetes object as YAML (kubectl get -o yaml), in the Kubernetes pane', category: 'View' },
  {
    id: 'logs',
    keys: ['l'],
    description: "Logs: a VM's console, a container's output (/ filters, f follows); a pod's (kubectl logs) in the Kubernetes pane",
    category: 'View',
    footer: { rank: 4, label: 'logs' },
  },
  { id: 'sort.next', keys: ['>'], description: 'Sort by the next column', category: 'View', footer: { rank: 5, label: 'sort' } },
  { id: 'sort.previous', keys: ['<'], description: 'Sort by the previous column', category: 'View' },
  { id: 'sort.reverse', keys: ['!'], description: 'Reverse the sort', category: 'View' },
  // Shift+letter sorts by a column; pressed again, it reverses. Each pane says which of its columns answers.
  { id: 'sort.name', keys: ['N'], description: 'Sort by name', category: 'View' },
  { id: 'sort.state', keys: ['S'], description: 'Sort by state (power state, level)', category: 'View' },
  { id: 'sort.cpu', keys: ['C'], description: 'Sort by CPU use', category: 'View' },
  { id: 'sort.memory', keys: ['M'], description: 'Sort by memory use', category: 'View' },
  { id: 'sort.host', keys: ['H'], description: 'Sort by host (region in Cloud)', category: 'View' },
  { id: 'sort.age', keys: ['A'], description: 'Sort by uptime (time in Events)', category: 'View' },
  { id: 'sort.platform', keys: ['P'], description: 'Sort by provider, hypervisor, image or size', category: 'View' },
  { id: 'sort.group', keys: ['L'], description: 'Sort by cluster or resource group', category: 'View' },
  { id: 'sort.count', keys: ['V'], description: 'Sort by VMs (Hosts), restarts (Containers), cost (Cloud)', category: 'View' },
  { id: 'command', keys: [':'], description: 'Command prompt (app and native commands)', category: 'Application', footer: { rank: 3, label: 'command' } },
  { id: 'help', keys: ['?'], description: 'Help: every key', category: 'Application', footer: { rank: 1, label: 'help' } },
  { id: 'quit', keys: ['q', 'ctrl+c'], description: 'Quit', category: 'Application', footer: { rank: 1, label: 'quit' } },
  { id: 'clock.pause', keys: ['space'], description: 'Pause or resume the simulated clock', category: 'Simulation', footer: { rank: 5, label: 'pause' } },
  { id: 'clock.faster', keys: ['+', '='], description: 'Run the clock faster (1x, 10x, 60x, 600x)', category: 'Simulation' },
  { id: 'clock.slower', keys: ['-'], description: 'Run the clock slower', category: 'Simulation' },
  { id: 'action.start', keys: ['s'], description: 'Start', category: 'Actions', capability: 'start', footer: { rank: 2, label: 'start' } },
  {
    id: 'action.stop',
    keys: ['x'],
    description: 'Stop (shut down)',
    category: 'Actions',
    capability: 'stop',
    dangerous: true,
    footer: { rank: 2, label: 'stop' },
  },
  {
    id: 'action.force-stop',
    keys: ['ctrl+k'],
    description: 'Force stop (power off)',
    category: 'Actions',
    capability: 'force-stop',
    dangerous: true,
    footer: { rank: 4, label: 'force stop' },
  },
  {
    id: 'action.restart',
    keys: ['r'],
    description: 'Restart',
    category: 'Actions',
    capability: 'restart',
    dangerous: true,
    footer: { rank: 3, label: 'restart' },
  },
  { id: 'action.pause', keys: ['p'], description: 'Pause', category: 'Actions', capability: 'pause', footer: { rank: 4, label: 'pause' } },
  { id: 'action.resume', keys: ['u'], description: 'Resume (unpause)', category: 'Actions', capability: 'resume', footer: { rank: 2, label: 'resume' } },
  { id: 'action.suspend', keys: ['z'], description: 'Suspend to disk', category: 'Actions', capability: 'suspend', footer: { rank: 4, label: 'suspend' } },
  { id: 'action.snapshot', keys: ['t'], description: 'Take a snapshot', category: 'Actions', capability: 'snapshot', footer: { rank: 2, label: 'snapshot' } },
  {
    id: 'action.revert',
    keys: ['v'],
    description: 'Revert to a snapshot',
    category: 'Actions',
    capability: 'revert',
    dangerous: true,
    footer: { rank: 4, label: 'revert' },
  },
  {
    id: 'action.clone',
    keys: ['c'],
    description: 'Clone (full, or linked to a snapshot)',
    category: 'Actions',
    capability: 'clone',
    footer: { rank: 4, label: 'clone' },
  },
  {
    id: 'action.template',
    keys: ['T'],
    description: 'Mark as template, or convert a template back to a VM',
    category: 'Actions',
    capability: 'mark-template',
    footer: { rank: 5, label: 'template' },
  },
  {
    id: 'action.migrate',
    keys: ['m'],
    description: 'Migrate to another host',
    category: 'Actions',
    capability: 'live-migrate',
    footer: { rank: 2, label: 'migrate' },
  },
  {
    id: 'action.deallocate',
    keys: ['a'],
    description: 'Deallocate (stop paying for compute)',
    category: 'Actions',
    capability: 'deallocate',
    dangerous: true,
    footer: { rank: 2, label: 'deallocate' },
  },
  {
    id: 'action.delete',
    keys: ['ctrl+d'],
    description: 'Delete',
    category: 'Actions',
    capability: 'delete',
    dangerous: true,
    footer: { rank: 4, label: 'delete' },
  },
  { id: 'action.new', keys: ['n'], description: 'New workload', category: 'Actions', footer: { rank: 4, label: 'new' } },
  {
    id: 'workload.backup',
    keys: ['B'],
    description: 'Back up to the repository at its site (7 restore points kept)',
    category: 'Actions',
    footer: { rank: 5, label: 'back up' },
  },
  {
    id: 'host.maintenance',
    keys: ['e'],
    description: 'Enter or leave maintenance mode (its VMs move off first)',
    category: 'Actions',
    host: true,
    footer: { rank: 2, label: 'maintenance' },
  },
  {
    id: 'host.balance',
    keys: ['b'],
    description: "Balance the host's cluster (DRS recommendations to apply)",
    category: 'Actions',
    host: true,
    footer: { rank: 3, label: 'balance' },
  },
  {
    id: 'host.fail',
    keys: ['F'],
    description: 'Fail the host (a simulated failure)',
    category: 'Simulation',
    dangerous: true,
    host: true,
    footer: { rank: 4, label: 'fail' },
  },
  { id: 'host.recover', keys: ['R'], description: 'Repair a failed host', category: 'Simulation', host: true, footer: { rank: 2, label: 'repair' } },
] as const satisfies readonly CommandSpec[];

/** A command of the table: a misspelled id does not compile. */
export type CommandId = (typeof TABLE)[number]['id'];
/** The sorts that step through the columns or reverse, whatever the pane. */
const STEP_SORTS = ['sort.next', 'sort.previous', 'sort.reverse'] as const satisfies readonly CommandId[];
/** The commands that sort by a column (Shift+letter): a pane's column names one. */
export type ColumnSortId = Exclude<Extract<CommandId, `sort.${string}`>, (typeof STEP_SORTS)[number]>;

export function isColumnSort(id: CommandId): id is ColumnSortId {
  return id.startsWith('sort.') && !(STEP_SORTS as readonly string[]).includes(id);
}

export interface Command extends CommandSpec {
  readonly id: CommandId;
}

export const COMMANDS: readonly Command[] = TABLE;
const IDS: ReadonlySet<string> = new Set(COMMANDS.map((c) => c.id));

export function isCommandId(id: string): id is CommandId {
  return IDS.has(id);
}

/** Keys by command id, as a settings file gives them: the ids are checked here, once. */
export type KeyOverrides = Partial<Record<CommandId, readonly string[]>>;

/**
 * The settings' `keys`, typed: an id that names no command is left out with a
 * warning that says which id it may have meant (the rest of the settings stand).
 */
/** Command ids renamed, by their old names: l became every workload's logs, not only a pod's (2026-12). */
const RENAMED: Readonly<Record<string, string>> = { 'k8s.logs': 'logs' };

export function checkKeyOverrides(raw: Readonly<Record<string, readonly string[]>>): { overrides: KeyOverrides; warnings: string[] } {
  const overrides: Record<string, readonly string[]> = {};
  const warnings: string[] = [];
  for (const [given, keys] of Object.entries(raw)) {
    // Ids renamed since a settings file may have been written: still read under their old names.
    const id = Object.hasOwn(RENAMED, given) ? RENAMED[given] : given;
    if (isCommandId(id)) overrides[id] = keys;
    else {
      const near = nearest(id);
      warnings.push(
        `settings: keys.${id}: no command ${id} to bind keys to${near ? ` (did you mean ${near}?)` : ''}; the ids are listed by ? in the app and in src/ui/keymap.ts`,
      );
    }
  }
  return { overrides, warnings };
}

/** The command id closest to a misspelled one (within 2 edits), if any. */
function nearest(id: string): CommandId | undefined {
  let best: CommandId | undefined;
  let bestDistance = 3;
  for (const c of COMMANDS) {
    const d = distance(id.toLowerCase(), c.id);
    if (d < bestDistance) [best, bestDistance] = [c.id, d];
  }
  return best;
}

/** Levenshtein distance: the edits that turn a into b. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

// --- keys inside what is open over the pane -----------------------------------

/** What takes keys before the keymap's commands: an overlay, or the filter being typed. */
export type Context = Overlay['type'] | 'filter';

/**
 * A key inside a context. With `keys` it is the context's own (a dialog's y, a
 * form's Tab); without, the keymap command of the same id lends its keys,
 * remapped with it (j/k scroll help as they move the list). `hint` is its word
 * in the footer while the context is open; `pair` shows another binding's key
 * beside its own in that hint ("←/→ choose").
 */
type ContextBindingSpec =
  | { readonly id: string; readonly keys: readonly string[]; readonly hint?: string; readonly pair?: string }
  | { readonly id: CommandId; readonly keys?: undefined; readonly hint?: string; readonly pair?: string };

const SCROLL = [
  { id: 'move.down', hint: 'scroll', pair: 'move.up' },
  { id: 'move.up' },
  { id: 'page.down' },
  { id: 'page.up' },
  { id: 'move.top' },
  { id: 'move.bottom' },
] as const;

/**
 * Each context's keys, in the order of their footer hints: the overlay's
 * handler (input/overlay.ts, input/filter-edit.ts) dispatches by these ids, and
 * the footer shows these hints, so the two cannot differ.
 */
const CONTEXT_TABLE = {
  help: [...SCROLL, { id: 'close', keys: ['escape', 'q', '?', 'enter'], hint: 'close' }],
  output: [...SCROLL, { id: 'close', keys: ['escape', 'q', 'enter'], hint: 'close' }],
  logs: [...SCROLL, { id: 'filter', hint: 'filter' }, { id: 'follow', keys: ['f'], hint: 'follow' }, { id: 'close', keys: ['escape', 'q'], hint: 'close' }],
  prompt: [
    { id: 'run', keys: ['enter'], hint: 'run' },
    { id: 'complete', keys: ['tab'], hint: 'complete' },
    { id: 'history.back', keys: ['up'], hint: 'history', pair: 'history.forward' },
    { id: 'history.forward', keys: ['down'] },
    { id: 'cancel', keys: ['escape'], hint: 'cancel' },
  ],
  // Two buttons, Cancel and Yes: each of these keys moves to the other one.
  confirm: [
    { id: 'choose.left', keys: ['left', 'shift+tab', 'h'], hint: 'choose', pair: 'choose.right' },
    { id: 'choose.right', keys: ['right', 'tab', 'l'] },
    { id: 'accept', keys: ['enter'], hint: 'confirm' },
    { id: 'yes', keys: ['y'], hint: 'yes' },
    { id: 'cancel', keys: ['escape', 'n'], hint: 'cancel' },
  ],
  pick: [
    { id: 'move.down', hint: 'move', pair: 'move.up' },
    { id: 'move.up' },
    { id: 'page.down' },
    { id: 'page.up' },
    { id: 'move.top' },
    { id: 'move.bottom' },
    { id: 'choose', keys: ['enter'], hint: 'choose' },
    { id: 'cancel', keys: ['escape', 'q'], hint: 'cancel' },
  ],
  form: [
    { id: 'field.next', keys: ['tab', 'down'], hint: 'next field' },
    { id: 'field.previous', keys: ['shift+tab', 'up'] },
    { id: 'choice.previous', keys: ['left'], hint: 'choice', pair: 'choice.next' },
    { id: 'choice.next', keys: ['right'] },
    { id: 'submit', keys: ['enter'], hint: 'create' },
    { id: 'cancel', keys: ['escape'], hint: 'cancel' },
  ],
  // The list's keys that type no text move in the list while the filter is typed (arrows, not j/k).
  filter: [
    { id: 'keep', keys: ['enter'], hint: 'keep filter' },
    { id: 'undo', keys: ['escape'], hint: 'undo' },
    { id: 'move.up', hint: 'move', pair: 'move.down' },
    { id: 'move.down' },
    { id: 'stay', keys: ['tab', 'shift+tab'] },
  ],
} as const satisfies Record<Context, readonly ContextBindingSpec[]>;

/** A key's meaning in a context: a misspelled one does not compile. */
export type ContextCommandId<C extends Context> = (typeof CONTEXT_TABLE)[C][number]['id'];

/** Contexts where keys type text: a lent command answers only its keys that type none (arrows, not j/k). */
const TYPING: ReadonlySet<Context> = new Set<Context>(['prompt', 'form', 'filter']);
const typesText = (key: string) => [...key].length === 1 || key === 'space';

/** A footer hint: the keys it shows and its word. */
export interface ContextHint {
  readonly key: string;
  readonly label: string;
}

/** The keys of every command, with the user's overrides applied. */
export class Keymap {
  private readonly byKey = new Map<string, Command>();
  readonly commands: readonly Command[];
  readonly warnings: readonly string[];

  /** `settings`: the settings file's keys by command id (checked here: see checkKeyOverrides). */
  constructor(settings: Readonly<Record<string, readonly string[]>> = {}) {
    const { overrides, warnings } = checkKeyOverrides(settings);
    this.commands = COMMANDS.map((c) => {
      const keys = overrides[c.id];
      return keys ? { ...c, keys: [...keys] } : c;
    });
    for (const c of this.commands) {
      for (const k of c.keys) {
        const taken = this.byKey.get(k);
        if (taken) warnings.push(`key ${k} is bound to both ${taken.id} and ${c.id}; ${taken.id} keeps it`);
        else this.byKey.set(k, c);
      }
    }
    // Ctrl-C always quits, whatever the settings say.
    const quit = this.commands.find((c) => c.id === 'quit')!;
    this.byKey.set('ctrl+c', quit);
    this.warnings = warnings;
  }

  command(key: string): Command | undefined {
    return this.byKey.get(key);
  }

  /** What a key means in a context: its own keys first, then the keys the keymap's commands lend it. */
  inContext<C extends Context>(context: C, key: string): ContextCommandId<C> | undefined {
    const bindings: readonly ContextBindingSpec[] = CONTEXT_TABLE[context];
    const own = bindings.find((b) => b.keys?.includes(key));
    if (own) return own.id as ContextCommandId<C>;
    if (TYPING.has(context) && typesText(key)) return undefined;
    const lent = this.byKey.get(key)?.id;
    return bindings.some((b) => !b.keys && b.id === lent) ? (lent as ContextCommandId<C>) : undefined;
  }

  /** A context's footer hints, from the same bindings that dispatch its keys. */
  contextHints(context: Context): ContextHint[] {
    const bindings: readonly ContextBindingSpec[] = CONTEXT_TABLE[context];
    const shown = (id: string) => {
      const b = bindings.find((x) => x.id === id)!;
      const keys = b.keys ?? this.byId(b.id as CommandId).keys;
      const key = TYPING.has(context) && !b.keys ? keys.find((k) => !typesText(k)) : keys[0];
      return key === undefined ? '?' : keyLabel(key);
    };
    return bindings.flatMap((b) => (b.hint ? [{ key: b.pair ? `${shown(b.id)}/${shown(b.pair)}` : shown(b.id), label: b.hint }] : []));
  }

  byId(id: CommandId): Command {
    return this.commands.find((c) => c.id === id)!;
  }

  /** The first key of a command, for hints (none when the settings took them all away). */
  keyOf(id: CommandId): string | undefined {
    return this.byId(id).keys[0];
  }
}
