// The Kubernetes pane: key 6 and k9s's `:` words (:pods, :deploy, :svc,
// :nodes) show every cluster's pods, deployments, services and nodes, live; a
// node opens the host under it; tab from any of its views goes on to Networks.
import { describe, expect, it } from 'vitest';
import { logRows } from '../../src/ui/log-rows.js';
import { cells, controllerFor, press, prompt } from './helpers.js';

describe('the Kubernetes pane', () => {
  it('lists the pods a manifest made, as they come up', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    press(ctl, 'escape', '6');
    expect(ctl.state.pane).toBe('kubernetes');
    expect(cells(ctl).map((r) => [r[0], r[1], r[4]])).toEqual([
      ['lab', 'default', 'Pending'],
      ['lab', 'default', 'Pending'],
      ['lab', 'default', 'Pending'],
    ]);
    ctl.estate.sim.advance(30_000);
    expect(cells(ctl).map((r) => [r[3], r[4]])).toEqual([
      ['1/1', 'Running'],
      ['1/1', 'Running'],
      ['1/1', 'Running'],
    ]);
  });

  it('shows deployments, services and nodes at k9s words, and a node opens its host', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    press(ctl, 'escape');
    prompt(ctl, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    prompt(ctl, 'deploy');
    expect(ctl.state.pane).toBe('k8s-deployments');
    expect(cells(ctl)[0].slice(0, 6)).toEqual(['lab', 'default', 'web', '2/2', '2', '2']);
    prompt(ctl, 'svc');
    expect(cells(ctl).map((r) => [r[2], r[3], r[5]])).toEqual([
      ['kubernetes', 'ClusterIP', '<none>'],
      ['web', 'LoadBalancer', '10.20.0.250'],
    ]);
    prompt(ctl, 'nodes');
    expect(cells(ctl).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['docker-01', 'Ready', 'control-plane'],
      ['docker-vm-01', 'Ready', '<none>'],
    ]);
    expect(ctl.target()).toEqual({ type: 'host', id: 'docker-01' });
    press(ctl, 'tab');
    expect(ctl.state.pane).toBe('networks');
  });
});

describe("the Kubernetes pane's actions", () => {
  it('deletes a pod with kubectl after asking, and its ReplicaSet makes another', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    press(ctl, '6');
    const first = cells(ctl)[0][2];
    ctl.press('ctrl+d', '');
    const o = ctl.state.overlay;
    expect(o?.type === 'confirm' && o.command).toBe(`kubectl delete pod ${first} -n default --context lab --wait=false`);
    press(ctl, 'tab', 'enter');
    expect(ctl.state.message?.text).toBe(`pod "${first}" deleted`);
    ctl.estate.sim.advance(30_000);
    const names = cells(ctl).map((r) => r[2]);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(first);
  });

  it('restarts a deployment as a rollout restart, and says a pod is not restarted in place', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    press(ctl, '6', 'r');
    expect(ctl.state.message?.text).toMatch(/^A pod is not stopped or restarted in place/);
    prompt(ctl, 'deploy');
    press(ctl, 'r');
    const o = ctl.state.overlay;
    expect(o?.type === 'confirm' && o.command).toBe('kubectl rollout restart deployment/web -n default --context lab');
  });
});

describe("a deployment's owner tree", () => {
  it("opens on enter: its ReplicaSets, their pods, each pod's node and the host under it", () => {
    const ctl = controllerFor();
    // docker-01 cordoned: the pods go to docker-vm-01, the Docker host inside a KVM VM.
    prompt(ctl, 'kubectl cordon docker-01');
    press(ctl, 'escape');
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    prompt(ctl, 'deploy');
    press(ctl, 'enter');
    const o = ctl.state.overlay;
    const lines = o?.type === 'output' ? o.lines : [];
    expect(lines[0]).toMatch(/^Deployment default\/web \(cluster lab\) {2}2\/2 ready, revision 1$/);
    expect(lines[1]).toMatch(/^└─ ReplicaSet web-\w+ {2}revision 1, 2\/2 ready$/);
    expect(lines.filter((l) => /Pod web-\w+-\w+ {2}1\/1 Running {2}10\.244\./.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /node docker-vm-01 -> host docker-vm-01 \(docker host, connected, inside VM dockervm-01 on kvm-0\d\)/.test(l))).toHaveLength(2);
  });
});

describe('d and y, as in k9s', () => {
  it("describe the selected pod and show a deployment's YAML; elsewhere they say where they work", () => {
    const ctl = controllerFor();
    press(ctl, 'd');
    expect(ctl.state.message?.text).toMatch(/in the Kubernetes pane/);
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.27 --replicas=1');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    press(ctl, '6', 'd');
    let o = ctl.state.overlay;
    expect(o?.type === 'output' && o.title).toMatch(/^\$ kubectl describe pod\/web-\w+-\w+ -n default --context lab$/);
    expect(o?.type === 'output' && o.lines.some((l) => /^Status: +Running$/.test(l))).toBe(true);
    press(ctl, 'escape');
    prompt(ctl, 'deploy');
    press(ctl, 'y');
    o = ctl.state.overlay;
    expect(o?.type === 'output' && o.lines.slice(0, 2)).toEqual(['apiVersion: apps/v1', 'kind: Deployment']);
  });
});

