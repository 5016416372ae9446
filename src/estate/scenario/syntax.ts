// Scenario commands (a tape's `Sim` lines, the prompt's `:sim`): events that have
// no native command (a host failing, load rising, time jumping). The words are
// checked when they are read; whether the host or workload exists, when they run.
import { MAX_ADVANCE_MS, parseDurationMs } from '../../core/duration.js';
import { table } from '../../core/own.js';

export interface SimVerb {
  readonly usage: string;
  readonly help: string;
  /** What is wrong with these words (after the verb), or undefined. */
  check(args: readonly string[]): string | undefined;
}

const exactly = (n: number, usage: string) => (args: readonly string[]) => (args.length === n ? undefined : `expected: Sim ${usage}`);

export const SIM_VERBS: Readonly<Record<string, SimVerb>> = table<SimVerb>({
  fail: {
    usage: 'fail host|site ID',
    help: 'the host (or every host of the site) goes down at once, with everything on it',
    check: (a) => (a.length === 2 && (a[0] === 'host' || a[0] === 'site') ? undefined : 'expected: Sim fail host ID, or Sim fail site ID'),
  },
  failover: {
    usage: 'failover site ID',
    help: "every replica of the site's VMs comes up at the other site, from its last recovery point",
    check: (a) => (a.length === 2 && a[0] === 'site' ? undefined : 'expected: Sim failover site ID'),
  },
  recover: {
    usage: 'recover host ID',
    help: 'a failed host comes back; restart policies bring its workloads back',
    check: (a) => (a.length === 2 && a[0] === 'host' ? undefined : 'expected: Sim recover host ID'),
  },
  'enter-maintenance': {
    usage: 'enter-maintenance host ID',
    help: "the host's running VMs migrate off it; nothing new is placed on it",
    check: (a) => (a.length === 2 && a[0] === 'host' ? undefined : 'expected: Sim enter-maintenance host ID'),
  },
  'exit-maintenance': {
    usage: 'exit-maintenance host ID',
    help: 'the host takes workloads again',
    check: (a) => (a.length === 2 && a[0] === 'host' ? undefined : 'expected: Sim exit-maintenance host ID'),
  },
  load: {
    usage: 'load WORKLOAD CPU% [MEMORY%]',
    help: 'sets how busy a workload is: the share of its vCPUs it uses, and of its memory it actively uses if given',
    check: (a) => {
      if (a.length !== 2 && a.length !== 3) return 'expected: Sim load WORKLOAD CPU% [MEMORY%]';
      const pct = (t: string) => {
        const m = /^(\d+(?:\.\d+)?)%?$/.exec(t);
        return m && Number(m[1]) <= 100 ? Number(m[1]) : undefined;
      };
      if (pct(a[1]) === undefined) return `load must be a percentage from 0 to 100, got ${a[1]}`;
      if (a.length === 3 && !(pct(a[2])! > 0)) return `memory must be a percentage above 0 and up to 100, got ${a[2]}`;
      return undefined;
    },
  },
  advance: {
    usage: 'advance DURATION',
    help: 'moves the simulated clock on at once, with no time passing in the recording',
    check: (a) => {
      const ms = a.length === 1 ? parseDurationMs(a[0]) : undefined;
      if (ms === undefined) return 'expected: Sim advance DURATION (like 30s, 5m, 2h)';
      return ms > MAX_ADVANCE_MS ? `Sim advance moves the clock a year at most (${MAX_ADVANCE_MS / 3_600_000}h), got ${a[0]}` : undefined;
    },
  },
  run: {
    usage: 'run "NATIVE COMMAND"',
    help: 'runs a native command (virsh, docker, az, govc, Get-VM ...) without typing it; a failure stops the tape',
    check: exactly(1, 'run "NATIVE COMMAND"'),
  },
});

export function checkSim(words: readonly string[]): string | undefined {
  if (words.length === 0) return `Sim needs a verb: ${Object.keys(SIM_VERBS).join(', ')}`;
  const verb = SIM_VERBS[words[0]];
  if (!verb)
    return `unknown Sim verb "${words[0]}" (verbs: ${Object.entries(SIM_VERBS)
      .map(([, v]) => v.usage)
      .join('; ')})`;
  return verb.check(words.slice(1));
}

/** The words of a Sim line: split on spaces, "double" or 'single' quotes keep spaces. */
export function splitWords(text: string): string[] | { error: string } {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return { error: `unterminated ${c === '"' ? 'double' : 'single'} quote` };
      out.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}
