// Hosts behind on patches: each ESXi, Hyper-V and Docker host whose build is not
// the newest its vendor had released by the simulation's day (host-builds.ts).
// vSphere's hardening guide asks for it first (vSphere 8 Security Configuration
// Guide esxi-8.updates, P0: "ESXi host has all software updates installed.").
// The fix is the usual remediation: maintenance mode (its VMs move off), the
// update, out of maintenance mode.
import type { Check } from '../../access/posture.js';
import { simDate } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { Providers } from '../registry.js';
import { latestBy, type Release, release } from './host-builds.js';

/** A release as a finding names it: its name, and its build where the name does not hold it. */
const named = (r: Release) => (r.name.includes(r.build) ? r.name : `${r.name} (${r.build})`);

export function systemUpdateChecks(p: Providers): Check[] {
  const day = simDate(p.sim.now).slice(0, 10);
  const out: Check[] = [];
  for (const h of p.sim.hostViews()) {
    if (h.platform !== 'vmware' && h.platform !== 'hyperv' && h.platform !== 'docker') continue;
    const build = p.buildOf(h.id);
    const newest = latestBy(h.platform, day);
    if (build === undefined || newest === undefined) continue;
    if (build === newest.build) {
      out.push({ control: 'system-updates', resource: h.id, healthy: true });
      continue;
    }
    const mine = release(h.platform, build);
    const [enter, exit] =
      h.platform === 'vmware'
        ? [`govc host.maintenance.enter ${h.id}`, `govc host.maintenance.exit ${h.id}`]
        : h.platform === 'hyperv'
          ? [`Suspend-ClusterNode -Name ${h.id} -Drain`, `Resume-ClusterNode -Name ${h.id}`]
          : [undefined, undefined];
    out.push({
      control: 'system-updates',
      resource: h.id,
      healthy: false,
      finding: `runs ${mine ? `${named(mine)}, of ${mine.released}` : build}; ${named(newest)} is out since ${newest.released}`,
      fix: [...(enter ? [enter] : []), `patch ${h.id}`, ...(exit ? [exit] : [])],
    });
  }
  return out;
}

/**
 * `patch HOST`: brings a host to the newest release out by the simulation's day. An ESXi or Hyper-V host must be
 * in maintenance mode first (the update reboots it); a Docker host's engine is upgraded in place.
 */
export function patchCommand(p: Providers, words: readonly string[]): ExecResult {
  const [, id, extra] = words;
  if (id === undefined || extra !== undefined)
    return failure('usage: patch HOST   (the newest update out for it; an ESXi or Hyper-V host in maintenance mode)', 2);
  const h = p.sim.host(id);
  if (!h) return failure(`patch: no host ${id}`);
  const newest = latestBy(h.platform, simDate(p.sim.now).slice(0, 10));
  const build = p.buildOf(id);
  if (!newest || build === undefined) return failure(`patch: ${id} runs ${h.platform}, whose updates this simulation has no catalogue of`);
  if (build === newest.build) return output(`${id}: ${newest.name} (${newest.build}) already: nothing to do\n`);
  if ((h.platform === 'vmware' || h.platform === 'hyperv') && h.state !== 'maintenance')
    return failure(`patch: ${id} is ${h.state}: an update reboots it, so it goes into maintenance mode first (its VMs move off)`);
  if (h.state === 'failed') return failure(`patch: ${id} has failed: repair it first`);
  // Maintenance mode is entered once every VM is off the host: one still moving off holds it.
  const still =
    h.platform === 'docker'
      ? []
      : p.sim.workloadViews().filter((w) => w.host === id && w.state !== 'deleted' && w.state !== 'stopped' && w.state !== 'deallocated');
  if (still.length > 0) return failure(`patch: ${id} still runs ${still.map((w) => w.name).join(', ')}: wait until they have moved off`);
  const from = release(h.platform, build);
  p.builds.set(id, newest.build);
  return output(`${id}: ${from ? named(from) : build} -> ${named(newest)}\n`, true);
}
