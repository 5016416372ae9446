// Ways around the policy point that a review found, each closed: a line is judged
// on everything it acts on (the hosts of the VMs it names, not only the host it
// names; the datastore in a "[DS] path"; a migration's destination; what a group
// holds when it is deleted), rights go with their users and their objects, and
// every change, and every refusal, is on the audit trail and in the file.
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { controllerFor, press, prompt } from '../ui/helpers.js';

function lab(...lines: string[]): Estate {
  const e = defaultEstate(1);
  for (const line of lines) expect(runLine(e, line).exitCode, line).toBe(0);
  return e;
}
const as = (e: Estate, user: string) => expect(e.providers.access.actAs(user)).toBeUndefined();
const hostOf = (e: Estate, name: string) => e.sim.workloadViews().find((w) => w.name === name)!.host!;

describe('a line is judged on all it acts on', () => {
  it('Hyper-V: -ComputerName names one host, but the VM is found where it runs', () => {
    const e = lab('user add carol', "localgroup add hv-01 'Hyper-V Administrators' carol");
    expect(hostOf(e, 'sql-01')).not.toBe('hv-01');
    as(e, 'carol');
    expect(runLine(e, 'Stop-VM -Name sql-01 -ComputerName hv-01 -Force').stderr).toMatch(/You do not have the required permission/);
    expect(runLine(e, 'New-VMSwitch -Name Evil -SwitchType Internal -ComputerName hv-01').exitCode).toBe(1);
  });

  it('libvirt: -c names one host, but a domain is found on its own; a migration needs the destination too', () => {
    const e = lab('user add carol', 'localgroup add kvm-01 libvirt carol');
    const dev = hostOf(e, 'dev-01');
    expect(dev).not.toBe('kvm-01');
    as(e, 'carol');
    expect(runLine(e, 'virsh -c qemu+ssh://root@kvm-01/system destroy dev-01').stderr).toMatch(/org\.libvirt\.unix\.manage/);
    const onKvm01 = e.sim.workloadViews().find((w) => w.host === 'kvm-01' && w.platform === 'kvm')!.name;
    expect(runLine(e, `virsh migrate --live ${onKvm01} qemu+ssh://${dev}/system`).stderr).toMatch(/org\.libvirt\.unix\.manage/);
  });

  it("govc: cluster.change by any path to the cluster, a datastore path's own datastore, vm.migrate's destination", () => {
    const e = lab(
      'user add bob',
      'govc permissions.set -principal bob -role ReadOnly /',
      'govc permissions.set -principal bob -role Admin /dc-east/datastore/prod-lun01',
    );
    as(e, 'bob');
    for (const path of ['vsphere-prod', 'foo/vsphere-prod', '/dc-west/host/vsphere-prod', '/dc-east/host/vsphere-prod/Resources/vsphere-prod'])
      expect(runLine(e, `govc cluster.change -drs-enabled=false ${path}`).stderr, path).toMatch(/Permission to perform this operation was denied/);
    expect(runLine(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G "[prod-nfs01] disks/y.vmdk"').stderr).toMatch(/Permission to perform/);
    expect(runLine(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G disks/y.vmdk').exitCode).toBe(0);
    as(e, 'administrator');
    expect(runLine(e, 'govc permissions.set -principal bob -role Admin /dc-east/vm/web-01').exitCode).toBe(0);
    as(e, 'bob');
    // Resource.AssignVMToPool on the destination's cluster, which ReadOnly on / does not hold.
    expect(runLine(e, 'govc vm.migrate -host esx-02 web-01').stderr).toMatch(/Permission to perform/);
  });

  it('Hyper-V: Move-VM needs the group on the destination host too', () => {
    const e = lab('user add carol');
    const from = hostOf(e, 'files-01');
    const to = ['hv-01', 'hv-02', 'hv-03'].find((h) => h !== from)!;
    expect(runLine(e, `localgroup add ${from} 'Hyper-V Administrators' carol`).exitCode).toBe(0);
    as(e, 'carol');
    expect(runLine(e, `Move-VM -Name files-01 -DestinationHost ${to}`).stderr).toMatch(/required permission/);
  });

  it('az group delete is refused when a deny assignment protects something in the group', () => {
    const e = lab('user add dev', 'az role assignment create --assignee dev --role Contributor --resource-group shop-rg');
    e.providers.access.azureDenies.push({
      name: 'managed-app-lock',
      principals: ['*'],
      excludePrincipals: [],
      actions: ['*/delete'],
      notActions: [],
      scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-rg/providers/Microsoft.Compute/virtualMachines/jumpbox',
      doNotApplyToChildScopes: false,
    });
    as(e, 'dev');
    expect(runLine(e, 'az vm delete -g shop-rg -n jumpbox --yes').exitCode).toBe(1);
    expect(runLine(e, 'az group delete -n shop-rg --yes').stderr).toMatch(/virtualMachines\/delete' over scope '.*virtualMachines\/jumpbox'/);
    expect(e.providers.azure.workloadsBrief().length).toBe(5);
  });

  it('docker context use needs the group on the host it switches to, and listing contexts none', () => {
    const e = lab('user add carol', 'localgroup add docker-vm-01 docker carol');
    as(e, 'carol');
    expect(runLine(e, 'docker context ls').exitCode).toBe(0);
    expect(runLine(e, 'docker context use docker-vm-01').exitCode).toBe(0);
    expect(runLine(e, 'docker ps').exitCode).toBe(0);
    expect(runLine(e, 'docker context use docker-01').stderr).toMatch(/permission denied/);
  });
});

describe('rights go with their users and their objects', () => {
  it('a user deleted takes their own grants along: one made again under the name starts with nothing; the file reads back', () => {
    const e = lab(
      'user add bob --groups staff',
      'govc permissions.set -principal staff -group -role Admin /dc-east',
      'az role assignment create --assignee bob --role Owner --scope /subscriptions/00000000-0000-0000-0000-000000000000',
      'localgroup add kvm-01 libvirt bob',
      'user set bob --groups=',
      'user del bob',
      'user add bob',
    );
    as(e, 'bob');
    expect(runLine(e, 'az vm stop -g shop-rg -n reports').stderr).toMatch(/AuthorizationFailed/);
    as(e, 'administrator');
    const again = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    expect(again.ok, again.ok ? '' : again.error.message).toBe(true);
  });

  it('a VM made again under an old name does not inherit the permission the old one had', () => {
    const e = lab(
      'user add bob',
      'govc permissions.set -principal bob -role Admin /dc-east/vm/batch-01',
      'govc vm.destroy batch-01',
      'govc vm.create -on=false batch-01',
    );
    as(e, 'bob');
    expect(runLine(e, 'govc vm.power -on batch-01').stderr).toMatch(/not found|Permission/);
  });

  it('the estate administrator stays one, and a Kubernetes group takes its colon', () => {
    const e = lab('user add k --groups system:masters');
    expect(runLine(e, 'user set administrator --groups system:masters').stderr).toMatch(/stays in Administrators/);
    as(e, 'k');
    expect(runLine(e, 'kubectl get pods').exitCode).toBe(0);
  });
});

describe('the audit trail has every change and every refusal', () => {
  it('B and the :drs picker write theirs; a reader sees only their own entries', () => {
    const e = lab('user add bob');
    const ctl = controllerFor(e);
    press(ctl, '2', 'g', 'B');
    expect(e.providers.access.audit.entries.at(-1)).toMatchObject({ command: expect.stringMatching(/^:backup /), changed: true });
    // A hot host, then the picker's moves applied (demo/balancing.tape's set-up).
    for (const n of [1, 2, 3, 4]) expect(runLine(e, `govc vm.create -c 8 -m 16384 -host esx-01 -ds prod-lun01 hot-${n}`).exitCode).toBe(0);
    runLine(e, 'sleep 5m');
    for (const n of [1, 2, 3, 4]) expect(runSim(e, ['load', `hot-${n}`, '95%'])).toBeUndefined();
    runLine(e, 'sleep 10s');
    prompt(ctl, 'drs vsphere-prod 5');
    expect(ctl.state.overlay?.type).toBe('pick');
    const had = e.providers.access.audit.count;
    press(ctl, 'enter');
    expect(ctl.state.message?.text).toMatch(/started to balance/);
    expect(e.providers.access.audit.count).toBe(had + 1);
    expect(e.providers.access.audit.entries.at(-1)).toMatchObject({ command: expect.stringMatching(/^:drs vsphere-prod \(\d+ moves?: hot-/), changed: true });
    as(e, 'bob');
    expect(runLine(e, 'audit').stdout).toBe('no entries\n');
  });

  it('correlation ids differ between estates', () => {
    const a = lab('user add a');
    const b = lab('govc vm.power -off web-02');
    expect(a.providers.access.audit.entries[0].correlationId).not.toBe(b.providers.access.audit.entries[0].correlationId);
  });
});

describe('kubectl is judged on the namespace and resource the API server sees', () => {
  const setup = () => {
    const e = lab(
      'kubectl create namespace prod',
      'kubectl create deployment db --image=postgres:16 -n prod',
      'user add dev',
      'kubectl create rolebinding dev-edit --clusterrole=edit --user=dev',
    );
    as(e, 'dev');
    return e;
  };
  it.each([
    ['kubectl delete deployments --all -A', /cannot delete resource "deployments" in API group "apps" at the cluster scope/],
    ['kubectl -nprod delete deployment db', /in the namespace "prod"/],
    ['kubectl get deploy -A', /cannot list resource "deployments" in API group "apps" at the cluster scope/],
    ['kubectl -n prod run p1 --image=nginx:1.27', /cannot create resource "pods" in API group "" in the namespace "prod"/],
    ['kubectl -n prod rollout restart deployment/db', /cannot patch resource "deployments"/],
    ['kubectl -n prod set image deployment/db postgres=postgres:17', /cannot patch resource "deployments"/],
    ['kubectl -n prod get pods,svc', /cannot list resource "pods"/],
  ])('%s is refused', (line, why) => {
    const e = setup();
    expect(runLine(e, line).stderr).toMatch(why);
  });

  it('lets the same through in the namespace the binding is in', () => {
    const e = setup();
    expect(runLine(e, 'kubectl get deploy -n default').exitCode).toBe(0);
    expect(runLine(e, 'kubectl get pods,svc').exitCode).toBe(0);
  });

  it('a user deleted leaves no binding behind, nor a namespace deleted its roles', () => {
    const e = setup();
    as(e, 'administrator');
    expect(runLine(e, 'kubectl create rolebinding p --clusterrole=admin --user=dev -n prod').exitCode).toBe(0);
    expect(runLine(e, 'user del dev').exitCode).toBe(0);
    expect(runLine(e, 'user add dev').exitCode).toBe(0);
    expect(runLine(e, 'kubectl auth can-i get pods --as dev').stdout).toBe('no\n');
    expect(runLine(e, 'kubectl create rolebinding q --clusterrole=admin --user=ops -n prod').exitCode).toBe(0);
    expect(runLine(e, 'kubectl delete namespace prod').exitCode).toBe(0);
    runLine(e, 'sleep 2m');
    runLine(e, 'govc vm.power -off web-02');
    expect(runLine(e, 'kubectl get rolebindings -A').stdout).not.toMatch(/prod/);
  });

  it('an estate file with odd RBAC names reads back', () => {
    const e = lab(
      'kubectl create rolebinding r --clusterrole=view --user=alice@example.com',
      'kubectl create clusterrolebinding s --clusterrole=view --group=system:authenticated',
    );
    expect(runLine(e, 'kubectl create rolebinding t --clusterrole= --user=x').exitCode).toBe(1);
    expect(runLine(e, 'kubectl create role u --verb=get --resource=.apps').exitCode).toBe(1);
    const again = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    expect(again.ok, again.ok ? '' : again.error.message).toBe(true);
  });
});
