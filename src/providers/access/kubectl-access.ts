// kubectl's access: the API server's RBAC authorizer (access/kubernetes-rbac.ts)
// on the cluster the line goes to (--context, else the current one). A refusal
// is the API server's
// Forbidden as kubectl prints it (apiserver endpoints/handlers/responsewriters
// errors.go forbiddenMessage, apimachinery api/errors NewForbidden, kubectl
// cmd/util/helpers.go "Error from server (%s): %s"); the request's verb is
// RBAC's (get on a name, list without one, create, delete, patch).
import type { AccessRequest } from '../../access/policy.js';
import { str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import { kubectlWords } from '../kubernetes/kubectl.js';
import { RBAC_FLAGS } from '../kubernetes/kubectl-rbac.js';
import { rbacResource } from '../kubernetes/rbac-resources.js';
import type { LineAccess } from './line-access.js';
import { isReadOnlyCommand } from './looking.js';

const VERBS: Readonly<Record<string, string>> = {
  get: 'list',
  describe: 'get',
  logs: 'get',
  top: 'list',
  create: 'create',
  apply: 'create',
  run: 'create',
  expose: 'create',
  delete: 'delete',
  scale: 'patch',
  autoscale: 'create',
  rollout: 'patch',
  set: 'patch',
  label: 'patch',
  annotate: 'patch',
  cordon: 'patch',
  uncordon: 'patch',
  drain: 'patch',
  edit: 'patch',
};

/** What a command asks RBAC for, by the kind of its object: its verb and, where it is not the object the line names, the resource. */
const OBJECT_OF: Readonly<Record<string, { readonly verb: string; readonly word?: string; readonly sub?: string }>> = {
  run: { verb: 'create', word: 'pods' },
  expose: { verb: 'create', word: 'services' },
  autoscale: { verb: 'create', word: 'horizontalpodautoscalers' },
  logs: { verb: 'get', word: 'pods', sub: 'log' },
  cordon: { verb: 'patch', word: 'nodes' },
  uncordon: { verb: 'patch', word: 'nodes' },
  drain: { verb: 'patch', word: 'nodes' },
  scale: { verb: 'patch', sub: 'scale' },
};

export function kubectlAccess(words: readonly string[], user: string, cluster: string | undefined): LineAccess | undefined {
  const args = words.slice(1);
  // RBAC's commands read flags of their own (kubectl-rbac.ts): a line is read with those too.
  const w = kubectlWords(args, RBAC_FLAGS);
  if (!w || cluster === undefined || ['version', 'config', 'help'].includes(w.command)) return undefined;
  const { command, positionals } = w;
  // auth can-i asks about oneself (a SelfSubjectAccessReview, which every user may); --as needs impersonate.
  if (command === 'auth') {
    const as = str(w.flags, 'as');
    if (as === undefined) return { requests: [], changes: false, object: 'auth', refuse: () => failure('') };
    const request: AccessRequest = { kind: 'kubernetes', cluster, verb: 'impersonate', group: '', resource: 'users', name: as };
    return {
      requests: [request],
      changes: false,
      object: `users/${as}`,
      refuse: () =>
        failure(
          `Error from server (Forbidden): users "${as}" is forbidden: User "${user}" cannot impersonate resource "users" in API group "" at the cluster scope`,
        ),
    };
  }
  const known = OBJECT_OF[command];
  // rollout SUB KIND/NAME and set image KIND/NAME name their object after a word of their own.
  const objectWords = command === 'rollout' || command === 'set' ? positionals.slice(1) : known?.word ? [] : positionals;
  const [target = '', nameWord] = objectWords;
  const [kinds, slashName] = target.split('/');
  let name: string | undefined =
    slashName ??
    (command === 'run'
      ? positionals[0]
      : (nameWord ?? (command === 'cordon' || command === 'uncordon' || command === 'drain' || command === 'logs' ? positionals[0] : undefined)));
  let verb =
    known?.verb ??
    (command === 'rollout'
      ? ['status', 'history'].includes(positionals[0] ?? '')
        ? 'get'
        : 'patch'
      : command === 'set'
        ? 'patch'
        : (VERBS[command] ?? command));
  if ((command === 'get' || command === 'describe') && name === undefined) verb = 'list';
  // A create's request names no object (its URL is the collection's): neither does its refusal.
  if (verb === 'create') name = undefined;
  if (command === 'get' && name !== undefined) verb = 'get';
  // -A: every namespace, which only a ClusterRoleBinding grants (the request has no namespace).
  const namespace = w.all ? undefined : w.namespace;
  const requests: AccessRequest[] = [];
  const refusals: string[] = [];
  for (const kindWord of (known?.word ?? kinds).split(',')) {
    const r = rbacResource(kindWord);
    const resource = known?.sub ? `${r.resource}/${known.sub}` : r.resource;
    const ns = r.namespaced ? namespace : undefined;
    requests.push({ kind: 'kubernetes', cluster, verb, group: r.group, resource, ...(ns !== undefined ? { namespace: ns } : {}), ...(name ? { name } : {}) });
    const qualified = r.group === '' ? r.resource : `${r.resource}.${r.group}`;
    const where = ns !== undefined ? `in the namespace "${ns}"` : 'at the cluster scope';
    refusals.push(
      `Error from server (Forbidden): ${qualified}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${where}`,
    );
  }
  return {
    requests,
    changes: !isReadOnlyCommand(words.join(' ')),
    object: `${namespace ? `${namespace}/` : ''}${kinds || (known?.word ?? '')}${name ? `/${name}` : ''}`,
    refuse: (r) => failure(refusals[requests.indexOf(r)] ?? refusals[0]!),
  };
}
