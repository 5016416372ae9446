// The resource words kubectl takes, as RBAC names them: the plural, the API group
// ('' for the core group) and whether the resource is namespaced (kubectl
// api-resources for the kinds this simulation serves, and rbac.authorization.k8s.io's).

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
  [['role', 'roles'], 'roles', 'rbac.authorization.k8s.io', true],
  [['rolebinding', 'rolebindings'], 'rolebindings', 'rbac.authorization.k8s.io', true],
  [['clusterrole', 'clusterroles'], 'clusterroles', 'rbac.authorization.k8s.io', false],
  [['clusterrolebinding', 'clusterrolebindings'], 'clusterrolebindings', 'rbac.authorization.k8s.io', false],
];

/** A resource word as RBAC names it: its plural, API group and scope (an unknown word as given, in the core group). */
export function rbacResource(word: string): { resource: string; group: string; namespaced: boolean } {
  const known = RESOURCES.find(([names]) => names.includes(word.toLowerCase()));
  return known ? { resource: known[1], group: known[2], namespaced: known[3] } : { resource: word || 'resources', group: '', namespaced: true };
}
