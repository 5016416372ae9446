// "How many more VMs of this size fit?", answered by the allocation core itself:
// the placer places one, the ledger claims it (HA admission control counting it
// as powered on), and again, until the placer refuses; then every claim is
// released, which restores the ledger's integers exactly. Nothing is logged and
// no workload is made, so the estate is as it was. The answer counts what
// dividing totals would miss: the room left on each host by itself, the
// overcommit ratios, the hosts that are down, and the HA reserve.
import { fail, ok, type Result } from './result.js';
import type { Core } from './state.js';
import type { Amounts } from './units.js';

export interface FitRequest {
  readonly cluster: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB?: number;
  /** Stop counting here: a large cluster of small VMs could take a great many. */
  readonly limit?: number;
}

export interface FitAnswer {
  readonly count: number;
  /** Whether counting stopped at the limit rather than at a refusal. */
  readonly atLimit: boolean;
  /** How many went to each host, by id. */
  readonly perHost: Readonly<Record<string, number>>;
  /** The placer's words for the one that did not fit ("0/4 hosts are available: ..."). */
  readonly stoppedBy?: string;
}

export const DEFAULT_FIT_LIMIT = 10_000;

export function fitMore(core: Core, request: FitRequest): Result<FitAnswer> {
  const c = core.topology.cluster(request.cluster);
  if (!c) return fail('not-found', `no cluster named ${request.cluster}`);
  if (!(request.cpuMilli > 0 && request.memoryMiB > 0)) return fail('invalid-input', 'a VM size needs some CPU and some memory');
  const amounts: Amounts = [request.cpuMilli, request.memoryMiB, request.diskMiB ?? 0];
  const limit = request.limit ?? DEFAULT_FIT_LIMIT;
  const claims: { id: number; host: number }[] = [];
  const perHost: Record<string, number> = {};
  let stoppedBy: string | undefined;
  try {
    while (claims.length < limit) {
      const outcome = core.placer.place({
        platform: c.platform,
        amounts,
        policy: 'first-fit',
        tieBreak: 'id',
        cluster: c.id,
        powerOn: true,
        label: 'the next VM',
      });
      if (!outcome.ok) {
        stoppedBy = outcome.message;
        break;
      }
      const id = core.ledger.claim(outcome.host, amounts);
      if (id < 0) {
        stoppedBy = 'the ledger refused a claim the placer offered'; // they agree on fit; this is only a guard
        break;
      }
      core.ha.track(c.index, amounts, 1);
      claims.push({ id, host: outcome.host });
      const hostId = core.hosts.records[outcome.host].id;
      perHost[hostId] = (perHost[hostId] ?? 0) + 1;
    }
  } finally {
    for (const { id } of claims.reverse()) {
      core.ledger.release(id);
      core.ha.track(c.index, amounts, -1);
    }
  }
  return ok({ count: claims.length, atLimit: stoppedBy === undefined, perHost, ...(stoppedBy ? { stoppedBy } : {}) });
}