describe('l and s, as in k9s', () => {
  it("l shows the selected pod's logs, or one pod's of a deployment; s on a deployment fills in kubectl scale, which enter runs", () => {
    const ctl = controllerFor();
    press(ctl, 'l');
    // On a host, l says what it reads: a VM's or a container's log, and a pod's in the Kubernetes pane.
    expect(ctl.state.message?.text).toMatch(/select a VM or a container to read its log \(in the Kubernetes pane, a pod\)/);
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.20 --replicas=2');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    press(ctl, '6', 'l');
    // The logs view, following, on kubectl logs' own lines (read again as they grow), each led by its time.
    let o = ctl.state.overlay;
    expect(o?.type === 'logs' && o.follow).toBe(true);
    expect(o?.type === 'logs' && o.kubectl?.[0]).toMatch(/^pod\/web-\w+-\w+ -n default --context lab$/);
    const rows = () => (o?.type === 'logs' ? logRows(ctl.estate, o.workloads, o.filter, o.kubectl).rows.map((r) => r.text) : []);
    expect(rows()[0]).toMatch(/^\d\d:\d\d:\d\d \/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration$/);
    const before = rows().length;
    // A load generator through a service makes it serve: its request lines join the view as they come.
    ctl.estate.providers.exec('kubectl expose deployment web --port 80');
    ctl.estate.providers.exec(
      'kubectl run load-generator --image=busybox:1.36 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://web; done"',
    );
    ctl.estate.sim.advance(120_000);
    expect(rows().length).toBeGreaterThan(before);
    expect(rows().at(-1)).toMatch(/"GET \/ HTTP\/1\.1" 200 612/); // nginx 1.20's index.html: 612 bytes
    press(ctl, 'escape');
    prompt(ctl, 'deploy');
    press(ctl, 'l');
    o = ctl.state.overlay;
    expect(o?.type === 'logs' && o.kubectl).toEqual(['deployment/web -n default --context lab']);
    // kubectl says which of the deployment's pods it read: the view's status line says so.
    expect(o?.type === 'logs' && logRows(ctl.estate, o.workloads, o.filter, o.kubectl).quiet[0]).toMatch(
      /^kubectl logs deployment\/web .*: Found 2 pods, using pod\/web-/,
    );
    press(ctl, 'escape');
    press(ctl, 's');
    o = ctl.state.overlay;
    expect(o?.type === 'prompt' && o.edit.text).toBe('kubectl scale deployment/web -n default --context lab --replicas=2');
    // The user edits the count and runs it.
    press(ctl, 'backspace');
    press(ctl, '5');
    press(ctl, 'enter');
    expect(ctl.estate.providers.kubernetes.current()!.get('Deployment', 'default', 'web')!.spec.replicas).toBe(5);
  });

  it('an image whose output is not known opens an empty log that says so', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment cache --image=node:22-alpine');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    press(ctl, '6', 'l');
    const o = ctl.state.overlay;
    expect(o?.type === 'logs' && logRows(ctl.estate, o.workloads, o.filter, o.kubectl).quiet).toEqual([
      expect.stringMatching(/^pod\/cache-\w+-\w+: empty \(its image prints nothing known line by line here\)$/),
    ]);
  });

  it('kubectl logs -f and docker logs -f at the prompt follow in the logs view; a mistake answers as the tool would', () => {
    const ctl = controllerFor();
    prompt(ctl, 'kubectl create deployment web --image=nginx:1.20');
    press(ctl, 'escape');
    ctl.estate.sim.advance(30_000);
    prompt(ctl, 'kubectl logs -f deployment/web');
    let o = ctl.state.overlay;
    expect(o?.type === 'logs' && o.kubectl).toEqual(['deployment/web']);
    press(ctl, 'escape');
    prompt(ctl, 'kubectl logs -f deployment/nope');
    o = ctl.state.overlay;
    expect(o?.type === 'output' && o.failed && o.lines[0]).toBe(
      'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"',
    );
    press(ctl, 'escape');
    prompt(ctl, 'docker logs --follow nginx');
    o = ctl.state.overlay;
    expect(o?.type === 'logs' && o.workloads.map((id) => ctl.estate.sim.workload(id)?.name)).toEqual(['nginx']);
    press(ctl, 'escape');
    // Flags run together, and flags that take a value, as each tool reads them.
    for (const line of ['docker logs -f nginx --tail 5', 'docker logs -tf nginx', 'docker logs -fn 5 nginx']) {
      prompt(ctl, line);
      o = ctl.state.overlay;
      expect(o?.type === 'logs' && o.workloads.map((id) => ctl.estate.sim.workload(id)?.name), line).toEqual(['nginx']);
      press(ctl, 'escape');
    }
    prompt(ctl, 'docker logs -f nope');
    o = ctl.state.overlay;
    expect(o?.type === 'output' && o.failed && o.lines).toEqual(['Error response from daemon: No such container: nope']);
    press(ctl, 'escape');
    // kubectl's own stamps and prefixes are the view's to write; the source is named by its TYPE/NAME.
    prompt(ctl, 'kubectl logs -f --tail 3 --prefix deployment/web');
    o = ctl.state.overlay;
    expect(o?.type === 'logs' && o.kubectl).toEqual(['--tail 3 deployment/web']);
    expect(o?.type === 'logs' && logRows(ctl.estate, o.workloads, o.filter, o.kubectl).rows).toHaveLength(3);
    press(ctl, 'escape');
    // --follow=false is no follow: the line runs as written.
    prompt(ctl, 'kubectl logs --follow=false --tail 1 deployment/web');
    o = ctl.state.overlay;
    expect(o?.type).toBe('output');
  });
});
