// Users with more rights than they use: each right a user holds in their own
// name that lets them change something (a vSphere role with more than the
// System privileges, an Azure role with more than reads, a host's local group),
// which no change of theirs in the audit trail was made under in the last 90
// days, as Defender for Cloud judges "Permissions of inactive identities ...
// should be revoked" (release notes, 2026-02-02: "The inactivity lookback window
// is extended to 90 days"; "Identities created within the past 90 days aren't
// evaluated as inactive"). Least privilege takes it away; the user's groups'
// rights are the groups' (reviewed with them). The estate's own administrator,
// the account that sets everything up, is not judged by its use.
import { azureRole } from '../../access/azure-roles.js';
import { ADMINISTRATOR } from '../../access/directory.js';
import type { Check } from '../../access/posture.js';
import { quoteWord } from '../cli/quote.js';
import type { Providers } from '../registry.js';

/** How long the audit trail covers, said as the finding says it ("2h 10m"). */
function span(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return [d ? `${d}d` : '', h ? `${h}h` : '', m % 60 || (!d && !h) ? `${m % 60}m` : ''].filter(Boolean).join(' ');
}

/** Defender for Cloud's inactivity window (see above). */
export const INACTIVE_MS = 90 * 86_400_000;

export function unusedRightChecks(p: Providers): Check[] {
  const access = p.access;
  const from = p.sim.now - INACTIVE_MS;
  const trail = access.audit.entries.filter((e) => e.at >= from);
  const window = `in the last ${span(INACTIVE_MS)}`;
  // When each user was made (their `user add` in the trail; a user the estate came with, at its start).
  const made = new Map<string, number>();
  for (const e of access.audit.entries) {
    const m = /^user add (\S+)/.exec(e.command);
    // The last time: a user deleted and made again starts afresh.
    if (m && e.changed) made.set(m[1], e.at);
  }
  /** Whether a change of the user's was let through by what `grants` matches (an entry's `as`, one grant a part). */
  const used = (user: string, grants: (as: string) => boolean) =>
    trail.some((e) => e.user === user && e.changed && e.result === 'succeeded' && e.as.split('; ').some(grants));
  const out: Check[] = [];
  const judge = (user: string, right: string, grants: (as: string) => boolean, fix: string) => {
    if (user === ADMINISTRATOR || (made.get(user) ?? 0) > from) return;
    out.push(
      used(user, grants)
        ? { control: 'access', resource: `${user}: ${right}`, healthy: true }
        : {
            control: 'access',
            resource: `${user}: ${right}`,
            healthy: false,
            finding: `${user} holds ${right} and used it for no change ${window}`,
            fix: [fix],
          },
    );
  };
  for (const perm of access.vspherePermissions) {
    const role = access.vsphereRole(perm.role);
    const changes = role && (role.privileges === 'all' || role.privileges.some((x) => !x.startsWith('System.')));
    if (!perm.group && changes)
      judge(
        perm.principal,
        `vSphere ${perm.role} on ${perm.entity}`,
        (as) => as === `${perm.role} on ${perm.entity}`,
        `govc permissions.remove -principal ${quoteWord(perm.principal)} ${quoteWord(perm.entity)}`,
      );
  }
  for (const a of access.azureAssignments) {
    const role = azureRole(a.role);
    const changes = role?.actions.some((x) => !/\/read$/i.test(x));
    if (a.principalType === 'User' && changes)
      judge(
        a.principal,
        `Azure ${a.role} at ${a.scope}`,
        (as) => as === `${a.role} at ${a.scope}`,
        `az role assignment delete --assignee ${quoteWord(a.principal)} --role ${quoteWord(a.role)} --scope ${quoteWord(a.scope)}`,
      );
  }
  for (const g of access.localGroups)
    for (const m of g.members)
      if (access.users.has(m))
        judge(
          m,
          `${g.group} on ${g.host === '*' ? 'every host' : g.host}`,
          (as) => as === `${g.group} on ${g.host}` || (g.host === '*' && as.startsWith(`${g.group} on `)),
          `localgroup remove ${quoteWord(g.host)} ${quoteWord(g.group)} ${quoteWord(m)}`,
        );
  return out;
}
