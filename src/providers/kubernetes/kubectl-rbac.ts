// kubectl's RBAC commands, in kubectl's words: create role|clusterrole
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_role.go: --verb, --resource
// resource.group/subresource, --resource-name; "role.rbac.authorization.k8s.io/
// NAME created"), create rolebinding|clusterrolebinding (create_rolebinding.go:
// exactly one of --role and --clusterrole, repeatable --user and --group; the
// role is not checked to exist), get and delete of the four kinds (Roles and
// ClusterRoles print NAME, CREATED AT through the server's default table;
// bindings NAME, ROLE, AGE, printers.go printRoleBinding), and auth can-i
// (cmd/auth/cani.go: "yes", or "no" and RBAC's reason; exit 1 when not allowed).

import { DEFAULT_BINDINGS, DEFAULT_CLUSTER_ROLES, type PolicyRule, type RbacBinding, type RbacRole, rbacDecide } from '../../access/kubernetes-rbac.js';
import type { AccessControl } from '../../access/policy.js';
import { humanDuration } from '../../orchestrator/age.js';
import type { Cluster } from '../../orchestrator/cluster.js';
import { type FlagSpec, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { rfc3339 } from './api-objects.js';
import { error, ok } from './kubectl-context.js';
import { kubectlTable } from './printers.js';
import { rbacResource } from './rbac-resources.js';

const GROUP = 'rbac.authorization.k8s.io';
const KINDS = {
  role: 'roles',
  roles: 'roles',
  rolebinding: 'rolebindings',
  rolebindings: 'rolebindings',
  clusterrole: 'clusterroles',
  clusterroles: 'clusterroles',
  clusterrolebinding: 'clusterrolebindings',
  clusterrolebindings: 'clusterrolebindings',
} as const;
type Plural = (typeof KINDS)[keyof typeof KINDS];
const plural = (w: string | undefined): Plural | undefined =>
  w !== undefined && Object.hasOwn(KINDS, w.toLowerCase()) ? KINDS[w.toLowerCase() as keyof typeof KINDS] : undefined;
const singular = (p: Plural) => p.slice(0, -1);
const KIND_NAME: Readonly<Record<Plural, string>> = {
  roles: 'Role',
  clusterroles: 'ClusterRole',
  rolebindings: 'RoleBinding',
  clusterrolebindings: 'ClusterRoleBinding',
};
/** A name as an error shows it: no control character reaches the terminal. */
const shown = (name: string) => name.replace(/[^\x20-\x7e]/g, '?');

export const RBAC_FLAGS: Readonly<Record<string, FlagSpec>> = {
  namespace: { type: 'string', aliases: ['n'] },
  context: { type: 'string' },
  'all-namespaces': { type: 'boolean', aliases: ['A'] },
  verb: { type: 'string', repeat: true },
  resource: { type: 'string', repeat: true },
  'resource-name': { type: 'string', repeat: true },
  role: { type: 'string' },
  clusterrole: { type: 'string' },
  user: { type: 'string', repeat: true },
  group: { type: 'string', repeat: true },
  as: { type: 'string' },
  quiet: { type: 'boolean', aliases: ['q'] },
  output: { type: 'string', aliases: ['o'] },
};

/** The verbs create_role.go knows ("Warning: '%s' is not a standard resource verb" for any other). */
const STANDARD_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];
/** The resources this simulation's API server has (and secrets, which RBAC is often about). */
const KNOWN_RESOURCES = new Set([
  'pods',
  'deployments',
  'replicasets',
  'services',
  'horizontalpodautoscalers',
  'endpoints',
  'events',
  'nodes',
  'namespaces',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'secrets',
  'configmaps',
  'serviceaccounts',
  'users',
]);

