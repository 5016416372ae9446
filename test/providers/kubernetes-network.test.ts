// Kubernetes in the estate's network: the pod network as the Kubernetes network
// model has it (kubernetes.io, "Cluster Networking": every pod reaches every
// other without NAT), Services as ways in (the ClusterIP from inside the
// cluster; a LoadBalancer's address from where it is), and LoadBalancer
// Services through the shared load balancer model: kube-proxy sends to every
// endpoint until the pod is not Ready, which a lost node's pods become after
// node-monitor-grace-period (50 s from Kubernetes 1.32), so their share fails
// until then.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate, presetEstate } from '../default-estate.js';

type E = ReturnType<typeof defaultEstate>;
const ok = (e: E, line: string) => {
  const r = runLine(e, line);
  expect(r.stderr, line).toBe('');
  expect(r.exitCode, line).toBe(0);
  return r.stdout;
};
const decided = (e: E, line: string) => /decided by: (.*)/.exec(runLine(e, line).stdout)?.[1];

/** The built-in estate with a three-replica nginx Deployment behind a LoadBalancer Service, its pods up. */
function withWeb(): { e: E; pods: { name: string; ip: string; node: string }[] } {
  const e = defaultEstate(1);
  ok(e, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
  ok(e, 'kubectl expose deployment web --port=80 --target-port=80 --type=LoadBalancer');
  ok(e, 'sleep 2m');
  const pods = ok(e, 'kubectl get pods -o wide --no-headers')
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/))
    .map((c) => ({ name: c[0]!, ip: c[5]!, node: c[6]! }));
  return { e, pods };
}

describe('Kubernetes pods and Services in reach', () => {
  it('pods reach each other across nodes on the pod network; the LAN reaches no pod address; pods reach out', () => {
    const { e, pods } = withWeb();
    const a = pods.find((p) => p.node === 'docker-01')!;
    const b = pods.find((p) => p.node === 'docker-vm-01')!;
    expect(runLine(e, `reach ${a.name} ${b.name} 80`).stdout).toContain('same segment: pod network of cluster lab');
    expect(decided(e, `reach web-01 ${a.ip} 80`)).toBe('no route from the LAN of dc-east on VLAN 10 to pod network of cluster lab');
    expect(decided(e, `reach ${a.name} internet 443`)).toBe('nothing on the path filters tcp/443');
  });

  it("a Service's ClusterIP is reached from the pods, to a ready pod at its target port, and from nowhere else", () => {
    const { e, pods } = withWeb();
    const clusterIp = ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[2]!;
    const r = runLine(e, `reach ${pods[0]!.name} ${clusterIp} 80`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Service default/web: ${clusterIp.replaceAll('.', '\\.')}:80 -> 10\\.244\\.\\d+\\.\\d+:80`));
    expect(decided(e, `reach web-01 ${clusterIp} 80`)).toBe(`no route from the LAN of dc-east on VLAN 10 to ${clusterIp} on pod network of cluster lab`);
    expect(runLine(e, `reach ${pods[0]!.name} ${clusterIp} 81`).stderr).toBe(`reach: no NIC of the estate has the address ${clusterIp}\n`);
  });

  it("an on-premises LoadBalancer's address, from the cluster's pool on dc-east's LAN, is reached from the routed VLANs, not the internet", () => {
    const { e } = withWeb();
    expect(ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[3]).toBe('10.20.0.250');
    const r = runLine(e, 'reach app-01 10.20.0.250 80');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Service default\/web \(LoadBalancer\): 10\.20\.0\.250:80 -> 10\.244\.\d+\.\d+:80/);
    expect(decided(e, 'reach internet 10.20.0.250 80')).toBe('10.20.0.250 is a private address: nothing routes to it from the internet');
  });
});

describe('LoadBalancer Services through the shared load balancer model', () => {
  it('traffic spreads over the endpoints; a lost node keeps its pods in rotation, failing, until they are not Ready (50 s)', () => {
    const { e, pods } = withWeb();
    const listed = ok(e, 'traffic');
    expect(listed).toContain(
      'Service default/web (lab/default/web) 10.20.0.250, rule 80-tcp: tcp/80 -> pool endpoints port 80, no probe (kube-proxy sends to a pod until it is not Ready and its endpoint is removed)',
    );
    for (const p of pods) expect(listed).toContain(`  ${p.name} ${p.ip}: healthy`);
    const before = ok(e, 'traffic web 300');
    expect(before).toContain('300 requests: 300 answered, 0 failed');
    // docker-vm-01 is a container host inside the KVM VM dockervm-01: that VM off, the node is lost.
    const lost = pods.filter((p) => p.node === 'docker-vm-01');
    expect(lost.length).toBeGreaterThan(0);
    ok(e, 'virsh destroy dockervm-01');
    const during = runLine(e, 'traffic web 300');
    expect(during.exitCode).toBe(1);
    for (const p of lost) expect(during.stdout).toMatch(new RegExp(`${p.name} +${p.ip.replaceAll('.', '\\.')} +failing +\\d+ +\\d+ +`));
    const failed = Number(/300 requests: \d+ answered, (\d+) failed/.exec(during.stdout)![1]);
    expect(failed).toBeGreaterThan(0);
    // Past the grace period the node is NotReady, its pods not Ready: out of the endpoints, the others take every request.
    ok(e, 'sleep 70s');
    const after = ok(e, 'traffic web 300');
    expect(after).toContain('300 requests: 300 answered, 0 failed');
    for (const p of lost) expect(after).not.toContain(p.name);
  });

  it("a cloud cluster's LoadBalancer has a public address: the internet reaches the pods through it", () => {
    const e = presetEstate('hybrid');
    const ctx = ok(e, 'kubectl config get-contexts -o name').trim().split('\n');
    const aks = ctx.find((c) => c.endsWith('-aks'));
    expect(aks).toBeDefined();
    ok(e, `kubectl config use-context ${aks}`);
    ok(e, 'kubectl create deployment shop --image=nginx:1.27 --replicas=2');
    ok(e, 'kubectl expose deployment shop --port=80 --type=LoadBalancer');
    ok(e, 'sleep 2m');
    const ip = ok(e, 'kubectl get svc shop --no-headers').split(/\s+/)[3]!;
    expect(ip).toMatch(/^20\./);
    const r = runLine(e, `reach internet ${ip} 80`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Service default/shop (LoadBalancer): ${ip}:80 -> `);
    expect(ok(e, 'traffic shop 10')).toContain('10 requests: 10 answered, 0 failed');
  });
});
