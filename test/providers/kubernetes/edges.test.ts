// What people get wrong, and what real kubectl and the API server answer to it
// (kubectl/pkg/cmd/delete delete.go, apply's three-way merge, apps/v1
// validation's immutable selector, core/v1 pod update rules, podgc, the
// namespace controller), and that whatever the API accepts an estate file keeps.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate, saveEstate } from '../../../src/estate/store.js';
import { lab, rows, WEB_APP } from './helpers.js';

const apply = (estate: ReturnType<typeof lab>['estate'], yaml: string) => estate.providers.exec('kubectl apply -f -', yaml);

describe('kubectl refuses what kubectl refuses', () => {
  it('names the missing name, an integer flag that is not one, and a number past int32', () => {
    const { run } = lab();
    expect(run('kubectl expose deploy').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(run('kubectl scale --replicas=3 deploy').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    run('kubectl create deployment x --image=nginx:1.27');
    expect(run('kubectl scale deploy x --replicas=1e12').stderr).toMatch(
      /^error: invalid argument "1e12" for "--replicas" flag: strconv.ParseInt: parsing "1e12": invalid syntax\n/,
    );
    const { estate } = lab();
    const huge = apply(
      estate,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3000000000\n  selector:\n    matchLabels:\n      app: w\n' +
        '  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      containers:\n      - name: w\n        image: nginx:1.27\n',
    );
    expect(huge.stderr).toContain('json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('refuses a YAML alias bomb as go-yaml does, without expanding it', () => {
    const { estate } = lab();
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
      { length: 9 },
      (_, i) =>
        `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(9)
          .fill(`*${i === 0 ? 'a' : 'bcdefghij'[i - 1]}`)
          .join(', ')}]`,
    ).join('\n')}\n`;
    const r = apply(estate, bomb);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n');
  });

  it('keeps a Deployment selector as it was made, and a pod spec but its image', () => {
    const { estate, run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    const moved = apply(
      estate,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-app\nspec:\n  selector:\n    matchLabels:\n      app: other\n' +
        '  template:\n    metadata:\n      labels:\n        app: other\n    spec:\n      containers:\n      - name: web-app\n        image: nginx:1.20\n',
    );
    expect(moved.stderr).toContain(
      'The Deployment "web-app" is invalid: spec.selector: Invalid value: ' +
        'v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const pod = (image: string, policy = 'Always') =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  restartPolicy: ${policy}\n  containers:\n  - name: web\n    image: ${image}\n`;
    apply(estate, pod('nginx:1.27'));
    sleep(20);
    expect(apply(estate, pod('nginx:1.28')).stdout).toBe('pod/solo configured\n');
    sleep(20);
    expect(rows(run('kubectl get pod solo').stdout)[0].slice(1, 4)).toEqual(['1/1', 'Running', '1']);
    expect(run('kubectl describe pod solo').stdout).toContain('Container web definition changed, will be restarted');
    expect(apply(estate, pod('nginx:1.28', 'Never')).stderr).toContain(
      'The Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than',
    );
  });
});

describe('kubectl apply merges three ways', () => {
  it('puts back what scale and set image changed when the manifest says otherwise', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    run('kubectl scale deployment web-app --replicas=5');
    run('kubectl set image deployment/web-app web-app=nginx:1.21');
    expect(run(`kubectl apply -f ${WEB_APP}`).stdout).toBe('deployment.apps/web-app configured\nservice/web-app-service unchanged\n');
    const d = JSON.parse(run('kubectl get deploy web-app -o json').stdout);
    expect([d.spec.replicas, d.spec.template.spec.containers[0].image]).toEqual([3, 'nginx:1.20']);
  });
});

