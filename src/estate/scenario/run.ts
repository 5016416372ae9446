// Running scenario commands (a tape's `Sim` lines, the prompt's `:sim`). The words were checked when
// the tape was read; here the host or workload must exist, and a native command
// run for the scenario must succeed, and returns when the real one would.

import { advanceProblem } from '../../core/advance-limits.js';
import { parseDurationMs } from '../../core/duration.js';
import { returned } from '../../providers/blocking.js';
import type { Estate } from '../estate.js';

/**
 * Runs one Sim line; returns why it could not, or undefined. A scenario event (a failure, a repair, a
 * failover) changes the estate as no platform command does: only the estate's administrators may set one
 * off, and each is written to the audit trail (`judged`: the caller has asked the policy point and writes
 * the trail itself). `run` goes through the policy point as the line it runs; `advance` only moves the clock.
 */
export function runSim(estate: Estate, words: readonly string[], judged = false): string | undefined {
  if (judged || words[0] === 'run' || words[0] === 'advance') return simEvent(estate, words);
  const p = estate.providers;
  const what = `run :sim ${words.join(' ')}`;
  const d = p.access.check({ kind: 'hyperpane', what }, true);
  if (!d.allowed) {
    p.audit(`:sim ${words.join(' ')}`, words[words.length - 1] ?? '', d.as, 'denied', d.because[0] ?? '', false);
    return `permission denied: ${p.access.actor}: ${d.because[0] ?? 'not allowed'}`;
  }
  const problem = simEvent(estate, words);
  p.audit(`:sim ${words.join(' ')}`, words[words.length - 1] ?? '', d.as, problem ? 'failed' : 'succeeded', problem ?? '', !problem);
  return problem;
}

function simEvent(estate: Estate, words: readonly string[]): string | undefined {
  const sim = estate.sim;
  const [verb, ...args] = words;
  switch (verb) {
    case 'fail': {
      const r = args[0] === 'site' ? sim.failSite(args[1]) : sim.setHostState(args[1], 'failed', 'a simulated failure');
      return r.ok ? undefined : r.error.message;
    }
    case 'failover': {
      const r = sim.failoverSite(args[1]);
      if (!r.ok) return r.error.message;
      return r.value.refused.length ? `could not fail over: ${r.value.refused.join('; ')}` : undefined;
    }
    case 'recover': {
      if (sim.host(args[1])?.state !== 'failed') return sim.host(args[1]) ? `${args[1]} has not failed` : `no host named ${args[1]}`;
      const r = sim.setHostState(args[1], 'connected', 'repaired');
      return r.ok ? undefined : r.error.message;
    }
    case 'enter-maintenance': {
      const r = sim.enterMaintenance(args[1]);
      return r.ok ? undefined : r.error.message;
    }
    case 'exit-maintenance': {
      const r = sim.exitMaintenance(args[1]);
      return r.ok ? undefined : r.error.message;
    }
    case 'load': {
      const r = sim.setLoad(args[0], Number(args[1].replace('%', '')) / 100, args[2] === undefined ? undefined : Number(args[2].replace('%', '')) / 100);
      return r.ok ? undefined : r.error.message;
    }
    case 'advance': {
      const ms = parseDurationMs(args[0])!;
      const problem = advanceProblem(sim, ms);
      if (problem) return problem;
      sim.advance(ms);
      return undefined;
    }
    case 'run': {
      const r = returned(sim, estate.providers.exec(args[0]));
      if (r.exitCode === 0) return undefined;
      return `${args[0]}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
    }
    default:
      return `unknown Sim verb ${verb}`;
  }
}
