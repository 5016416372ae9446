// Each platform refuses in its own words, checked against the real tools' sources
// and transcripts named per case, and a key's action is refused as the native
// command it stands for.
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { runLine } from '../../src/estate/script.js';
import { hints } from '../../src/ui/hints.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor, press } from '../ui/helpers.js';

function lab(): Estate {
  const e = defaultEstate(1);
  for (const line of [
    'user add alice --groups helpdesk',
    'user add dev --groups developers',
    'govc role.create VMPowerCycle VirtualMachine.Interact.PowerOn VirtualMachine.Interact.PowerOff VirtualMachine.Interact.Reset',
    'govc permissions.set -principal helpdesk -group -role VMPowerCycle /dc-east/vm/web-01',
    'az group create -n dev-rg -l westeurope',
    'az role assignment create --assignee dev --role Contributor --resource-group dev-rg',
    'az role assignment create --assignee dev --role Reader --scope /subscriptions/00000000-0000-0000-0000-000000000000',
    'localgroup add kvm-01 libvirt alice',
  ])
    expect(runLine(e, line).exitCode, line).toBe(0);
  return e;
}
const as = (e: Estate, user: string) => expect(e.providers.access.actAs(user)).toBeUndefined();

describe("refusals in the platforms' own words", () => {
  // govmomi#1367 and cli/command.go: a SOAP fault as govc prints it; cli/vm/power.go: "Powering off ..." first; find/error.go: not found.
  it("govc: NoPermission, after vm.power's own words; an object the user cannot see is not found", () => {
    const e = lab();
    as(e, 'alice');
    expect(runLine(e, 'govc vm.power -off web-01')).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^Powering off VirtualMachine:vm-\d+\.\.\. OK\n$/),
    });
    const snap = runLine(e, 'govc snapshot.create -vm web-01 before');
    expect(snap).toMatchObject({ exitCode: 1, stderr: 'govc: ServerFaultCode: Permission to perform this operation was denied.\n' });
    const off = runLine(e, 'govc vm.power -off db-01');
    expect(off).toMatchObject({ exitCode: 1, stderr: "govc: vm 'db-01' not found\n" });
    as(e, 'administrator');
    expect(runLine(e, 'govc permissions.set -principal helpdesk -group -role ReadOnly /dc-east').exitCode).toBe(0);
    as(e, 'alice');
    const seen = runLine(e, 'govc vm.power -off db-01');
    expect(seen.stdout).toMatch(/^Powering off VirtualMachine:vm-\d+\.\.\. $/);
    expect(seen.stderr).toBe('govc: ServerFaultCode: Permission to perform this operation was denied.\n');
  });

  // cli/permissions/permissions.go: Role, Entity, Principal, Propagate in a tabwriter(2, 0, 2); kubermatic/docs#251: role.ls NAME's privileges.
  it('govc: permissions.ls and role.ls as govc writes them', () => {
    const e = lab();
    expect(runLine(e, 'govc permissions.ls /dc-east/vm/web-01').stdout).toBe(
      [
        'Role          Entity              Principal                     Propagate',
        'VMPowerCycle  /dc-east/vm/web-01  VSPHERE.LOCAL\\helpdesk        Yes',
        'Admin         /                   VSPHERE.LOCAL\\Administrators  Yes',
        '',
      ].join('\n'),
    );
    expect(runLine(e, 'govc role.ls VMPowerCycle').stdout).toBe(
      'System.Anonymous\nSystem.Read\nSystem.View\nVirtualMachine.Interact.PowerOff\nVirtualMachine.Interact.PowerOn\nVirtualMachine.Interact.Reset\n',
    );
    expect(runLine(e, 'govc role.ls Administrator')).toMatchObject({ exitCode: 1, stderr: 'govc: role "Administrator" not found\n' });
    // System roles in the order vcsim's captured role list gives them (simulator/esx/authorization_manager.go), then the user's.
    expect(runLine(e, 'govc role.ls').stdout).toBe(
      'NoAccess      Used for restricting granted access\nReadOnly      See details of objects, but not make changes\nAdmin         Full access rights\nVMPowerCycle  VMPowerCycle\n',
    );
  });

  it("az: ARM's AuthorizationFailed as az prints it (azure-cli#30789, CloudShell#452: ERROR: (Code) Message, Code:, Message:), exit 1", () => {
    const e = lab();
    as(e, 'dev');
    expect(runLine(e, 'az vm list -o table').exitCode).toBe(0);
    const r = runLine(e, 'az vm deallocate -g shop-rg -n reports');
    expect(r.exitCode).toBe(1);
    const message =
      "The client 'dev@contoso.onmicrosoft.com' with object id '" +
      r.stderr.match(/object id '([0-9a-f-]{36})'/)![1] +
      "' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/deallocate/action' over scope " +
      "'/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Compute/virtualMachines/reports' or the scope is invalid. " +
      'If access was recently granted, please refresh your credentials.';
    expect(r.stderr).toBe(`ERROR: (AuthorizationFailed) ${message}\nCode: AuthorizationFailed\nMessage: ${message}\n`);
    // Contributor in its own group: it deploys there, and may not hand out roles (Contributor's NotActions).
    expect(runLine(e, 'az vm create -g dev-rg -n app-1 --image Ubuntu2404 --size Standard_B1s').exitCode).toBe(0);
    expect(runLine(e, 'az role assignment create --assignee alice --role Reader --resource-group dev-rg').stderr).toMatch(
      /does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/write' over scope '\/subscriptions\/[0-9-]+\/resourceGroups\/dev-rg'/,
    );
    // A resource group's own operations are written in lower case (azure-cli#30789).
    expect(runLine(e, 'az group create -n other-rg -l westeurope').stderr).toMatch(
      /perform action 'Microsoft\.Resources\/subscriptions\/resourcegroups\/write' over scope '\/subscriptions\/0{8}-0{4}-0{4}-0{4}-0{12}\/resourcegroups\/other-rg'/,
    );
  });

  it('az role assignment list -o table: Principal, Role, Scope (role/commands.py transform_assignment_list); a role that does not exist (custom.py)', () => {
    const e = lab();
    const t = runLine(e, 'az role assignment list --all -o table').stdout;
    expect(t.split('\n')[0]).toMatch(/^Principal\s+Role\s+Scope$/);
    expect(t).toMatch(/dev@contoso\.onmicrosoft\.com\s+Contributor\s+\/subscriptions\/0{8}-0{4}-0{4}-0{4}-0{12}\/resourceGroups\/dev-rg/);
    expect(runLine(e, 'az role assignment create --assignee dev --role Foo --resource-group dev-rg')).toMatchObject({
      exitCode: 1,
      stderr: "ERROR: Role 'Foo' doesn't exist.\n",
    });
  });

  it("libvirt: polkit's refusal after virsh's connect failure (src/util/virpolkit.c); a read-only connection (-r) needs no group; the group on one host reaches that host", () => {
    const e = lab();
    as(e, 'dev');
    expect(runLine(e, 'virsh shutdown dev-01')).toMatchObject({
      exitCode: 1,
      stderr:
        "error: failed to connect to the hypervisor\nerror: authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'\n",
    });
    expect(runLine(e, 'virsh -r list --all').exitCode).toBe(0);
    as(e, 'alice');
    const host = e.sim.workloadViews().find((w) => w.name === 'ci-runner-01')!.host!;
    expect(runLine(e, `virsh -c qemu+ssh://${host}/system list`).exitCode).toBe(host === 'kvm-01' ? 0 : 1);
  });

  it('Hyper-V: "You do not have the required permission to complete this task" as an error record (kubernetes/minikube#6732)', () => {
    const e = lab();
    as(e, 'alice');
    const r = runLine(e, 'Stop-VM -Name sql-01');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^Stop-VM : You do not have the required permission to complete this task\. Contact the administrator of the authorization policy for the computer 'HV-0\d'\.\n/,
    );
    expect(r.stderr).toContain('+ CategoryInfo          : NotSpecified: (:) [Stop-VM], VirtualizationException');
    expect(r.stderr).toContain('+ FullyQualifiedErrorId : Unspecified,Microsoft.HyperV.PowerShell.Commands.StopVM');
  });

  it("Docker 29: the client's permission-denied on the daemon's socket (moby client/request.go)", () => {
    const e = lab();
    as(e, 'alice');
    expect(runLine(e, 'docker ps')).toMatchObject({
      exitCode: 1,
      stderr: 'permission denied while trying to connect to the docker API at unix:///var/run/docker.sock\n',
    });
  });

  it("Kubernetes: the API server's Forbidden as kubectl prints it (apiserver responsewriters/errors.go forbiddenMessage, kubectl cmd/util/helpers.go)", () => {
    const e = lab();
    as(e, 'alice');
    expect(runLine(e, 'kubectl get pods').stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
    expect(runLine(e, 'kubectl -n shop delete deployment web').stderr).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "alice" cannot delete resource "deployments" in API group "apps" in the namespace "shop"\n',
    );
    expect(runLine(e, 'kubectl get nodes').stderr).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope\n',
    );
  });
});