const list = (f: ParsedFlags, name: string): string[] =>
  ((f.values.get(name) as string[] | undefined) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');

/** A kubectl line read with RBAC_FLAGS (kubectl.ts kubectlWords). */
export interface RbacWords {
  readonly command: string;
  readonly positionals: readonly string[];
  readonly namespace: string;
  readonly all: boolean;
  readonly flags: ParsedFlags;
}

/** The RBAC commands; undefined for a line that is not one (kubectl's other commands answer it). */
export function rbacCommand(access: AccessControl, cluster: Cluster, w: RbacWords, now: number): ExecResult | undefined {
  const { command, flags: f } = w;
  const [what, ...names] = w.positionals;
  const isRbac = (command === 'create' || command === 'get' || command === 'delete') && plural(what) !== undefined;
  if (!isRbac && command !== 'auth') return undefined;
  const ns = w.namespace;
  const rbac = access.rbacOf(cluster.name);
  if (command === 'auth') return canI(access, cluster, w.positionals, f, ns, w.all);
  const kind = plural(what)!;
  const namespaced = kind === 'roles' || kind === 'rolebindings';
  if (command === 'create' && names.length > 1) return error(`exactly one NAME is required, got ${names.length}`);
  if (command === 'delete' && names.length > 1) {
    // kubectl delete KIND A B: each in turn, each said.
    const each = names.map((n) => rbacCommand(access, cluster, { ...w, positionals: [what, n] }, now)!);
    return {
      exitCode: each.some((r) => r.exitCode !== 0) ? 1 : 0,
      stdout: each.map((r) => r.stdout).join(''),
      stderr: each.map((r) => r.stderr).join(''),
      changed: each.some((r) => r.changed),
    };
  }
  const [name] = names;
  if (namespaced && !cluster.get('Namespace', undefined, ns))
    return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): namespaces "${ns}" not found\n`, changed: false };
  const roles = [...DEFAULT_CLUSTER_ROLES, ...rbac.roles];
  const bindings = [...DEFAULT_BINDINGS, ...rbac.bindings];
  const same = (x: { name: string; namespace?: string }) => x.name === name && (namespaced ? x.namespace === ns : x.namespace === undefined);
  const exists = kind === 'roles' || kind === 'clusterroles' ? roles.some(same) : bindings.some(same);
  if (command === 'get') {
    const got = getRbac(kind, namespaced ? (w.all ? undefined : ns) : undefined, roles, bindings, name, now);
    // -o name: KIND.GROUP/NAME a line (kubectl's NamePrinter).
    if (str(f, 'output') === 'name' && got.exitCode === 0 && got.stdout)
      return ok(
        got.stdout
          .split('\n')
          .slice(1)
          .filter((l) => l.trim())
          .map((l) => `${singular(kind)}.${GROUP}/${l.trim().split(/\s+/)[w.all && namespaced ? 1 : 0]}\n`)
          .join(''),
      );
    return got;
  }
  if (!name) return error(command === 'create' ? 'exactly one NAME is required, got 0' : 'resource(s) were provided, but no name was specified');
  // A name the API server takes: a DNS subdomain (metadata.name of RBAC objects, path segment names).
  if (!/^[a-z0-9]([-a-z0-9.:]{0,251}[a-z0-9])?$/.test(name))
    return {
      exitCode: 1,
      stdout: '',
      stderr:
        `The ${KIND_NAME[kind]} "${shown(name)}" is invalid: metadata.name: Invalid value: "${shown(name)}": a lowercase RFC 1123 subdomain must consist of ` +
        "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character\n",
      changed: false,
    };
  let nonStandard = '';
  if (command === 'delete') {
    const mine = kind === 'roles' || kind === 'clusterroles' ? rbac.roles.find(same) : rbac.bindings.find(same);
    if (!mine) return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): ${kind}.${GROUP} "${name}" not found\n`, changed: false };
    if (kind === 'roles' || kind === 'clusterroles') rbac.roles = rbac.roles.filter((x) => x !== mine);
    else rbac.bindings = rbac.bindings.filter((x) => x !== mine);
    access.changed();
    return { exitCode: 0, stdout: `${singular(kind)}.${GROUP} "${name}" deleted\n`, stderr: '', changed: true };
  }
  if (exists) return { exitCode: 1, stdout: '', stderr: `Error from server (AlreadyExists): ${kind}.${GROUP} "${name}" already exists\n`, changed: false };
  if (kind === 'roles' || kind === 'clusterroles') {
    const verbs = [...new Set(list(f, 'verb'))];
    const resources = list(f, 'resource');
    if (verbs.length === 0) return error('at least one verb must be specified');
    if (resources.length === 0) return error('at least one resource must be specified');
    if (resources.some((r) => r.split('/')[0].split('.')[0] === '')) return error('resource must be specified if apiGroup/subresource specified');
    // create_role.go: a resource the server does not have is an error; a verb it does not know, a warning.
    const unknown = resources.find(
      (r) =>
        r !== '*' &&
        !r.startsWith('*') &&
        rbacResource(r.split('/')[0].split('.')[0]).resource === r.split('/')[0].split('.')[0] &&
        !KNOWN_RESOURCES.has(r.split('/')[0].split('.')[0]),
    );
    if (unknown !== undefined) return error(`the server doesn't have a resource type "${unknown.split('/')[0]}"`);
    const warnings = verbs.filter((v) => !STANDARD_VERBS.includes(v)).map((v) => `Warning: '${v}' is not a standard resource verb\n`);
    if (warnings.length > 0) nonStandard = warnings.join('');
    // One rule per API group, as create_role.go builds them ("deployments.apps" is deployments in apps).
    const byGroup = new Map<string, string[]>();
    for (const r of resources) {
      const [res, sub] = r.split('/');
      const dot = res.indexOf('.');
      const known = rbacResource(dot < 0 ? res : res.slice(0, dot));
      const group = dot < 0 ? known.group : res.slice(dot + 1);
      const plain = dot < 0 ? known.resource : res.slice(0, dot);
      byGroup.set(group, [...(byGroup.get(group) ?? []), sub ? `${plain}/${sub}` : plain]);
    }
    const names = list(f, 'resource-name');
    const rules: PolicyRule[] = [...byGroup].map(([g, res]) => ({
      apiGroups: [g],
      resources: res,
      verbs: verbs.includes('*') ? ['*'] : verbs,
      ...(names.length ? { resourceNames: names } : {}),
    }));
    const escalating = notHeld(access, cluster, rules, namespaced ? ns : undefined, { group: GROUP, resource: kind, name });
    if (escalating) return escalating;
    const role: RbacRole = { name, ...(namespaced ? { namespace: ns } : {}), rules, createdAt: now };
    rbac.roles.push(role);
  } else {
    const roleName = namespaced ? str(f, 'role') || undefined : undefined;
    const clusterRole = str(f, 'clusterrole') || undefined;
    if ((roleName === undefined) === (clusterRole === undefined))
      return error(namespaced ? 'exactly one of clusterrole or role must be specified' : 'clusterrole must be specified');
    const subjects = [
      ...list(f, 'user').map((n) => ({ kind: 'User' as const, name: n })),
      ...list(f, 'group').map((n) => ({ kind: 'Group' as const, name: n })),
    ];
    const bad = subjects.find((x) => !/^[\x21-\x7e]{1,253}$/.test(x.name));
    if (bad) return error(`invalid ${bad.kind === 'User' ? 'user' : 'group'} name "${bad.name.replace(/[^\x20-\x7e]/g, '?')}"`);
    const ref =
      roleName !== undefined
        ? roles.find((x) => x.name === roleName && x.namespace === ns)
        : roles.find((x) => x.name === clusterRole && x.namespace === undefined);
    const escalating = ref
      ? notHeld(access, cluster, ref.rules, namespaced ? ns : undefined, {
          group: GROUP,
          resource: roleName !== undefined ? 'roles' : 'clusterroles',
          name: ref.name,
          bind: true,
          kind,
          shown: name,
        })
      : undefined;
    if (escalating) return escalating;
    const binding: RbacBinding = {
      name,
      ...(namespaced ? { namespace: ns } : {}),
      roleRef: roleName !== undefined ? { kind: 'Role', name: roleName } : { kind: 'ClusterRole', name: clusterRole! },
      subjects,
      createdAt: now,
    };
    rbac.bindings.push(binding);
  }
  access.changed();
  return { exitCode: 0, stdout: `${singular(kind)}.${GROUP}/${name} created\n`, stderr: nonStandard, changed: true };
}

