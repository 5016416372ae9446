// Kubernetes RBAC, table by table, from docs/reference/access-authn-authz/rbac.md
// (additive rules, no deny; a Role grants in its namespace; a ClusterRole through
// a RoleBinding grants only in the binding's namespace, through a
// ClusterRoleBinding everywhere; resourceNames narrow a rule; cluster-admin is
// bound to system:masters) and rbac.go (RuleAllows; a binding whose role is
// missing is a resolution error, its reason "RBAC: role... not found"); and the
// kubectl commands in kubectl's words (create_role.go, create_rolebinding.go,
// cani.go; printers.go printRoleBinding).
import { describe, expect, it } from 'vitest';
import { type ClusterRbac, type RbacRequest, rbacDecide } from '../../src/access/kubernetes-rbac.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const rbac: ClusterRbac = {
  roles: [
    { name: 'pod-reader', namespace: 'dev', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }], createdAt: 0 },
    { name: 'one-secret', namespace: 'dev', rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['db'] }], createdAt: 0 },
    { name: 'scaler', rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['patch'] }], createdAt: 0 },
  ],
  bindings: [
    { name: 'a', namespace: 'dev', roleRef: { kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'alice' }], createdAt: 0 },
    { name: 'b', namespace: 'dev', roleRef: { kind: 'Role', name: 'one-secret' }, subjects: [{ kind: 'Group', name: 'devs' }], createdAt: 0 },
    { name: 'c', namespace: 'prod', roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }], createdAt: 0 },
    { name: 'd', roleRef: { kind: 'ClusterRole', name: 'scaler' }, subjects: [{ kind: 'Group', name: 'ops' }], createdAt: 0 },
    { name: 'e', namespace: 'dev', roleRef: { kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'bob' }], createdAt: 0 },
  ],
};
const req = (verb: string, resource: string, namespace?: string, group = '', name?: string): RbacRequest => ({
  verb,
  group,
  resource,
  ...(namespace ? { namespace } : {}),
  ...(name ? { name } : {}),
});

describe('Kubernetes RBAC', () => {
  it.each([
    ['alice', [], req('list', 'pods', 'dev'), true, 'a Role grants in its namespace'],
    ['alice', [], req('list', 'pods', 'prod'), true, "a ClusterRole through a RoleBinding grants in the binding's namespace"],
    ['alice', [], req('list', 'pods', 'kube-system'), false, '... and nowhere else'],
    ['alice', [], req('delete', 'pods', 'dev'), false, 'only the verbs a rule has'],
    ['alice', [], req('list', 'secrets', 'prod'), false, 'view does not read secrets'],
    ['carol', ['devs'], req('get', 'secrets', 'dev', '', 'db'), true, 'resourceNames: the named one'],
    ['carol', ['devs'], req('get', 'secrets', 'dev', '', 'other'), false, 'resourceNames: no other'],
    ['dan', ['ops'], req('patch', 'deployments/scale', 'prod', 'apps'), true, 'a ClusterRoleBinding grants everywhere, subresource and all'],
    ['dan', ['ops'], req('patch', 'deployments', 'prod', 'apps'), false, 'a subresource is not its resource'],
    ['root', ['system:masters'], req('delete', 'nodes'), true, 'cluster-admin to system:masters'],
    ['eve', [], req('get', 'pods', 'dev'), false, 'nothing bound, nothing allowed'],
  ] as const)('%s %j: %s', (user, groups, r, allowed, _why) => {
    expect(rbacDecide(rbac, user, new Set<string>(groups), r).allowed).toBe(allowed);
  });

  it('a binding to a role that is not there is a resolution error in the reason', () => {
    expect(rbacDecide(rbac, 'bob', new Set(), req('get', 'pods', 'dev')).reason).toBe('RBAC: role.rbac.authorization.k8s.io "gone" not found');
  });
});

describe('kubectl and RBAC', () => {
  it('creates, lists, uses and deletes a Role and its binding, as kubectl says it', () => {
    const e = defaultEstate(1);
    const lines: [string, string][] = [
      ['user add alice', ''],
      ['kubectl create role pod-reader --verb=get,list --resource=pods', 'role.rbac.authorization.k8s.io/pod-reader created\n'],
      ['kubectl create rolebinding alice-reads --role=pod-reader --user=alice', 'rolebinding.rbac.authorization.k8s.io/alice-reads created\n'],
      ['kubectl get rolebindings', 'NAME          ROLE              AGE\nalice-reads   Role/pod-reader   0s\n'],
      ['kubectl auth can-i list pods --as alice', 'yes\n'],
    ];
    for (const [line, out] of lines) expect(runLine(e, line).stdout, line).toBe(out);
    expect(runLine(e, 'kubectl auth can-i delete pods --as alice')).toMatchObject({ exitCode: 1, stdout: 'no\n' });
    expect(runLine(e, 'kubectl create rolebinding x --user=alice').stderr).toBe('error: exactly one of clusterrole or role must be specified\n');
    expect(runLine(e, 'kubectl create role r --resource=pods').stderr).toBe('error: at least one verb must be specified\n');
    expect(e.providers.access.actAs('alice')).toBeUndefined();
    expect(runLine(e, 'kubectl get pods').exitCode).toBe(0);
    expect(runLine(e, 'kubectl create role mine --verb=get --resource=pods').stderr).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io is forbidden: User "alice" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "default"\n',
    );
    expect(runLine(e, 'kubectl auth can-i list pods --as administrator').stderr).toMatch(/cannot impersonate resource "users"/);
    expect(e.providers.access.actAs('administrator')).toBeUndefined();
    expect(runLine(e, 'kubectl delete rolebinding alice-reads').stdout).toBe('rolebinding.rbac.authorization.k8s.io "alice-reads" deleted\n');
    expect(runLine(e, 'kubectl auth can-i list pods --as alice').stdout).toBe('no\n');
  });

  it("refuses to grant what the granter does not hold (escalation prevention), in the API server's words", () => {
    const e = defaultEstate(1);
    for (const line of [
      'user add lead --groups leads',
      'kubectl create role role-maker --verb=create --resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io',
      'kubectl create rolebinding lead-makes --role=role-maker --group=leads',
    ])
      expect(runLine(e, line).exitCode, line).toBe(0);
    expect(e.providers.access.actAs('lead')).toBeUndefined();
    expect(runLine(e, 'kubectl create role secrets-reader --verb=get --resource=secrets').stderr).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "secrets-reader" is forbidden: user "lead" (groups=["leads" "system:authenticated"]) ' +
        'is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n',
    );
    expect(runLine(e, 'kubectl create rolebinding x --clusterrole=view --user=lead').stderr).toMatch(
      /^Error from server \(Forbidden\): rolebindings\.rbac\.authorization\.k8s\.io "x" is forbidden: user "lead"/,
    );
    // What one holds, one may grant.
    expect(runLine(e, 'kubectl create role makes-roles --verb=create --resource=roles.rbac.authorization.k8s.io').exitCode).toBe(0);
  });
});
