// The native command a picker's choice stands for, shown under the list and made
// again as the cursor moves: the migration to the host under the cursor, the
// revert to the snapshot under it, a balancing move.

import type { CapabilityId } from '../../providers/capabilities.js';
import { quoteWord } from '../../providers/cli/tokenize.js';
import type { PerformArgs } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import type { Overlay } from '../state.js';
import { storageFor } from './migrate-options.js';

type Pick = Extract<Overlay, { type: 'pick' }>;

/** One key migrates: live where the platform can move it as it is now, cold otherwise. */
export function migrateCapability(ctl: Controller, workload: string): CapabilityId {
  const v = ctl.estate.sim.workload(workload);
  const live =
    v !== undefined &&
    ctl.estate.providers
      .get(v.platform)
      .capabilities(v.id)
      .some((c) => c.id === 'live-migrate');
  return live ? 'live-migrate' : 'migrate';
}

/**
 * A migration's arguments: a VM whose disk is on its host's own storage takes it along (copied first); one whose
 * datastore the target does not mount takes its disks to one it does (vMotion with storage, migrate-options.ts).
 */
export function migrateArgs(ctl: Controller, workload: string, targetHost: string): PerformArgs {
  const sim = ctl.estate.sim;
  const v = sim.workload(workload);
  const disk = sim.diskOn(workload);
  const own = v !== undefined && v.kind === 'vm' && v.diskMiB > 0 && disk === undefined;
  if (own) return { targetHost, copyStorage: true };
  const cluster = sim.host(targetHost)?.cluster;
  const mounted = disk === undefined || sim.datastoreViews().some((d) => d.id === disk.datastore && cluster !== undefined && d.clusters.includes(cluster));
  const to = mounted ? undefined : storageFor(sim, workload, targetHost);
  return to === undefined ? { targetHost } : { targetHost, targetDatastore: to };
}

function command(ctl: Controller, workload: string, capability: CapabilityId, args: PerformArgs): string | undefined {
  const v = ctl.estate.sim.workload(workload);
  return v ? ctl.estate.providers.get(v.platform).nativeCommand(v.id, capability, args) : undefined;
}

export function pickCommand(ctl: Controller, o: Pick): string | undefined {
  const choice = o.options[o.cursor];
  if (!choice) return undefined;
  if (o.purpose === 'balance') {
    const moves = choice.id === 'all' ? o.moves : o.moves.filter((m) => m.workload === choice.id);
    const first = moves[0];
    if (!first) return undefined;
    const one = command(ctl, first.workload, migrateCapability(ctl, first.workload), migrateArgs(ctl, first.workload, first.to));
    return one && moves.length > 1 ? `${one} (and ${moves.length - 1} more like it, one per move)` : one;
  }
  if (o.purpose === 'migrate')
    return choice.ok ? command(ctl, o.workload, migrateCapability(ctl, o.workload), migrateArgs(ctl, o.workload, choice.id)) : undefined;
  return command(ctl, o.workload, 'revert', { snapshot: quoteWord(choice.id) });
}
