// kubectl logs: what the container printed, and the answers when there is
// nothing to read. Sources: the nginx image's output (nginxinc/docker-nginx
// docker-entrypoint.sh and 10-listen-on-ipv6-by-default.sh at tags 1.20.2 and
// 1.21.6; nginx release-1.21.6's notices and ngx_log.c's time format; a captured
// nginx:1.21.6 log for the compiler line, the file limit and the first worker's
// pid), kubectl pkg/cmd/logs/logs.go (usage error; "error from server (NotFound):
// %w in namespace %q"; "No resources found in %s namespace."), logsforobject.go
// ("container %s is not valid for pod %s out of: %s"), GetFirstPod ("Found %v pods,
// using pod/%v"), and the kubelet's validateContainerLogStatus (kubelet_pods.go:
// "is waiting to start: %v", "image can't be pulled", "trying and failing to pull
// image", "previous terminated container %q in pod %q not found").
import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS } from '../../../src/providers/common.js';
import { lab, rows, WEB_APP } from './helpers.js';

const ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The image's nginx.conf log_format main (nginx/pkg-oss debian/debian/nginx.conf): the default page, 612 bytes in 1.20 (nginx docs/html/index.html at release-1.20.2). */
const ACCESS = /^\d+\.\d+\.\d+\.\d+ - - \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 612 "-" "Wget" "-"$/;

function nginxTime(simMs: number): string {
  const iso = new Date(SIM_EPOCH_MS + simMs).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
}

function applied(seconds = 60) {
  const l = lab();
  l.run(`kubectl apply -f ${WEB_APP}`);
  l.sleep(seconds);
  const pods = l.estate.providers.kubernetes.current()!.list('Pod');
  return { ...l, pods };
}

