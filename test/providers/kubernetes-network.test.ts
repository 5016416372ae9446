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
import { decided, ok } from './estate-lines.js';

type E = ReturnType<typeof defaultEstate>;

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

  it("pods and containers reach the LAN through their host's masquerade, seen as its address; a physical host's NAT only the internet", () => {
    const { e, pods } = withWeb();
    const a = pods.find((p) => p.node === 'docker-01')!;
    const b = pods.find((p) => p.node === 'docker-vm-01')!;
    // docker-01's address is its own on dc-east's LAN, its node InternalIP; docker-vm-01's its VM's (dockervm-01, on dc-west's LAN).
    const hostAddress = ok(e, 'kubectl get nodes -o wide --no-headers')
      .split('\n')
      .find((l) => l.startsWith('docker-01'))!
      .split(/\s+/)[5]!;
    expect(hostAddress).toMatch(/^10\.20\.0\.\d+$/);
    expect(runLine(e, `reach ${a.name} db-01 5432`).stdout).toContain(
      `3. pass   masqueraded by docker-01 as ${hostAddress} onto the LAN of dc-east (untagged)\n` +
        '  4. pass   routed by the site routers: the LAN of dc-east (untagged) -> gateway 10.20.0.1 -> the LAN of dc-east on VLAN 30\n',
    );
    const vmAddress = ok(e, 'kubectl get nodes -o wide --no-headers')
      .split('\n')
      .find((l) => l.startsWith('docker-vm-01'))!
      .split(/\s+/)[5]!;
    expect(vmAddress).toMatch(/^10\.36\.0\.\d+$/);
    expect(runLine(e, `reach ${b.name} monitoring 9100`).stdout).toContain(`masqueraded by docker-vm-01 as ${vmAddress} onto the LAN of dc-west (untagged)`);
    expect(runLine(e, 'reach grafana app-01 3000').stdout).toContain(`masqueraded by docker-vm-01 as ${vmAddress}`);
    // The destination's own firewall sees the host's address, not the pod's.
    ok(e, `guest db-01 ufw allow from ${hostAddress} to any port 5432 proto tcp`);
    ok(e, 'guest db-01 ufw enable');
    expect(decided(e, `reach ${a.name} db-01 5432`)).toBe(`ufw on db-01: [1] 5432/tcp ALLOW IN ${hostAddress}`);
    // A KVM host's NAT takes its guests out as the host's own address on its LAN.
    expect(runLine(e, 'reach ci-runner-01 monitoring 9100').stdout).toMatch(/masqueraded by kvm-01 as 10\.36\.0\.\d+ onto the LAN of dc-west \(untagged\)/);
    expect(decided(e, `reach ${b.name} db-01 5432`)).toBe('ufw on db-01: default deny (incoming)');
    // The way out is onto the host's own network, whatever else has a block with its address (another daemon's bridge).
    ok(e, 'docker -H docker-vm-01 network create --subnet 10.20.0.0/16 lookalike');
    expect(runLine(e, 'reach nginx app-01 80').stdout).toContain(`masqueraded by docker-01 as ${hostAddress} onto the LAN of dc-east (untagged)`);
    // A container naming its own address is at both ends, though another host's container has that address too.
    expect(runLine(e, 'reach nginx 172.17.0.2 80').stderr).toBe('reach: nginx is at both ends: there is no network between a workload and itself\n');
  });

  it("a Service's ClusterIP is reached from the pods, to a ready pod at its target port, and from nowhere else", () => {
    const { e, pods } = withWeb();
    const clusterIp = ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[2]!;
    const r = runLine(e, `reach ${pods[0]!.name} ${clusterIp} 80`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Service default/web: ${clusterIp.replaceAll('.', '\\.')}:80 -> 10\\.244\\.\\d+\\.\\d+:80`));
    expect(decided(e, `reach web-01 ${clusterIp} 80`)).toBe(`no route from the LAN of dc-east on VLAN 10 to ${clusterIp} on pod network of cluster lab`);
    expect(runLine(e, `reach ${pods[0]!.name} ${clusterIp} 81`).stderr).toBe(
      `reach: ${clusterIp} is the address of Service default/web, which has no tcp port 81 (its ports: 80/TCP)\n`,
    );
  });

  it("an on-premises LoadBalancer's address, from the cluster's pool on dc-east's LAN, is reached from the routed VLANs, not the internet", () => {
    const { e } = withWeb();
    expect(ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[3]).toBe('10.20.0.250');
    const r = runLine(e, 'reach app-01 10.20.0.250 80');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Service default\/web \(LoadBalancer\): 10\.20\.0\.250:80 -> 10\.244\.\d+\.\d+:80/);
    expect(decided(e, 'reach internet 10.20.0.250 80')).toBe('10.20.0.250 is a private address: nothing routes to it from the internet');
    // From a pod kube-proxy answers for it on its own node: the way never leaves the pod network.
    const pod = ok(e, 'kubectl get pods --no-headers').split(/\s+/)[0]!;
    const own = runLine(e, `reach ${pod} 10.20.0.250 80`).stdout;
    expect(own).not.toContain('masqueraded');
    expect(own).toMatch(/Service default\/web \(LoadBalancer\): 10\.20\.0\.250:80 -> 10\.244\.\d+\.\d+:80/);
    // An address of the pool, or a node's, is no one else's to take.
    expect(runLine(e, 'lb create vip --vip 10.20.0.251:80 --server web-01').stderr).toBe(
      "lb create: 10.20.0.251 is taken: cluster lab's LoadBalancer pool (10.20.0.250-10.20.0.254) has it\n",
    );
    // A node's address, where it stands outside the DHCP scope, is its own too (an estate file may put one there).
    expect(runLine(e, 'lb create vip --vip 10.20.0.250:8080 --server web-01').stderr).toMatch(/^lb create: 10\.20\.0\.250 is taken: /);
  });

  it('a pod reaches its own Service when it is the only endpoint (a hairpin)', () => {
    const e = defaultEstate(1);
    ok(e, 'kubectl create deployment solo --image=nginx:1.27');
    ok(e, 'kubectl expose deployment solo --port=80');
    ok(e, 'sleep 2m');
    const pod = ok(e, 'kubectl get pods --no-headers').split(/\s+/)[0]!;
    const ip = ok(e, 'kubectl get svc solo --no-headers').split(/\s+/)[2]!;
    expect(runLine(e, `reach ${pod} ${ip} 80`).exitCode).toBe(0);
  });

  it("the enterprise estate's cluster: nodes at their VMs' addresses, its pool on dc-prod's LAN, reached from the tiers", () => {
    const e = presetEstate('enterprise');
    ok(e, 'kubectl config use-context k8s-prod');
    const nodes = ok(e, 'kubectl get nodes -o wide --no-headers')
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/));
    for (const [name, , , , , ip] of nodes) expect(ok(e, `govc vm.ip ${name}`)).toBe(`${ip}\n`);
    ok(e, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    ok(e, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    ok(e, 'sleep 2m');
    expect(ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[3]).toBe('10.20.0.250');
    expect(decided(e, 'reach app-001 10.20.0.250 80')).toBe('nothing on the path filters tcp/80');
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
    // Still in rotation 45 s on: the node controller waits node-monitor-grace-period (50 s) for the kubelet.
    ok(e, 'sleep 45s');
    const during = runLine(e, 'traffic web 300');
    expect(during.exitCode).toBe(1);
    for (const p of lost) expect(during.stdout).toMatch(new RegExp(`${p.name} +${p.ip.replaceAll('.', '\\.')} +failing +\\d+ +\\d+ +`));
    const failed = Number(/300 requests: \d+ answered, (\d+) failed/.exec(during.stdout)![1]);
    expect(failed).toBeGreaterThan(0);
    // Past the grace period the node is NotReady, its pods not Ready: out of the endpoints, the others take every request.
    ok(e, 'sleep 25s');
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

describe('addresses that answer nothing reach asks', () => {
  it('a Service with no ready endpoint or without the port, the kubernetes Service, a gateway, a host: each said for what it is', () => {
    const { e, pods } = withWeb();
    const ip = ok(e, 'kubectl get svc web --no-headers').split(/\s+/)[2]!;
    expect(runLine(e, `reach ${pods[0]!.name} ${ip} 8080`).stderr).toBe(
      `reach: ${ip} is the address of Service default/web, which has no tcp port 8080 (its ports: 80/TCP)\n`,
    );
    const node = ok(e, 'kubectl get nodes -o wide --no-headers').split('\n')[0]!.split(/\s+/)[5]!;
    expect(runLine(e, `reach ${pods[0]!.name} 10.96.0.1 443`).stderr).toBe(
      `reach: 10.96.0.1 is the address of Service default/kubernetes, whose endpoints are the API servers (${node}:6443 on docker-01): hosts, which reach does not take as endpoints\n`,
    );
    expect(runLine(e, 'reach app-01 10.20.10.1 22').stderr).toBe(
      "reach: 10.20.10.1 is the gateway of VLAN 10 of dc-east: its site's router, which reach does not take as an endpoint\n",
    );
    expect(runLine(e, `reach app-01 ${node} 22`).stderr).toBe(
      `reach: ${node} is docker-01's own address on its LAN: a host, which reach does not take as an endpoint\n`,
    );
    ok(e, 'kubectl scale deployment web --replicas=0');
    ok(e, 'sleep 1m');
    expect(runLine(e, 'reach app-01 10.20.0.250 80').stderr).toBe(
      'reach: 10.20.0.250 is the address of Service default/web, which has no ready endpoints: kube-proxy rejects the connection\n',
    );
  });
});