describe('kubectl delete', () => {
  it('words the kind with its group, and --force deletes at once with its warning', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    sleep(30);
    const pod = rows(run('kubectl get pods').stdout)[0][0];
    const forced = run(`kubectl delete pod ${pod} --force`);
    expect(forced.stdout).toBe(`pod "${pod}" force deleted\n`);
    expect(forced.stderr).toMatch(/^Warning: Immediate deletion does not wait for confirmation/);
    expect(run('kubectl delete pod x --force --grace-period=5').stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect(run('kubectl delete deployment web-app').stdout).toBe('deployment.apps "web-app" deleted\n');
  });

  it('keeps a namespace Terminating until it is empty, and waits for it', () => {
    const { run, estate } = lab();
    run('kubectl create namespace shop');
    run('kubectl run p -n shop --image=nginx:1.27');
    estate.sim.advance(20_000);
    const started = estate.sim.now;
    expect(run('kubectl delete namespace shop').stdout).toBe('namespace "shop" deleted\n');
    // It returned once the pod had stopped and the namespace was gone.
    expect(estate.sim.now).toBeGreaterThan(started);
    expect(run('kubectl get ns shop').stderr).toBe('Error from server (NotFound): namespaces "shop" not found\n');
  });

  it('lets the pod garbage collector take a pod bound to a node that does not exist', () => {
    const { estate, run, sleep } = lab();
    apply(estate, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ghost\nspec:\n  nodeName: nowhere\n  containers:\n  - name: c\n    image: nginx:1.27\n');
    sleep(41);
    expect(run('kubectl get pod ghost').stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
  });
});

describe('images', () => {
  it('a tag the registry does not have is ErrImagePull, then ImagePullBackOff', () => {
    const { run, sleep } = lab();
    run('kubectl create deployment bad --image=nginx:doesnotexist');
    sleep(1);
    expect(rows(run('kubectl get pods').stdout)[0][2]).toBe('ErrImagePull');
    sleep(1);
    expect(rows(run('kubectl get pods').stdout)[0][2]).toBe('ImagePullBackOff');
    expect(run('kubectl describe pods -l app=bad').stdout).toContain(
      'Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist"',
    );
  });
});

describe('estate files', () => {
  it('keep whatever the API accepted: each of these either is refused or saves and loads', () => {
    const docs = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n  - name: b\n    image: redis:7\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pp\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    imagePullPolicy: Sometimes\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\nspec:\n  type: NodePort\n  selector:\n    app: x\n  ports:\n  - port: 80\n    nodePort: 99999\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tg\nspec:\n  terminationGracePeriodSeconds: 100000000000\n  containers:\n  - name: a\n    image: nginx:1.27\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sh\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n    args: ["sh", "-c", "echo a\\necho b"]\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tol\nspec:\n  tolerations:\n  - operator: Exists\n  containers:\n  - name: a\n    image: nginx:1.27\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ms\nspec:\n  revisionHistoryLimit: -2\n  strategy:\n    rollingUpdate:\n      maxSurge: -1\n' +
        '  selector:\n    matchExpressions:\n    - key: app\n      operator: In\n      values: [null]\n' +
        '  template:\n    metadata:\n      labels:\n        app: ""\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.27\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: sa\nspec:\n  sessionAffinity: Sticky\n  ports:\n  - port: 80\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: an\n  annotations:\n    note: "a\\u001b[31mred"\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n',
    ];
    const { estate, run } = lab();
    const accepted = docs.map((d) => apply(estate, d).exitCode === 0);
    // Refused: two containers, a bad pull policy and node port, a negative history and surge, a bad affinity, an escape.
    expect(accepted).toEqual([false, false, false, true, true, true, false, false, false]);
    expect(rows(run('kubectl get pods').stdout).map((c) => c[0])).toEqual(['sh', 'tg', 'tol']);
    estate.sim.advance(5_000);
    const path = join(tmpdir(), `hyperpane-k8s-edges-${process.pid}.json`);
    expect(saveEstate(estate, path).ok).toBe(true);
    const again = loadEstate(path);
    expect(again.ok ? '' : `${again.error.message} ${again.error.details?.join('; ')}`).toBe('');
  });
});

describe('round-two fixes', () => {
  it('set resources is validated as a manifest is, and a CPU request past the image needs no limit', () => {
    const { run, sleep, estate } = lab();
    run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    expect(run('kubectl set resources deployment web --limits=cpu=100m --requests=cpu=1').stderr).toContain('must be less than or equal to cpu limit of 100m');
    expect(run('kubectl set resources deployment web --requests=foo=1').stderr).toContain('must be a standard resource type or fully qualified');
    expect(run('kubectl set resources deployment web -c nope --requests=cpu=1').stderr).toBe('error: unable to find container named nope\n');
    expect(run('kubectl set resources deployment web --requests=cpu=2').exitCode).toBe(0);
    sleep(30);
    const path = join(tmpdir(), `hyperpane-k8s-cpu-${process.pid}.json`);
    expect(saveEstate(estate, path).ok).toBe(true);
    const again = loadEstate(path);
    expect(again.ok ? '' : again.error.message).toBe('');
  });

  it('a selector key as long as a label key may be (253 + 1 + 63) is saved and loaded (review finding)', () => {
    const { sleep, estate } = lab();
    const key = `${'a'.repeat(250)}.io/${'k'.repeat(40)}`;
    const yaml =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: long\nspec:\n  selector:\n    matchExpressions:\n    - key: ${key}\n      operator: Exists\n` +
      `  template:\n    metadata:\n      labels:\n        ${key}: x\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.27\n`;
    expect(estate.providers.exec('kubectl apply -f -', yaml).stdout).toBe('deployment.apps/long created\n');
    sleep(30);
    const path = join(tmpdir(), `hyperpane-k8s-key-${process.pid}.json`);
    expect(saveEstate(estate, path).ok).toBe(true);
    const again = loadEstate(path);
    expect(again.ok ? '' : again.error.message).toBe('');
  });

  it('an autoscaler below its minimum goes to it at once, without metrics', () => {
    const { run, sleep } = lab();
    run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    run('kubectl autoscale deployment web --min=3 --max=5');
    sleep(20);
    expect(JSON.parse(run('kubectl get deploy web -o json').stdout).spec.replicas).toBe(3);
    expect(run('kubectl describe hpa web').stdout).toContain('New size: 3; reason: Current number of replicas below Spec.MinReplicas');
    expect(run('kubectl autoscale deployment web --max=3 --cpu-percent=300000').stderr).toContain('averageUtilization: Invalid value: 300000');
  });

  it('a reloaded estate keeps one live control loop, due when it was', () => {
    const { estate, run } = lab();
    run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const path = join(tmpdir(), `hyperpane-k8s-sync-${process.pid}.json`);
    for (let i = 0; i < 5; i++) {
      const e = i === 0 ? estate : (loadEstate(path) as { ok: true; value: typeof estate }).value;
      e.providers.exec(`kubectl scale deployment web --replicas=${2 + (i % 2)}`);
      expect(saveEstate(e, path).ok).toBe(true);
    }
    const file = JSON.parse(readFileSync(path, 'utf8')) as { events: { type: string }[] };
    expect(file.events.filter((e) => e.type === 'k8s.sync').length).toBeLessThanOrEqual(2);
  });
});

describe("describe hpa's conditions", () => {
  it('say what held the recommendation back: the maximum, then the scale-down window (horizontal.go condition messages)', () => {
    const { run, sleep } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    run('kubectl set resources deployment web-app --requests=cpu=200m');
    sleep(40);
    run('kubectl autoscale deployment web-app --cpu-percent=50 --min=1 --max=4');
    run('kubectl run load-generator --image=busybox:1.36 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://web-app-service; done"');
    sleep(90);
    const busy = run('kubectl describe hpa web-app').stdout;
    expect(busy).toMatch(/ScalingLimited +True +TooManyReplicas +the desired replica count is more than the maximum replica count/);
    run('kubectl delete pod load-generator');
    sleep(60);
    expect(run('kubectl describe hpa web-app').stdout).toMatch(
      /AbleToScale +True +ScaleDownStabilized +recent recommendations were higher than current one, applying the highest recent recommendation/,
    );
  });
});

describe("kubectl's commands that are not modelled", () => {
  it('say so plainly, rather than calling a real command unknown', () => {
    const { run } = lab();
    const exec = run('kubectl exec web-1 -- ls');
    expect(exec.exitCode).toBe(1);
    expect(exec.stderr).toMatch(/^hyperpane: kubectl exec is not part of this simulation yet; it answers: apply, get, describe, logs, /);
    expect(run('kubectl label pod x a=b').stderr).toMatch(/^hyperpane: kubectl label is not part of this simulation yet/);
    expect(run('kubectl frobnicate').stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n');
  });
});
