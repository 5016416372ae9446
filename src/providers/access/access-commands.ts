// hyperpane's own access commands, answered by the registry like any native
// line (so the prompt, exec, tapes and scenarios all have them):
//   user list | user add NAME [--groups G,...] | user set NAME --groups G,... | user del NAME
//   localgroup list [HOST] | localgroup add HOST|* GROUP MEMBER | localgroup remove HOST|* GROUP MEMBER
//   access USER ACTION OBJECT   (or access USER -- NATIVE LINE): allowed or denied, and why
//   audit [--jsonl] [N]          the audit trail, newest last
// A user's platform rights are given in each platform's own words (govc
// permissions.set, az role assignment create); these only make the users and
// the hosts' local groups those commands refer to.
import { auditJsonLine } from '../../access/audit.js';
import { ADMINISTRATOR, ADMINISTRATORS, badPrincipal, principalName } from '../../access/directory.js';
import { LOCAL_GROUP } from '../../access/local-groups.js';
import type { AccessControl, AccessRequest, Decision } from '../../access/policy.js';
import { simDate } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';

export const ACCESS_USAGE = `usage:
  user list | user add NAME [--groups G,...] | user set NAME --groups G,... | user del NAME
  localgroup list [HOST] | localgroup add HOST|* GROUP MEMBER | localgroup remove HOST|* GROUP MEMBER
  access USER PRIVILEGE|ACTION|GROUP OBJECT | access USER -- NATIVE LINE
  audit [--jsonl] [N]`;

function groupsFlag(words: readonly string[]): string[] | string | undefined {
  const at = words.findIndex((w) => w === '--groups' || w.startsWith('--groups='));
  if (at < 0) return undefined;
  const value = words[at].startsWith('--groups=') ? words[at].slice(9) : words[at + 1];
  if (value === undefined) return 'user: --groups needs a value (--groups helpdesk,operators)';
  const list = value.split(',').filter((g) => g !== '');
  const bad = list.map(badPrincipal).find((x) => x !== undefined);
  return bad === undefined ? list : `user: ${bad}`;
}

export function userCommand(access: AccessControl, words: readonly string[]): ExecResult {
  const [, verb, raw] = words;
  if (verb === 'list' || verb === 'ls') {
    const rows = [...access.users.values()].map((u) => `${u.name.padEnd(20)} ${u.groups.join(',')}`);
    return output(`${'NAME'.padEnd(20)} GROUPS\n${rows.join('\n')}\n`);
  }
  if (raw === undefined || !['add', 'set', 'del'].includes(verb ?? '')) return failure(ACCESS_USAGE, 2);
  const name = principalName(raw);
  const bad = badPrincipal(name);
  if (bad) return failure(`user: ${bad}`);
  const groups = groupsFlag(words);
  if (typeof groups === 'string') return failure(groups);
  if (verb === 'add') {
    if (access.users.has(name)) return failure(`user: ${name} exists already`);
    access.users.set(name, { name, groups: groups ?? [] });
  } else if (!access.users.has(name)) return failure(`user: no user ${name}`);
  else if (verb === 'set') {
    if (groups === undefined) return failure('user: set needs --groups (an empty --groups= leaves the user in none)');
    if (name === ADMINISTRATOR && !groups.includes(ADMINISTRATORS))
      return failure(`user: ${ADMINISTRATOR} stays in ${ADMINISTRATORS}: it is the estate's own administrator`);
    access.users.set(name, { name, groups });
  } else {
    if (name === ADMINISTRATOR) return failure(`user: ${ADMINISTRATOR} is the estate's own and stays`);
    if (name === access.actor || name === access.signedIn) return failure(`user: ${name} is signed in or acting now (:as another user first)`);
    access.users.delete(name);
    // What was granted to the user in their own name goes with them (a user made again later starts with nothing).
    access.vspherePermissions = access.vspherePermissions.filter((p) => p.group || p.principal !== name);
    access.azureAssignments = access.azureAssignments.filter((a) => a.principalType !== 'User' || a.principal !== name);
    access.localGroups = access.localGroups.map((g) => ({ ...g, members: g.members.filter((m) => m !== name) }));
    for (const rbac of access.kubernetes.values())
      rbac.bindings = rbac.bindings
        .map((b) => ({ ...b, subjects: b.subjects.filter((x) => x.kind !== 'User' || x.name !== name) }))
        .filter((b) => b.subjects.length > 0);
  }
  access.changed();
  return output('', true);
}