/**
 * Escalation prevention (rbac.md, "Privilege escalation prevention and bootstrapping"): a user may make a role only
 * with permissions they hold, where it would apply, unless they may `escalate` roles; a binding only to a role whose
 * permissions they hold, unless they may `bind` it. The refusal as the API server words it (the user's name and
 * groups, "is attempting to grant RBAC permissions not currently held:", then each rule).
 */
function notHeld(
  access: AccessControl,
  cluster: Cluster,
  rules: readonly PolicyRule[],
  ns: string | undefined,
  target: { group: string; resource: string; name: string; bind?: boolean; kind?: Plural; shown?: string },
): ExecResult | undefined {
  const user = access.actor;
  const groups = access.groupsOf(user);
  const rbac = access.rbacOf(cluster.name);
  const may = (verb: string, group: string, resource: string, name?: string) =>
    rbacDecide(rbac, user, groups, { verb, group, resource, ...(ns ? { namespace: ns } : {}), ...(name ? { name } : {}) }).allowed;
  if (may(target.bind ? 'bind' : 'escalate', target.group, target.resource, target.name)) return undefined;
  const missing = rules.filter((r) => !r.apiGroups.every((g) => r.resources.every((res) => r.verbs.every((v) => may(v, g, res)))));
  if (missing.length === 0) return undefined;
  const q = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(' ');
  const text = missing.map((r) => `{APIGroups:[${q(r.apiGroups)}], Resources:[${q(r.resources)}], Verbs:[${q(r.verbs)}]}`).join('\n');
  const kind = target.kind ?? target.resource;
  const shownName = target.shown ?? target.name;
  // Every signed-in user is in system:authenticated, which the API server lists with their own groups.
  const shownGroups = [...groups, 'system:authenticated'];
  return {
    exitCode: 1,
    stdout: '',
    stderr:
      `Error from server (Forbidden): ${kind}.${GROUP} "${shownName}" is forbidden: user "${user}" (groups=[${shownGroups.map((g) => JSON.stringify(g)).join(' ')}]) ` +
      `is attempting to grant RBAC permissions not currently held:\n${text}\n`,
    changed: false,
  };
}

