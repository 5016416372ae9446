// Every key binding, in one table: the input handler, the footer's hints and the
// help overlay all read it. A command has an id, default keys, a description, one
// category, and says if it is dangerous (read-only mode leaves those out).
// Users remap keys by command id in their settings.
import type { CapabilityId } from '../providers/capabilities.js';

export const CATEGORIES = ['Navigation', 'Panes', 'View', 'Actions', 'Simulation', 'Application'] as const;
export type Category = (typeof CATEGORIES)[number];

/** 1: how to get help and out; 2: the selected object's main actions; 3: moving about; 4: other actions; 5: the rest. */
export type FooterRank = 1 | 2 | 3 | 4 | 5;

export interface Command {
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

export const COMMANDS: readonly Command[] = [
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
  { id: 'back', keys: ['escape'], description: 'Back: close the details, clear the filter, or stop waiting for a command', category: 'Navigation', footer: { rank: 1, label: 'back' } },
  { id: 'pane.next', keys: ['tab'], description: 'Next pane', category: 'Panes' },
  { id: 'pane.previous', keys: ['shift+tab'], description: 'Previous pane', category: 'Panes' },
  { id: 'pane.hosts', keys: ['1'], description: 'Hosts pane', category: 'Panes' },
  { id: 'pane.vms', keys: ['2'], description: 'VMs pane', category: 'Panes' },
  { id: 'pane.containers', keys: ['3'], description: 'Containers pane', category: 'Panes' },
  { id: 'pane.cloud', keys: ['4'], description: 'Cloud pane', category: 'Panes' },
  { id: 'pane.events', keys: ['5'], description: 'Events pane', category: 'Panes' },
  { id: 'filter', keys: ['/'], description: 'Filter: text, /regex/, !not, field:value', category: 'View', footer: { rank: 3, label: 'filter' } },
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
  { id: 'action.stop', keys: ['x'], description: 'Stop (shut down)', category: 'Actions', capability: 'stop', dangerous: true, footer: { rank: 2, label: 'stop' } },
  { id: 'action.force-stop', keys: ['ctrl+k'], description: 'Force stop (power off)', category: 'Actions', capability: 'force-stop', dangerous: true, footer: { rank: 4, label: 'force stop' } },
  { id: 'action.restart', keys: ['r'], description: 'Restart', category: 'Actions', capability: 'restart', dangerous: true, footer: { rank: 3, label: 'restart' } },
  { id: 'action.pause', keys: ['p'], description: 'Pause', category: 'Actions', capability: 'pause', footer: { rank: 4, label: 'pause' } },
  { id: 'action.resume', keys: ['u'], description: 'Resume (unpause)', category: 'Actions', capability: 'resume', footer: { rank: 2, label: 'resume' } },
  { id: 'action.suspend', keys: ['z'], description: 'Suspend to disk', category: 'Actions', capability: 'suspend', footer: { rank: 4, label: 'suspend' } },
  { id: 'action.snapshot', keys: ['t'], description: 'Take a snapshot', category: 'Actions', capability: 'snapshot', footer: { rank: 2, label: 'snapshot' } },
  { id: 'action.revert', keys: ['v'], description: 'Revert to a snapshot', category: 'Actions', capability: 'revert', dangerous: true, footer: { rank: 4, label: 'revert' } },
  { id: 'action.clone', keys: ['c'], description: 'Clone (full, or linked to a snapshot)', category: 'Actions', capability: 'clone', footer: { rank: 4, label: 'clone' } },
  { id: 'action.template', keys: ['T'], description: 'Mark as template, or convert a template back to a VM', category: 'Actions', capability: 'mark-template', footer: { rank: 5, label: 'template' } },
  { id: 'action.migrate', keys: ['m'], description: 'Migrate to another host', category: 'Actions', capability: 'live-migrate', footer: { rank: 2, label: 'migrate' } },
  { id: 'action.deallocate', keys: ['a'], description: 'Deallocate (stop paying for compute)', category: 'Actions', capability: 'deallocate', dangerous: true, footer: { rank: 2, label: 'deallocate' } },
  { id: 'action.delete', keys: ['ctrl+d'], description: 'Delete', category: 'Actions', capability: 'delete', dangerous: true, footer: { rank: 4, label: 'delete' } },
  { id: 'action.new', keys: ['n'], description: 'New workload', category: 'Actions', footer: { rank: 4, label: 'new' } },
  { id: 'workload.backup', keys: ['B'], description: 'Back up to the repository at its site (7 restore points kept)', category: 'Actions', footer: { rank: 5, label: 'back up' } },
  { id: 'host.maintenance', keys: ['e'], description: 'Enter or leave maintenance mode (its VMs move off first)', category: 'Actions', host: true, footer: { rank: 2, label: 'maintenance' } },
  { id: 'host.balance', keys: ['b'], description: "Balance the host's cluster (DRS recommendations to apply)", category: 'Actions', host: true, footer: { rank: 3, label: 'balance' } },
  { id: 'host.fail', keys: ['F'], description: 'Fail the host (a simulated failure)', category: 'Simulation', dangerous: true, host: true, footer: { rank: 4, label: 'fail' } },
  { id: 'host.recover', keys: ['R'], description: 'Repair a failed host', category: 'Simulation', host: true, footer: { rank: 2, label: 'repair' } },
];

export type CommandId = string;

/** The keys of every command, with the user's overrides applied. */
export class Keymap {
  private readonly byKey = new Map<string, Command>();
  readonly commands: readonly Command[];
  readonly warnings: readonly string[];

  constructor(overrides: Readonly<Record<string, readonly string[]>> = {}) {
    const warnings: string[] = [];
    const known = new Set(COMMANDS.map((c) => c.id));
    for (const id of Object.keys(overrides)) if (!known.has(id)) warnings.push(`settings: no command ${id} to bind keys to (commands: see ? in the app)`);
    this.commands = COMMANDS.map((c) => (overrides[c.id] ? { ...c, keys: [...overrides[c.id]] } : c));
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

  byId(id: string): Command | undefined {
    return this.commands.find((c) => c.id === id);
  }

  /** The first key of a command, for hints. */
  keyOf(id: string): string | undefined {
    return this.byId(id)?.keys[0];
  }
}
