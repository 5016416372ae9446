// kubectl: the commands this simulation answers, parsed as cobra and pflag
// parse them (flags anywhere, before or after the command; `--` ends them), in
// kubectl's own words (staging/src/k8s.io/kubectl/pkg/cmd). The command table is
// here; each command's work is in its kubectl-*.ts.

import { type FlagSpec, type ParsedFlags, parseFlags, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import type { KubernetesDriver } from './driver.js';
import { apply } from './kubectl-apply.js';
import { config, version } from './kubectl-config.js';
import type { Kctl, KubectlCommand } from './kubectl-context.js';
import { create, expose } from './kubectl-create.js';
import { describe } from './kubectl-describe.js';
import { get } from './kubectl-get.js';
import { logs } from './kubectl-logs.js';
import { cordon, drain, uncordon } from './kubectl-node.js';
import { RBAC_FLAGS, rbacCommand } from './kubectl-rbac.js';
import { rollout, set } from './kubectl-rollout.js';
import { del, scale } from './kubectl-scale.js';
import { autoscale, run, top } from './kubectl-workloads.js';

/** kubectl's global flags the simulation reads or accepts (kubectl options). */
const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = {
  namespace: { type: 'string', aliases: ['n'] },
  context: { type: 'string' },
  kubeconfig: { type: 'string', ignored: true },
  cluster: { type: 'string', ignored: true },
  user: { type: 'string', ignored: true },
  'request-timeout': { type: 'string', ignored: true },
  v: { type: 'string', aliases: ['v'], ignored: true },
  help: { type: 'boolean', aliases: ['h'] },
};

export const KUBECTL_COMMANDS: Readonly<Record<string, KubectlCommand>> = {
  apply,
  get,
  describe,
  logs,
  create,
  expose,
  scale,
  delete: del,
  rollout,
  set,
  cordon,
  uncordon,
  drain,
  autoscale,
  run,
  top,
  config,
  version,
};

/** kubectl's other commands (kubectl 1.32's command list): real, but not modelled here, and said so. */
const NOT_MODELLED = new Set([
  'exec',
  'attach',
  'port-forward',
  'proxy',
  'cp',
  'auth',
  'debug',
  'events',
  'label',
  'annotate',
  'patch',
  'replace',
  'edit',
  'taint',
  'wait',
  'diff',
  'kustomize',
  'explain',
  'api-resources',
  'api-versions',
  'certificate',
  'cluster-info',
  'completion',
  'plugin',
  'alpha',
]);

/** The first word from `from` that is not a flag or one of `specs`' flags' value. */
function firstWord(args: readonly string[], specs: Readonly<Record<string, FlagSpec>>, from = 0): number {
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const key = a.replace(/^--?/, '');
    const spec = specs[key] ?? Object.values(specs).find((s) => s.aliases?.includes(key));
    if (spec && spec.type !== 'boolean') i++;
  }
  return -1;
}

/** The first word that is not a flag or a global flag's value: the command. */
function commandIndex(args: readonly string[]): number {
  return firstWord(args, GLOBAL_FLAGS);
}

/** The command and its first word after it ("rollout", "status"), as kubectl finds them among the flags. */
export function kubectlVerb(args: readonly string[]): { command?: string; sub?: string } {
  const at = commandIndex(args);
  if (at < 0) return {};
  const command = args[at];
  const cmd = Object.hasOwn(KUBECTL_COMMANDS, command) ? KUBECTL_COMMANDS[command] : undefined;
  const next = firstWord(args, { ...GLOBAL_FLAGS, ...(cmd?.flags ?? {}) }, at + 1);
  return { command, sub: next < 0 ? undefined : args[next] };
}

/**
 * A kubectl line as the API server will be asked: its command, the words after it that are not flags, the
 * namespace (-n in any of pflag's forms, else "default") and whether -A asks for every namespace; undefined when
 * kubectl would refuse its flags first. `extra` are flags of commands parsed elsewhere (kubectl-rbac.ts).
 */
export function kubectlWords(
  args: readonly string[],
  extra: Readonly<Record<string, FlagSpec>> = {},
): { command: string; positionals: string[]; namespace: string; all: boolean; flags: ParsedFlags } | undefined {
  const at = commandIndex(args);
  if (at < 0) return undefined;
  const command = args[at];
  const cmd = Object.hasOwn(KUBECTL_COMMANDS, command) ? KUBECTL_COMMANDS[command] : undefined;
  const specs = { ...GLOBAL_FLAGS, ...(cmd?.flags ?? {}), ...extra, 'all-namespaces': { type: 'boolean', aliases: ['A'] } as FlagSpec };
  const parsed = parseFlags(attachedValues([...args.slice(0, at), ...args.slice(at + 1)], specs), specs, 'gnu');
  if (!parsed.ok) return undefined;
  const f = parsed.value;
  return { command, positionals: f.positionals, namespace: str(f, 'namespace') ?? 'default', all: f.values.get('all-namespaces') === true, flags: f };
}

