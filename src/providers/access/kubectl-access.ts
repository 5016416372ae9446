// kubectl's access: the API server's RBAC authorizer (access/kubernetes-rbac.ts)
// on the cluster the line goes to (--context, else the current one). A refusal
// is the API server's
// Forbidden as kubectl prints it (apiserver endpoints/handlers/responsewriters
// errors.go forbiddenMessage, apimachinery api/errors NewForbidden, kubectl
// cmd/util/helpers.go "Error from server (%s): %s"); the request's verb is
// RBAC's (get on a name, list without one, create, delete, patch).
import type { AccessRequest } from '../../access/policy.js';
import { failure } from '../exec-result.js';
import { kubectlVerb } from '../kubernetes/kubectl.js';
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

export function kubectlAccess(words: readonly string[], user: string, cluster: string | undefined): LineAccess | undefined {
  const args = words.slice(1);
  const { command, sub } = kubectlVerb(args);
  if (command === undefined || command === 'version' || command === 'config' || command === 'help' || cluster === undefined) return undefined;
  // auth can-i asks about oneself (a SelfSubjectAccessReview, which every user may); --as needs impersonate.
  if (command === 'auth') {
    const as = args.find((w) => w.startsWith('--as='))?.slice(5) ?? args[args.indexOf('--as') + 1];
    if (!args.includes('--as') && !args.some((w) => w.startsWith('--as='))) return { requests: [], changes: false, object: 'auth', refuse: () => failure('') };
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
  const nsAt = args.findIndex((w) => w === '-n' || w === '--namespace' || w.startsWith('--namespace='));
  const namespace = nsAt < 0 ? 'default' : args[nsAt].startsWith('--namespace=') ? args[nsAt].slice(12) : (args[nsAt + 1] ?? 'default');
  const [kindWord, slashName] = (
    command === 'logs' ? 'pods' : command === 'cordon' || command === 'uncordon' || command === 'drain' ? 'nodes' : (sub ?? '')
  ).split('/');
  // create role|clusterrole|rolebinding|clusterrolebinding NAME: the kind is the word after create.
  const { resource, group, namespaced } = rbacResource(kindWord);
  const rest = args.slice(args.indexOf(sub ?? '') + 1).filter((w) => !w.startsWith('-'));
  const name = slashName ?? (command === 'get' || command === 'describe' || command === 'delete' ? rest[0] : undefined);
  let verb = VERBS[command] ?? command;
  if (command === 'get' && name !== undefined) verb = 'get';
  const sub2 = command === 'scale' ? `${resource}/scale` : command === 'logs' ? 'pods/log' : resource;
  const request: AccessRequest = { kind: 'kubernetes', cluster, verb, group, resource: sub2, ...(namespaced ? { namespace } : {}), ...(name ? { name } : {}) };
  const qualified = group === '' ? resource : `${resource}.${group}`;
  const where = namespaced ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return {
    requests: [request],
    changes: !isReadOnlyCommand(words.join(' ')),
    object: `${namespaced ? `${namespace}/` : ''}${resource}${name ? `/${name}` : ''}`,
    refuse: () =>
      failure(
        `Error from server (Forbidden): ${qualified}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "${sub2}" in API group "${group}" ${where}`,
      ),
  };
}