export function localGroupCommand(access: AccessControl, words: readonly string[], hostExists: (id: string) => boolean): ExecResult {
  const [, verb, host, group, member] = words;
  if (verb === 'list' || verb === 'ls') {
    const rows = access.localGroups.filter((g) => host === undefined || g.host === host || g.host === '*');
    return output(
      `${'HOST'.padEnd(16)} ${'GROUP'.padEnd(24)} MEMBERS\n${rows.map((g) => `${g.host.padEnd(16)} ${g.group.padEnd(24)} ${g.members.join(',')}`).join('\n')}\n`,
    );
  }
  if ((verb !== 'add' && verb !== 'remove') || member === undefined) return failure(ACCESS_USAGE, 2);
  if (host !== '*' && !hostExists(host)) return failure(`localgroup: no host ${host}`);
  if (!Object.values(LOCAL_GROUP).includes(group))
    return failure(
      `localgroup: ${group}: the groups that manage a host are ${Object.values(LOCAL_GROUP)
        .map((g) => `"${g}"`)
        .join(', ')}`,
    );
  const who = principalName(member);
  const known = access.users.has(who) || [...access.users.values()].some((u) => u.groups.includes(who));
  if (!known) return failure(`localgroup: no user or group ${who}`);
  const entry = access.localGroups.find((g) => g.host === host && g.group === group);
  if (verb === 'add') {
    if (entry?.members.includes(who)) return output('');
    access.localGroups = [...access.localGroups.filter((g) => g !== entry), { host, group, members: [...(entry?.members ?? []), who] }];
  } else {
    if (!entry?.members.includes(who)) return failure(`localgroup: ${who} is not in ${group} on ${host}`);
    access.localGroups = access.localGroups.map((g) => (g === entry ? { ...g, members: g.members.filter((m) => m !== who) } : g));
  }
  access.changed();
  return output('', true);
}

/** What a request asks, in words: "VirtualMachine.Interact.PowerOff on /dc-east/vm/web-01". */
export function describeRequest(r: AccessRequest): string {
  switch (r.kind) {
    case 'vsphere':
      return `${r.privilege} on ${r.entity}`;
    case 'azure':
      return `${r.action} over ${r.scope}`;
    case 'local':
      return `manage ${r.host} (${LOCAL_GROUP[r.platform]})`;
    case 'kubernetes':
      return `${r.verb} ${r.resource}${r.namespace ? ` in the namespace ${r.namespace}` : ''}`;
    case 'hyperpane':
      return r.what;
  }
}

/** The explanation of one decision, as `access` prints it. */
export function explained(user: string, what: string, d: Decision): string {
  return `${d.allowed ? 'allowed' : 'denied'}: ${user} ${d.allowed ? 'may' : 'may not'} ${what}\n${d.because.map((b) => `  ${b}\n`).join('')}`;
}

export function auditCommand(access: AccessControl, words: readonly string[]): ExecResult {
  const jsonl = words.includes('--jsonl');
  const nArg = words.slice(1).find((w) => !w.startsWith('-'));
  const n = nArg === undefined ? undefined : Number(nArg);
  if (n !== undefined && !(Number.isInteger(n) && n > 0)) return failure(`audit: N must be a whole number above 0, got ${nArg}`, 2);
  // An administrator reads everyone's entries, anyone else their own (as the Audit view shows them).
  const readable = access.administers() ? access.audit.entries : access.audit.entries.filter((e) => e.user === access.actor);
  const list = readable.slice(n === undefined ? 0 : -n);
  // Times in RFC 3339, as log tools read them ("2026-01-01T01:00:00Z").
  if (jsonl) return output(list.map((e) => auditJsonLine(e, simDate(e.at).replace(' ', 'T').replace(' +0000', 'Z'))).join('\n'));
  const rows = list.map(
    (e) => `${simDate(e.at).slice(0, 19)}  ${e.user.padEnd(14)} ${e.result.padEnd(9)} ${e.command}${e.result === 'denied' ? `  (${e.as})` : ''}`,
  );
  return output(rows.length === 0 ? 'no entries\n' : `${rows.join('\n')}\n`);
}