describe('kubectl logs', () => {
  it("prints what nginx:1.20 printed when its container started: the entrypoint's lines, then nginx's notices, a worker a CPU", () => {
    // Before the minute it started in has ended: its start-up alone (its requests are counted a minute at a time).
    const { run, pods, estate, sleep } = applied(50);
    const pod = pods[0];
    const started = pod.status.startedAt!;
    expect(Math.floor(started / 60_000)).toBe(Math.floor(estate.sim.now / 60_000));
    const cpus = estate.sim.host(pod.spec.nodeName!)!.cores;
    const t = nginxTime(started);
    const out = run(`kubectl logs ${pod.metadata.name}`);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(
      [
        ...ENTRYPOINT,
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/1.20.2`,
        `${t} [notice] 1#1: built by gcc 10.2.1 20210110 (Debian 10.2.1-6) `,
        `${t} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        ...Array.from({ length: cpus }, (_, k) => `${t} [notice] 1#1: start worker process ${31 + k}`),
        '',
      ].join('\n'),
    );
    // Idle, it has served no one: its start's CPU is not requests.
    sleep(60);
    expect(run(`kubectl logs ${pod.metadata.name}`).stdout).not.toMatch(/GET/);
    // The HPA walkthrough's load generator through the service: then a line for each request its CPU served
    // (observe/request-log.ts; test/observe/request-log.test.ts counts them), from the generator's pod as kube-proxy
    // keeps it, busybox wget's "Wget"; the newest 10,000 of a busy server's, with a word on the rest.
    run('kubectl run load-generator --image=busybox:1.36 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://web-app-service; done"');
    sleep(180);
    const generator = estate.providers.kubernetes.current()!.get('Pod', 'default', 'load-generator')!.status.podIP!;
    const busy = run(`kubectl logs ${pod.metadata.name}`);
    const lines = busy.stdout.split('\n').slice(0, -1);
    expect(lines.length).toBe(10_000);
    for (const l of lines) expect(l).toMatch(ACCESS);
    expect(lines[0].startsWith(`${generator} - - [`)).toBe(true);
    expect(busy.stderr).toMatch(new RegExp(`^hyperpane: [\\d,]+ earlier lines of pod/${pod.metadata.name} left out, the newest 10,000 written`));
    // --tail, --timestamps (RFC3339 with nine fraction digits), pod/NAME and the -c of its one container.
    const stamp = new Date(SIM_EPOCH_MS + started).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
    const last = lines.at(-1)!;
    expect(run(`kubectl logs pod/${pod.metadata.name} -c web-app --tail 1 --timestamps`).stdout).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[0-9:.]{18}Z ${last.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\n$`),
    );
    expect(stamp).toMatch(/\.\d{9}Z$/);
    expect(run(`kubectl logs ${pod.metadata.name} --tail=0`).stdout).toBe('');
    // PodLogOptions.LimitBytes: the log cut after N bytes (0: no limit); logs.go Validate refuses less than 0.
    expect(run(`kubectl logs ${pod.metadata.name} --limit-bytes 20`).stdout).toBe('/docker-entrypoint.s');
    expect(run(`kubectl logs ${pod.metadata.name} --limit-bytes=-1`).stderr).toBe('error: --limit-bytes must be greater than 0\n');
    expect(run(`kubectl logs ${pod.metadata.name} --limit-bytes 0`).stdout.split('\n').length).toBeGreaterThan(20);
  });

  it('picks one pod of a deployment, saying so when it had several; -l prints the last 10 lines of each', () => {
    const { run } = applied();
    const r = run('kubectl logs deployment/web-app --tail 2');
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/web-app-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stdout.split('\n')).toHaveLength(3);
    const all = run('kubectl logs -l app=web-app --prefix');
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(30);
    expect(all.stdout).toMatch(/^\[pod\/web-app-[a-z0-9]+-[a-z0-9]{5}\/web-app\] /);
    expect(run('kubectl logs -l app=nothing')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });

  it("answers in kubectl's and the kubelet's words when there is nothing to read", () => {
    const { run, pods, estate, sleep } = applied();
    const name = pods[0].metadata.name;
    expect(run('kubectl logs')).toMatchObject({
      exitCode: 1,
      stderr:
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n" +
        "See 'kubectl logs -h' for help and examples\n",
    });
    expect(run('kubectl logs nope').stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
    expect(run('kubectl logs deploy/nope').stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
    expect(run(`kubectl logs ${name} -c sidecar`).stderr).toBe(`error: container sidecar is not valid for pod ${name} out of: web-app\n`);
    expect(run(`kubectl logs ${name} --previous`).stderr).toBe(
      `Error from server (BadRequest): previous terminated container "web-app" in pod "${name}" not found\n`,
    );
    expect(run(`kubectl logs ${name} -f`).stderr).toMatch(/^error: hyperpane: kubectl logs -f streams the log as it grows/);
    // logs.go Validate; SelectorsForObject (a Service has a selector, a Node none).
    expect(run(`kubectl logs ${name} --tail -5`).stderr).toBe('error: --tail must be greater than or equal to -1\n');
    expect(run('kubectl logs svc/web-app-service --tail 1').stderr).toMatch(/^Found 3 pods, using pod\/web-app-/);
    expect(run('kubectl logs node/docker-01').stderr).toBe('error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n');
    expect(run(`kubectl logs ${name} web-app --tail 1`).exitCode).toBe(0);
    expect(run(`kubectl logs ${name} web-app -c web-app`).stderr).toBe('error: only one of -c or an inline [CONTAINER] arg is allowed\n');
    expect(run(`kubectl logs ${name} web-app -l app=web-app`).stderr).toBe(
      'error: selectors and the all flag cannot be used when passing resource/name arguments\n',
    );
    // The object is looked up before the flags are validated (Complete, then Validate).
    expect(run('kubectl logs nope --tail=-2').stderr).toMatch(/^error: error from server \(NotFound\)/);
    expect(run('kubectl logs svc/kubernetes').stderr).toBe(
      "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n",
    );
    expect(run(`kubectl logs ${name} -l app=web-app`).stderr).toMatch(/^error: only a selector \(-l\) or a POD name is allowed\n/);
    // A tag the registry does not have: the kubelet's words for ErrImagePull and ImagePullBackOff.
    estate.providers.exec(
      'kubectl apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: app\n    image: nginx:doesnotexist\n',
    );
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      sleep(1);
      const status = rows(run('kubectl get pod typo').stdout)[0][2];
      const said = run('kubectl logs typo').stderr;
      if (status === 'ErrImagePull')
        expect(said).toBe(`Error from server (BadRequest): container "app" in pod "typo" is waiting to start: image can't be pulled\n`);
      if (status === 'ImagePullBackOff')
        expect(said).toBe('Error from server (BadRequest): container "app" in pod "typo" is waiting to start: trying and failing to pull image\n');
      seen.add(status);
    }
    expect([...seen]).toEqual(expect.arrayContaining(['ErrImagePull', 'ImagePullBackOff']));
  });

  it('prints the run before a restart with --previous, and the last run while the container waits to start again', () => {
    const { estate, run, sleep } = lab();
    // nginx's working set is about 24 MiB: under an 8Mi limit the kernel OOM-kills it, and the kubelet restarts it.
    estate.providers.exec(
      'kubectl apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tight\nspec:\n  containers:\n  - name: web\n    image: nginx:1.21\n    resources:\n      limits:\n        memory: 8Mi\n',
    );
    const pod = () => estate.providers.kubernetes.current()!.get('Pod', 'default', 'tight')!;
    for (let i = 0; i < 120 && pod().status.restartCount < 2; i++) sleep(1);
    const last = pod().status.lastTermination!;
    expect(last.reason).toBe('OOMKilled');
    const previous = run('kubectl logs tight -p').stdout;
    expect(previous).toContain(`${nginxTime(last.startedAt!)} [notice] 1#1: nginx/1.21.6\n`);
    // Whatever the container is doing now (running again, or waiting in back-off), plain logs read a run that happened.
    const now = run('kubectl logs tight');
    expect(now.exitCode).toBe(0);
    expect(now.stdout.startsWith(ENTRYPOINT[0])).toBe(true);
  });

  it('has no previous run for a container that ended without a restart', () => {
    const { estate, run, sleep } = lab();
    estate.providers.exec(
      'kubectl apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  containers:\n  - name: web\n    image: nginx:1.21\n    resources:\n      limits:\n        memory: 8Mi\n',
    );
    const pod = () => estate.providers.kubernetes.current()!.get('Pod', 'default', 'once')!;
    for (let i = 0; i < 120 && pod().status.container.state !== 'terminated'; i++) sleep(1);
    expect(pod().status.container.state).toBe('terminated');
    expect(run('kubectl logs once -p').stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "once" not found\n');
    expect(run('kubectl logs once').stdout).toContain('nginx/1.21.6');
  });

  it('is read-only, and an image whose output is not known prints nothing', () => {
    const { estate, run, sleep } = lab();
    estate.providers.exec(
      'kubectl apply -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: quiet\nspec:\n  containers:\n  - name: app\n    image: node:22-alpine\n',
    );
    sleep(60);
    expect(rows(run('kubectl get pod quiet').stdout)[0][2]).toBe('Running');
    const r = run('kubectl logs quiet');
    expect(r).toMatchObject({ exitCode: 0, stdout: '', changed: false });
  });
});