function getRbac(
  kind: Plural,
  ns: string | undefined,
  roles: readonly RbacRole[],
  bindings: readonly RbacBinding[],
  name: string | undefined,
  now: number,
): ExecResult {
  const namespaced = kind === 'roles' || kind === 'rolebindings';
  const inScope = <T extends { name: string; namespace?: string }>(x: T) =>
    (namespaced ? x.namespace !== undefined && (ns === undefined || x.namespace === ns) : x.namespace === undefined) && (name === undefined || x.name === name);
  const all = ns === undefined && namespaced;
  if (kind === 'roles' || kind === 'clusterroles') {
    const found = roles.filter(inScope).sort((a, b) => a.name.localeCompare(b.name));
    if (found.length === 0) return none(kind, name, namespaced ? ns : undefined);
    return ok(
      kubectlTable(
        [...(all ? ['NAMESPACE'] : []), 'NAME', 'CREATED AT'],
        found.map((r) => [...(all ? [r.namespace!] : []), r.name, rfc3339(r.createdAt)]),
      ),
    );
  }
  const found = bindings.filter(inScope).sort((a, b) => a.name.localeCompare(b.name));
  if (found.length === 0) return none(kind, name, namespaced ? ns : undefined);
  return ok(
    kubectlTable(
      [...(all ? ['NAMESPACE'] : []), 'NAME', 'ROLE', 'AGE'],
      found.map((b) => [...(all ? [b.namespace!] : []), b.name, `${b.roleRef.kind}/${b.roleRef.name}`, humanDuration(now - b.createdAt)]),
    ),
  );
}

function none(kind: Plural, name: string | undefined, ns: string | undefined): ExecResult {
  if (name !== undefined) return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): ${kind}.${GROUP} "${name}" not found\n`, changed: false };
  return { exitCode: 0, stdout: '', stderr: ns === undefined ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`, changed: false };
}

/** auth can-i VERB RESOURCE[/NAME]: "yes", or "no" with RBAC's reason, and exit 1 (cani.go). */
function canI(access: AccessControl, cluster: Cluster, positionals: readonly string[], f: ParsedFlags, ns: string, all: boolean): ExecResult {
  const [sub, verb, target] = positionals;
  if (sub !== 'can-i') return error(`unknown command "${sub ?? ''}" for "kubectl auth" (this simulation answers auth can-i)`);
  if (verb === undefined || target === undefined)
    return error("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  const who = str(f, 'as') ?? access.actor;
  const [word, resName] = target.split('/');
  const r = rbacResource(word);
  const groups = access.groupsOf(who);
  const v = rbacDecide(access.rbacOf(cluster.name), who, groups, {
    verb,
    group: r.group,
    resource: r.resource,
    ...(r.namespaced && !all ? { namespace: ns } : {}),
    ...(resName ? { name: resName } : {}),
  });
  const quiet = f.values.get('quiet') === true;
  const said = v.allowed ? 'yes\n' : `no${v.reason ? ` - ${v.reason}` : ''}\n`;
  return { exitCode: v.allowed ? 0 : 1, stdout: quiet ? '' : said, stderr: '', changed: false };
}
