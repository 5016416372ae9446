// kubectl apply of the course manifest on the built-in estate, and a bad
// manifest refused in kubectl's words. Output shapes are kubectl's own:
// apply's "<type>/<name> created|configured|unchanged" (kubectl/pkg/cmd/apply),
// get's columns (kubernetes pkg/printers/internalversion/printers.go), the
// tabwriter's minwidth 6 and padding 3 (cli-runtime printers/tabwriter.go).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lab, rows, WEB_APP } from './helpers.js';

function manifest(text: string): string {
  const path = join(tmpdir(), `hyperpane-k8s-${process.pid}-${Math.abs(text.length * 7919 + text.charCodeAt(3))}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('kubectl apply -f web-app.yaml', () => {
  it('brings up three Running nginx:1.20 pods and a LoadBalancer service with an address from the pool', () => {
    const { run, sleep } = lab();
    const r = run(`kubectl apply -f ${WEB_APP}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('deployment.apps/web-app created\nservice/web-app-service created\n');
    expect(r.changed).toBe(true);
    // At once the pods exist, bound but not yet started by their kubelets.
    expect(rows(run('kubectl get pods').stdout).map((c) => c[2])).toEqual(['Pending', 'Pending', 'Pending']);
    sleep(1);
    expect(rows(run('kubectl get pods').stdout).map((c) => c[2])).toEqual(['ContainerCreating', 'ContainerCreating', 'ContainerCreating']);
    sleep(30);
    const pods = run('kubectl get pods');
    expect(pods.stdout.split('\n')[0]).toBe('NAME                       READY   STATUS    RESTARTS   AGE');
    const cells = rows(pods.stdout);
    expect(cells).toHaveLength(3);
    for (const c of cells) {
      expect(c[0]).toMatch(/^web-app-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(c.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    }
    const images = JSON.parse(run('kubectl get pods -o json').stdout) as { items: { spec: { containers: { image: string }[] } }[] };
    expect(images.items.map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.20', 'nginx:1.20', 'nginx:1.20']);
    const svc = rows(run('kubectl get svc web-app-service').stdout)[0];
    expect(svc[1]).toBe('LoadBalancer');
    expect(svc[2]).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(svc[3]).toBe('10.20.0.250');
    expect(svc[4]).toMatch(/^80:3\d{4}\/TCP$/);
    // The service's endpoints are the three pods' addresses at port 80.
    expect(run('kubectl get endpoints web-app-service').stdout).toMatch(/10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80/);
  });

  it('answers unchanged for the same manifest and configured for a changed one', () => {
    const { run } = lab();
    run(`kubectl apply -f ${WEB_APP}`);
    expect(run(`kubectl apply -f ${WEB_APP}`).stdout).toBe('deployment.apps/web-app unchanged\nservice/web-app-service unchanged\n');
    const five = manifest(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-app\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: web-app\n' +
        '  template:\n    metadata:\n      labels:\n        app: web-app\n    spec:\n      containers:\n      - name: ' +
        'web-app\n        image: nginx:1.20\n        ports:\n        - containerPort: 80\n',
    );
    expect(run(`kubectl apply -f ${five}`).stdout).toBe('deployment.apps/web-app configured\n');
    expect(rows(run('kubectl get deploy').stdout)[0][1]).toMatch(/\/5$/);
  });

  it('reports broken YAML at its line as kubectl does, and applies nothing of that file', () => {
    const { run } = lab();
    // go-yaml's words: "mapping values are not allowed in this context" (scannerc.go yaml_parser_fetch_value).
    const bad = manifest('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web: app\n');
    const r = run(`kubectl apply -f ${bad}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: error parsing ${bad}: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n`);
    const tab = manifest('apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n');
    expect(run(`kubectl apply -f ${tab}`).stderr).toContain('yaml: line 4: found character that cannot start any token');
    expect(run('kubectl get deploy').stderr).toBe('No resources found in default namespace.\n');
  });

  it('refuses what the API server refuses, in its words', () => {
    const { run } = lab();
    const noKind = manifest('apiVersion: v1\nmetadata:\n  name: x\n');
    expect(run(`kubectl apply -f ${noKind}`).stderr).toBe(
      `error: error validating "${noKind}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n`,
    );
    const typo = manifest(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n' +
        '  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        imagee: nginx:1.27\n',
    );
    expect(run(`kubectl apply -f ${typo}`).stderr).toBe(
      `Error from server (BadRequest): error when creating "${typo}": Deployment in version "v1" cannot be ` +
        `handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"\n`,
    );
    const mismatch = manifest(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n' +
        '  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n',
    );
    expect(run(`kubectl apply -f ${mismatch}`).stderr).toBe(
      `Error from server (Invalid): error when creating "${mismatch}": The Deployment "web" is invalid: spec.template.metadata.labels: ` +
        `Invalid value: map[string]string{"app":"api"}: \`selector\` does not match template \`labels\`\n`,
    );
    const words = manifest('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n');
    expect(run(`kubectl apply -f ${words}`).stderr).toContain(
      'cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(run('kubectl apply -f /no/such/file.yaml').stderr).toBe('error: the path "/no/such/file.yaml" does not exist\n');
  });

  it('reads the manifest from standard input with -f -', () => {
    const { estate } = lab();
    const r = estate.providers.exec('kubectl apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    expect(r.stdout).toBe('namespace/shop created\n');
  });
});