function flagMessage(r: { kind: string; flag: string; detail?: string }): string {
  const long = r.flag.startsWith('--');
  if (r.kind === 'missing-value') return long ? `flag needs an argument: ${r.flag}` : `flag needs an argument: '${r.flag.slice(-1)}' in ${r.flag}`;
  if (r.kind === 'bad-value') return `invalid argument "${r.detail ?? ''}" for "${r.flag}" flag: strconv.ParseInt: parsing "${r.detail ?? ''}": invalid syntax`;
  return long ? `unknown flag: ${r.flag}` : `unknown shorthand flag: '${r.flag.slice(1, 2)}' in ${r.flag}`;
}

/** pflag reads a shorthand's value joined to it ("-nkube-system", "-owide"): split such words before parsing. */
function attachedValues(args: readonly string[], specs: Readonly<Record<string, FlagSpec>>): string[] {
  const takesValue = new Set(
    Object.values(specs)
      .filter((s) => s.type !== 'boolean')
      .flatMap((s) => (s.aliases ?? []).filter((a) => a.length === 1)),
  );
  const out: string[] = [];
  for (const [i, a] of args.entries()) {
    // After "--" come the container's command's own words.
    if (a === '--') return [...out, ...args.slice(i)];
    const m = /^-([a-zA-Z])([^=].*)$/.exec(a);
    if (m && takesValue.has(m[1])) out.push(`-${m[1]}`, m[2]);
    else out.push(a);
  }
  return out;
}

export function kubectl(driver: KubernetesDriver, args: readonly string[], stdin?: string): ExecResult {
  const at = commandIndex(args);
  const name = at >= 0 ? args[at] : undefined;
  if (name === undefined)
    return {
      exitCode: 0,
      stdout: `kubectl controls the Kubernetes cluster manager.\n\nCommands here: ${Object.keys(KUBECTL_COMMANDS).join(', ')}\n\nUsage:\n  kubectl [flags] [options]\n`,
      stderr: '',
      changed: false,
    };
  // Roles, ClusterRoles, their bindings and auth can-i (kubectl-rbac.ts), on the cluster the line goes to.
  if (driver.access && ['create', 'get', 'delete', 'auth'].includes(name)) {
    const at = args.findIndex((w) => w === '--context' || w.startsWith('--context='));
    const named = at < 0 ? undefined : args[at].startsWith('--context=') ? args[at].slice(10) : args[at + 1];
    const target = named !== undefined ? driver.clusters.get(named) : driver.current();
    const words = kubectlWords(args, RBAC_FLAGS);
    const r = target && words ? rbacCommand(driver.access, target, words, driver.sim.now) : undefined;
    if (r) return r;
  }
  const cmd = Object.hasOwn(KUBECTL_COMMANDS, name) ? KUBECTL_COMMANDS[name] : undefined;
  if (!cmd && NOT_MODELLED.has(name))
    return {
      exitCode: 1,
      stdout: '',
      stderr: `hyperpane: kubectl ${name} is not part of this simulation yet; it answers: ${Object.keys(KUBECTL_COMMANDS).join(', ')}\n`,
      changed: false,
    };
  if (!cmd) return { exitCode: 1, stdout: '', stderr: `error: unknown command "${name}" for "kubectl"\n`, changed: false };
  const specs = { ...GLOBAL_FLAGS, ...cmd.flags };
  const parsed = parseFlags(attachedValues([...args.slice(0, at), ...args.slice(at + 1)], specs), specs, 'gnu');
  if (!parsed.ok) return { exitCode: 1, stdout: '', stderr: `error: ${flagMessage(parsed)}\nSee 'kubectl ${name} --help' for usage.\n`, changed: false };
  const flags = parsed.value;
  if (flags.values.get('help') === true) return { exitCode: 0, stdout: `${cmd.short}\n\nUsage:\n  kubectl ${name} [options]\n`, stderr: '', changed: false };
  const contextName = str(flags, 'context');
  if (contextName !== undefined && !driver.clusters.has(contextName))
    return { exitCode: 1, stdout: '', stderr: `error: context was not found for specified context: ${contextName}\n`, changed: false };
  const cluster = contextName !== undefined ? driver.clusters.get(contextName) : driver.current();
  if (!cluster)
    return {
      exitCode: 1,
      stdout: '',
      stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      changed: false,
    };
  const ns = str(flags, 'namespace');
  const ctx = driver.contextOf(cluster);
  const k: Kctl = { driver, cluster, namespace: ns ?? 'default', namespaceGiven: ns !== undefined, flags, stdin, ctx, now: driver.sim.now };
  const before = cluster.changes;
  const r = cmd.run(k);
  // The controllers see a change at once, as the API server's watchers do.
  if (cluster.changes !== before) driver.syncNow();
  return cluster.changes !== before ? { ...r, changed: true } : r;
}