describe('keys are judged as the native command they stand for', () => {
  it("a key the user may not use on a VM is left out of the footer, and refused in the platform's words when pressed, opening nothing; the refusal is audited", () => {
    const e = lab();
    expect(runLine(e, 'govc permissions.set -principal helpdesk -group -role ReadOnly /dc-east').exitCode).toBe(0);
    as(e, 'alice');
    const ctl = controllerFor(e);
    // Alice sees the vSphere VMs (read-only on the datacenter), and of KVM only kvm-01's; no Hyper-V VM.
    press(ctl, '2');
    const names = () => ctl.rows().rows.map((w) => e.sim.workloadCursor().at(w).name);
    expect(names()).toEqual(expect.arrayContaining(['web-01', 'db-01']));
    expect(names()).not.toContain('sql-01');
    const at = (name: string) => press(ctl, 'g', ...Array<string>(names().indexOf(name)).fill('j'));
    at('web-01');
    expect(hints(ctl).map((h) => h.key)).toContain('x');
    at('db-01');
    expect(hints(ctl).map((h) => h.key)).not.toContain('x');
    press(ctl, 'x');
    expect(ctl.state.message?.text).toBe('alice: govc: ServerFaultCode: Permission to perform this operation was denied.');
    expect(ctl.state.overlay).toBeUndefined();
    const last = e.providers.access.audit.entries.at(-1)!;
    expect(last).toMatchObject({ user: 'alice', result: 'denied', command: 'govc vm.power -s db-01', changed: false });
    // On web-01 the same key asks first, as for anyone who may, and stops it.
    at('web-01');
    press(ctl, 'x');
    expect(ctl.state.overlay?.type).toBe('confirm');
  });
});

