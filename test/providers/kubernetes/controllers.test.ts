// The controllers on the estate's clock: scaling, self-healing after a host
// failure (node-monitor-grace-period 50 s in 1.32, kubernetes#126287; the
// DefaultTolerationSeconds 300 s), a rolling update and its undo (events worded
// as pkg/controller/deployment/sync.go words them), the kubelet's crash back-off
// (10 s doubling, pkg/kubelet), and a pod that fits nowhere (kube-scheduler's FitError).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate, saveEstate } from '../../../src/estate/store.js';
import { lab, rows, WEB_APP } from './helpers.js';

const statuses = (out: string) => rows(out).map((c) => c[2]);

describe('scaling', () => {
  it('kubectl scale brings the deployment to 5 running pods, and back to 2', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    expect(run('kubectl scale deployment web-app --replicas=5').stdout).toBe('deployment.apps/web-app scaled\n');
    sleep(30);
    expect(statuses(run('kubectl get pods').stdout)).toEqual(Array(5).fill('Running'));
    expect(rows(run('kubectl get deploy').stdout)[0].slice(1, 4)).toEqual(['5/5', '5', '5']);
    run('kubectl scale deploy/web-app --replicas=2');
    sleep(30);
    expect(statuses(run('kubectl get pods').stdout)).toEqual(['Running', 'Running']);
    expect(run('kubectl scale deployment nope --replicas=1').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});

describe('self-healing', () => {
  it('marks the node NotReady 50 s after its host goes, evicts its pods 300 s later, and replaces them on a Ready node', () => {
    const { run, sleep, estate } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    const onVm = rows(run('kubectl get pods -o wide').stdout).filter((c) => c[6] === 'docker-vm-01');
    expect(onVm.length).toBeGreaterThan(0);
    run('virsh destroy dockervm-01');
    const failedAt = estate.sim.now;
    sleep(45);
    expect(rows(run('kubectl get nodes').stdout)[1][1]).toBe('Ready');
    sleep(10);
    expect(rows(run('kubectl get nodes').stdout)[1][1]).toBe('NotReady');
    // Its pods are no longer ready, so the service's endpoints drop them.
    sleep(1);
    expect(rows(run('kubectl get pods -o wide').stdout).filter((c) => c[6] === 'docker-vm-01')[0][1]).toBe('0/1');
    // Eviction comes 300 s after the node went NotReady (within the controllers' 1 s pass).
    estate.sim.advanceTo(failedAt + 51_000 + 300_000 - 2_000);
    expect(rows(run('kubectl get pods -o wide').stdout).filter((c) => c[2] === 'Terminating')).toHaveLength(0);
    sleep(35);
    const after = rows(run('kubectl get pods -o wide').stdout);
    expect(after.filter((c) => c[2] === 'Terminating').length).toBe(onVm.length);
    expect(after.filter((c) => c[2] === 'Running' && c[6] === 'docker-01').length).toBe(3);
    // Its host back, the node is Ready and the stranded pods are gone.
    run('virsh start dockervm-01');
    sleep(120);
    expect(rows(run('kubectl get nodes').stdout)[1][1]).toBe('Ready');
    expect(rows(run('kubectl get pods').stdout)).toHaveLength(3);
  });
});

describe('rolling update and undo', () => {
  it('rolls out nginx:1.21 within maxSurge 2 and maxUnavailable 1 of 5, and undo rolls back to nginx:1.20 as revision 3', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    run('kubectl scale deployment web-app --replicas=5');
    sleep(40);
    expect(run('kubectl set image deployment/web-app web-app=nginx:1.21').stdout).toBe('deployment.apps/web-app image updated\n');
    const status = run('kubectl rollout status deployment/web-app');
    expect(status.exitCode).toBe(0);
    expect(status.stdout.split('\n')[0]).toBe('Waiting for deployment "web-app" rollout to finish: 0 out of 5 new replicas have been updated...');
    expect(status.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "web-app" successfully rolled out');
    const events = run('kubectl describe deployment web-app').stdout;
    // The first step: the new set to 2 (5 + surge 2 - 5 old), the old one to 4 (7 - 4 available kept - 2 new unready = 1).
    expect(events).toMatch(/Scaled up replica set web-app-\w+ from 0 to 2\n.*Scaled down replica set web-app-\w+ from 5 to 4\n/);
    const rs = rows(run('kubectl get rs').stdout);
    expect(rs.map((c) => c[1]).sort()).toEqual(['0', '5']);
    expect(run('kubectl rollout history deployment/web-app').stdout).toBe(
      'deployment.apps/web-app \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(run('kubectl rollout undo deployment/web-app').stdout).toBe('deployment.apps/web-app rolled back\n');
    run('kubectl rollout status deployment/web-app');
    // The old pods are Terminating for as long as nginx takes to stop.
    sleep(30);
    const pods = JSON.parse(run('kubectl get pods -o json').stdout) as { items: { spec: { containers: { image: string }[] } }[] };
    expect(pods.items.map((p) => p.spec.containers[0].image)).toEqual(Array(5).fill('nginx:1.20'));
    expect(run('kubectl get deploy web-app -o yaml').stdout).toContain('deployment.kubernetes.io/revision: "3"');
  });

  it('pauses and resumes a rollout', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    expect(run('kubectl rollout pause deployment/web-app').stdout).toBe('deployment.apps/web-app paused\n');
    run('kubectl set image deployment/web-app web-app=nginx:1.21');
    sleep(30);
    expect(rows(run('kubectl get rs').stdout)).toHaveLength(1);
    expect(run('kubectl rollout pause deployment/web-app').stderr).toBe('error: deployments.apps "web-app" is already paused\n');
    run('kubectl rollout resume deployment/web-app');
    run('kubectl rollout status deployment/web-app');
    expect(rows(run('kubectl get rs').stdout)).toHaveLength(2);
  });
});

describe('the kubelet', () => {
  it('restarts a container killed over its memory limit with back-off 10 s doubling: CrashLoopBackOff', () => {
    const { estate, run, sleep } = lab();
    // nginx's working set is about 24 MiB: under a 8Mi limit the kernel OOM-kills it.
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tight\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      limits:\n        memory: 8Mi\n';
    expect(estate.providers.exec('kubectl apply -f -', pod).stdout).toBe('pod/tight created\n');
    let restarts = 0;
    let sawBackOff = false;
    for (let i = 0; i < 180; i++) {
      sleep(1);
      const c = rows(run('kubectl get pod tight').stdout)[0];
      if (c[2] === 'CrashLoopBackOff') sawBackOff = true;
      restarts = Number(c[3].split(' ')[0]);
    }
    expect(sawBackOff).toBe(true);
    // Restarts at once, then after 10, 20, 40, 80 s (and the runs between): four or five in three minutes.
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(restarts).toBeLessThanOrEqual(6);
    expect(run('kubectl describe pod tight').stdout).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
  });
});

describe('the scheduler', () => {
  it("leaves a pod that fits nowhere Pending, with kube-scheduler's message in describe", () => {
    const { estate, run, sleep } = lab();
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        memory: 500Gi\n';
    estate.providers.exec('kubectl apply -f -', pod);
    sleep(5);
    expect(rows(run('kubectl get pod huge').stdout)[0][2]).toBe('Pending');
    expect(run('kubectl describe pod huge').stdout).toContain(
      'FailedScheduling  5s    default-scheduler  0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });
});

describe('estate files', () => {
  it('keep every object, and a reloaded estate carries on as the one saved', () => {
    const { estate, run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(3);
    const path = join(tmpdir(), `hyperpane-k8s-file-${process.pid}.json`);
    expect(saveEstate(estate, path).ok).toBe(true);
    const again = loadEstate(path);
    expect(again.ok ? '' : `${again.error.message} ${again.error.details?.join('; ')}`).toBe('');
    if (!again.ok) return;
    for (const e of [estate, again.value]) e.sim.advance(60_000);
    const line = 'kubectl get pods,rs,deploy,svc -o wide';
    expect(again.value.providers.exec(line).stdout).toBe(estate.providers.exec(line).stdout);
    expect(again.value.providers.exec('kubectl get events').stdout).toBe(estate.providers.exec('kubectl get events').stdout);
  });
});

describe('the horizontal pod autoscaler', () => {
  it('scales on CPU by ceil(replicas x utilization / target), and back down only after the 300 s stabilization window', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    expect(run('kubectl set resources deployment web-app --requests=cpu=200m').stdout).toBe('deployment.apps/web-app resource requirements updated\n');
    sleep(40);
    expect(run('kubectl autoscale deployment web-app --cpu-percent=50 --min=1 --max=10').stdout).toBe(
      'horizontalpodautoscaler.autoscaling/web-app autoscaled\n',
    );
    sleep(20);
    // Idle: 0% of the request, but a new autoscaler shrinks nothing for its first 5 minutes.
    expect(rows(run('kubectl get hpa').stdout)[0].slice(2, 6)).toEqual(['cpu: 0%/50%', '1', '10', '3']);
    // The walkthrough's load generator: about 610m of demand on the service's pods.
    const gen = run(
      'kubectl run load-generator --image=busybox:1.36 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://web-app-service; done"',
    );
    expect(gen.stdout).toBe('pod/load-generator created\n');
    sleep(90);
    // 610m over 3 pods of 200m is ~100% of the request: ceil(3 x 101/50) = 7 at most, max(2 x 3, 3 + 4) = 7 a step. It
    // settles where 610m over the pods is within 10% of 50% of their requests or below: 6 pods (51%) or 7 (44%).
    const hpa = rows(run('kubectl get hpa').stdout)[0];
    const replicas = Number(hpa[5]);
    expect([6, 7]).toContain(replicas);
    const pct = Number(/cpu: (\d+)%\/50%/.exec(hpa[2])![1]);
    expect(Math.abs(pct - 61_000 / (replicas * 200))).toBeLessThanOrEqual(6);
    expect(pct).toBeLessThanOrEqual(55);
    expect(run('kubectl describe hpa web-app').stdout).toMatch(/New size: [67]; reason: cpu resource utilization \(percentage of request\) above target/);
    run('kubectl delete pod load-generator');
    sleep(240);
    expect(rows(run('kubectl get hpa').stdout)[0][5]).toBe(String(replicas));
    sleep(120);
    expect(rows(run('kubectl get hpa').stdout)[0][5]).toBe('1');
    expect(run('kubectl describe hpa web-app').stdout).toContain('New size: 1; reason: All metrics below target');
  });

  it('says why it cannot scale a deployment whose pods request no CPU', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    run('kubectl autoscale deployment web-app --cpu-percent=50 --max=5');
    sleep(20);
    expect(rows(run('kubectl get hpa').stdout)[0][2]).toBe('cpu: <unknown>/50%');
    expect(run('kubectl describe hpa web-app').stdout).toMatch(
      /ScalingActive\s+False\s+FailedGetResourceMetric\s+the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container web-app of Pod web-app-/,
    );
  });
});

describe('affinity', () => {
  const deployment = (affinity: string) =>
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: spread\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: spread\n' +
    `  template:\n    metadata:\n      labels:\n        app: spread\n    spec:\n      affinity:\n${affinity}      containers:\n      - name: web\n        image: nginx:1.27\n`;

  it("required pod anti-affinity on the hostname keeps one pod a node, and the third waits with the scheduler's reason", () => {
    const { estate, run, sleep } = lab();
    const anti =
      '        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels:\n                app: spread\n' +
      '            topologyKey: kubernetes.io/hostname\n';
    expect(estate.providers.exec('kubectl apply -f -', deployment(anti)).stdout).toBe('deployment.apps/spread created\n');
    sleep(30);
    const pods = rows(run('kubectl get pods -o wide').stdout);
    expect(pods.map((c) => c[2]).sort()).toEqual(['Pending', 'Running', 'Running']);
    expect(new Set(pods.filter((c) => c[2] === 'Running').map((c) => c[6])).size).toBe(2);
    const pending = pods.find((c) => c[2] === 'Pending')![0];
    // interpodaffinity's ErrReasonAntiAffinityRulesNotMatch; evicting would help, so preemption finds no victims (one priority).
    expect(run(`kubectl describe pod ${pending}`).stdout).toContain(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
  });

  it('required node affinity puts every pod where it says; a preferred term draws them (NodeAffinity score, weight 2)', () => {
    const { estate, run, sleep } = lab();
    const node =
      '        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n' +
      '              - key: kubernetes.io/hostname\n                operator: In\n                values: [docker-vm-01]\n';
    estate.providers.exec('kubectl apply -f -', deployment(node));
    sleep(30);
    expect(rows(run('kubectl get pods -o wide').stdout).map((c) => c[6])).toEqual(['docker-vm-01', 'docker-vm-01', 'docker-vm-01']);
    run('kubectl delete deployment spread');
    sleep(60);
    const preferred =
      '        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            preference:\n              matchExpressions:\n' +
      '              - key: kubernetes.io/hostname\n                operator: In\n                values: [docker-01]\n';
    expect(estate.providers.exec('kubectl apply -f -', deployment(preferred)).stdout).toBe('deployment.apps/spread created\n');
    sleep(30);
    expect(rows(run('kubectl get pods -o wide').stdout).map((c) => c[6])).toEqual(['docker-01', 'docker-01', 'docker-01']);
  });

  it('preferred pod anti-affinity spreads replicas over the nodes, and lets the third share one (InterPodAffinity score)', () => {
    const { estate, run, sleep } = lab();
    // Both nodes preferring docker-01 by 20, the anti-affinity (weight 100) outweighs it for the second pod.
    const both =
      '        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 20\n            preference:\n              matchExpressions:\n' +
      '              - key: kubernetes.io/hostname\n                operator: In\n                values: [docker-01]\n' +
      '        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n' +
      '              labelSelector:\n                matchLabels:\n                  app: spread\n              topologyKey: kubernetes.io/hostname\n';
    estate.providers.exec('kubectl apply -f -', deployment(both));
    sleep(30);
    const nodes = rows(run('kubectl get pods -o wide').stdout).map((c) => [c[2], c[6]]);
    expect(nodes.every(([status]) => status === 'Running')).toBe(true);
    expect(new Set(nodes.map(([, n]) => n))).toEqual(new Set(['docker-01', 'docker-vm-01']));
  });

  it('required pod affinity puts pods beside the pods they name; the first of a group that names itself goes anywhere', () => {
    const { estate, run, sleep } = lab();
    const self =
      '        podAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels:\n                app: spread\n' +
      '            topologyKey: kubernetes.io/hostname\n';
    estate.providers.exec('kubectl apply -f -', deployment(self));
    sleep(30);
    const nodes = rows(run('kubectl get pods -o wide').stdout).map((c) => c[6]);
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes).size).toBe(1);
    // A pod that names pods no node has waits, kube-scheduler's reason said.
    estate.providers.exec(
      'kubectl apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: follower\nspec:\n  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n' +
        '      - labelSelector:\n          matchLabels:\n            app: db\n        topologyKey: kubernetes.io/hostname\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    );
    sleep(5);
    expect(run('kubectl describe pod follower').stdout).toContain(
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it("keeps a pod off nodes whose pods' required anti-affinity names it (existing pods' anti-affinity)", () => {
    const { estate, run, sleep } = lab();
    const loner = (name: string, node: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    role: loner\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: ${node}\n` +
      '  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector:\n          matchLabels:\n            app: noisy\n' +
      '        topologyKey: kubernetes.io/hostname\n  containers:\n  - name: app\n    image: nginx:1.27\n';
    estate.providers.exec('kubectl apply -f -', `${loner('loner-1', 'docker-01')}---\n${loner('loner-2', 'docker-vm-01')}`);
    sleep(30);
    run('kubectl run noisy --image=nginx:1.27 --labels=app=noisy');
    sleep(5);
    expect(rows(run('kubectl get pod noisy').stdout)[0][2]).toBe('Pending');
    expect(run('kubectl describe pod noisy').stdout).toContain(
      "0/2 nodes are available: 2 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    // Gone, the loner lets it in.
    run('kubectl delete pod loner-2 --grace-period=0 --force');
    sleep(30);
    expect(
      rows(run('kubectl get pod noisy -o wide').stdout)[0]
        .slice(2, 3)
        .concat(rows(run('kubectl get pod noisy -o wide').stdout)[0][6]),
    ).toEqual(['Running', 'docker-vm-01']);
  });

  it('refuses what it does not model plainly, and a weight out of range as the API does', () => {
    const { estate } = lab();
    const zone =
      '        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels:\n                app: spread\n' +
      '            topologyKey: topology.kubernetes.io/zone\n';
    expect(estate.providers.exec('kubectl apply -f -', deployment(zone)).stderr).toContain(
      'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution: Unsupported value: hyperpane models node affinity',
    );
    const heavy =
      '        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 0\n            preference:\n              matchExpressions:\n' +
      '              - key: disktype\n                operator: Exists\n';
    // apimachinery ValidateLabelSelector: a term's selector is checked as labels are (an estate file must hold what apply accepted).
    const badKey =
      '        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 10\n            podAffinityTerm:\n' +
      `              labelSelector:\n                matchLabels:\n                  ${'k'.repeat(70)}: x\n              topologyKey: kubernetes.io/hostname\n`;
    expect(estate.providers.exec('kubectl apply -f -', deployment(badKey)).stderr).toContain(
      'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels: ' +
        `Invalid value: "${'k'.repeat(70)}": name part must consist of`,
    );
    // A node selector's values the API leaves unchecked; a control character is refused plainly, so the file can hold what applied.
    const control =
      '        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n' +
      '              - key: disktype\n                operator: In\n                values: ["a\\u0001b"]\n';
    expect(estate.providers.exec('kubectl apply -f -', deployment(control)).stderr).toContain('Unsupported value: hyperpane models node affinity');
    // core/v1 validation ValidatePreferredSchedulingTerms.
    expect(estate.providers.exec('kubectl apply -f -', deployment(heavy)).stderr).toContain(
      'spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    );
  });
});

describe('events', () => {
  it("records each pod's binding once, as kube-scheduler words it, among the kubelet's events (describe and get events)", () => {
    const { run, sleep, estate } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(60);
    const pod = estate.providers.kubernetes.current()!.list('Pod')[0];
    const name = pod.metadata.name;
    const described = run(`kubectl describe pod ${name}`).stdout;
    // schedule_one.go: "Successfully assigned %v/%v to %v"; then the kubelet's Pulling/Pulled, Created, Started.
    expect(described).toMatch(new RegExp(`Normal +Scheduled +\\S+ +default-scheduler +Successfully assigned default/${name} to ${pod.spec.nodeName}\\n`));
    expect(described).toMatch(/Normal +Started +\S+ +kubelet +Started container web-app/);
    const events = run('kubectl get events').stdout;
    expect(events.split('\n').filter((l) => l.includes(`Successfully assigned default/${name} `))).toHaveLength(1);
  });
});
