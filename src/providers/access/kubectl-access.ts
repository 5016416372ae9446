// kubectl's access: the API server's RBAC authorizer. Until Roles and
// RoleBindings are simulated, the one binding there is cluster-admin to the
// system:masters group (Kubernetes' bootstrap ClusterRoleBinding): its members
// may do anything, anyone else nothing. A refusal is the API server's
// Forbidden as kubectl prints it (apiserver endpoints/handlers/responsewriters
// errors.go forbiddenMessage, apimachinery api/errors NewForbidden, kubectl
// cmd/util/helpers.go "Error from server (%s): %s"); the request's verb is
// RBAC's (get on a name, list without one, create, delete, patch).
import type { AccessRequest } from '../../access/policy.js';
import { failure } from '../exec-result.js';
import { kubectlVerb } from '../kubernetes/kubectl.js';
import type { LineAccess } from './line-access.js';
import { isReadOnlyCommand } from './looking.js';

/** A resource word as kubectl resolves it: its plural, its API group, whether it is namespaced. */
const RESOURCES: readonly [readonly string[], string, string, boolean][] = [
  [['po', 'pod', 'pods'], 'pods', '', true],
  [['deploy', 'deployment', 'deployments'], 'deployments', 'apps', true],
  [['rs', 'replicaset', 'replicasets'], 'replicasets', 'apps', true],
  [['svc', 'service', 'services'], 'services', '', true],
  [['hpa', 'horizontalpodautoscaler', 'horizontalpodautoscalers'], 'horizontalpodautoscalers', 'autoscaling', true],
  [['ep', 'endpoints'], 'endpoints', '', true],
  [['ev', 'event', 'events'], 'events', '', true],
  [['no', 'node', 'nodes'], 'nodes', '', false],
  [['ns', 'namespace', 'namespaces'], 'namespaces', '', false],
];

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

export function kubectlAccess(words: readonly string[], user: string): LineAccess | undefined {
  const args = words.slice(1);
  const { command, sub } = kubectlVerb(args);
  if (command === undefined || command === 'version' || command === 'config' || command === 'help') return undefined;
  const nsAt = args.findIndex((w) => w === '-n' || w === '--namespace' || w.startsWith('--namespace='));
  const namespace = nsAt < 0 ? 'default' : args[nsAt].startsWith('--namespace=') ? args[nsAt].slice(12) : (args[nsAt + 1] ?? 'default');
  const [kindWord, slashName] = (
    command === 'logs' ? 'pods' : command === 'cordon' || command === 'uncordon' || command === 'drain' ? 'nodes' : (sub ?? '')
  ).split('/');
  const known = RESOURCES.find(([names]) => names.includes(kindWord.toLowerCase()));
  const [, resource, group, namespaced] = known ?? [[], kindWord || 'resources', '', true];
  const rest = args.slice(args.indexOf(sub ?? '') + 1).filter((w) => !w.startsWith('-'));
  const name = slashName ?? (command === 'get' || command === 'describe' || command === 'delete' ? rest[0] : undefined);
  let verb = VERBS[command] ?? command;
  if (command === 'get' && name !== undefined) verb = 'get';
  const request: AccessRequest = { kind: 'kubernetes', verb, resource, ...(namespaced ? { namespace } : {}) };
  const qualified = group === '' ? resource : `${resource}.${group}`;
  const where = namespaced ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const sub2 = command === 'scale' ? `${resource}/scale` : command === 'logs' ? 'pods/log' : resource;
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