describe('the footer offers n only to a user who may create somewhere', () => {
  it('leaves n out for a user with no right to create, and offers it to one with a group on a host', () => {
    const e = lab();
    expect(runLine(e, 'user add nobody').exitCode).toBe(0);
    as(e, 'nobody');
    const ctl = controllerFor(e);
    press(ctl, '2');
    expect(hints(ctl).map((h) => h.key)).not.toContain('n');
    as(e, 'administrator');
    expect(runLine(e, 'localgroup add * docker nobody').exitCode).toBe(0);
    as(e, 'nobody');
    press(ctl, '3');
    expect(hints(ctl).map((h) => h.key)).toContain('n');
  });
});

describe('az lists show what the caller may read', () => {
  it('a Contributor of one group lists its VMs, disks and networks, and nothing of the others, without an error', () => {
    const e = lab();
    expect(runLine(e, 'az role assignment delete --assignee dev --role Reader --scope /subscriptions/00000000-0000-0000-0000-000000000000').exitCode).toBe(0);
    as(e, 'dev');
    expect(runLine(e, 'az vm create -g dev-rg -n app-1 --image Ubuntu2404 --size Standard_B1s').exitCode).toBe(0);
    for (const line of ['az vm list', 'az disk list', 'az network vnet list', 'az network nsg list', 'az network public-ip list', 'az group list']) {
      const r = runLine(e, line);
      expect(r.exitCode, line).toBe(0);
      const groups = (JSON.parse(r.stdout) as { resourceGroup?: string; name: string }[]).map((x) => (x.resourceGroup ?? x.name).toLowerCase());
      expect(groups.length, line).toBeGreaterThan(0);
      expect(
        groups.every((g) => g === 'dev-rg'),
        line,
      ).toBe(true);
    }
  });
});
