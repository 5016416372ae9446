// kubectl config get-contexts|current-context|use-context and kubectl
// version: one context per cluster, named after it (as `az aks
// get-credentials` names an AKS cluster's), its user the installer's admin.
import { KUBERNETES_VERSION } from '../../orchestrator/cluster.js';
import type { KubernetesDriver } from './driver.js';
import { error, type KubectlCommand } from './kubectl-context.js';
import { kubectlTable } from './printers.js';

/** The kubeconfig user of a cluster: kubeadm's admin.conf "kubernetes-admin", AKS's "clusterUser_<group>_<name>". */
function userOf(driver: KubernetesDriver, name: string): string {
  const c = driver.clusters.get(name)!;
  return c.data.settings.flavour === 'aks' ? `clusterUser_${name}` : 'kubernetes-admin';
}

export const config: KubectlCommand = {
  short: 'Modify kubeconfig files',
  flags: { output: { type: 'string', aliases: ['o'] } },
  run(k) {
    const [sub, arg] = k.flags.positionals;
    const d = k.driver;
    const current = d.current()?.name;
    switch (sub) {
      case 'get-contexts': {
        const names = [...d.clusters.keys()].filter((n) => arg === undefined || n === arg);
        if (arg !== undefined && names.length === 0) return error(`context ${arg} not found`);
        if (k.flags.values.get('output') === 'name') return { exitCode: 0, stdout: names.map((n) => `${n}\n`).join(''), stderr: '', changed: false };
        const rows = names.map((n) => [n === current ? '*' : '', n, n, userOf(d, n), '']);
        // get_contexts.go prints every cell tab-terminated: the last column is padded too.
        return {
          exitCode: 0,
          stdout: kubectlTable(
            ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE', ''],
            rows.map((r) => [...r, '']),
          ),
          stderr: '',
          changed: false,
        };
      }
      case 'current-context':
        return { exitCode: 0, stdout: `${current}\n`, stderr: '', changed: false };
      case 'use-context':
      case 'use': {
        if (arg === undefined) return error('Unexpected args: []');
        if (!d.clusters.has(arg)) return error(`no context exists with the name: "${arg}"`);
        const changed = d.context !== arg;
        d.context = arg;
        return { exitCode: 0, stdout: `Switched to context "${arg}".\n`, stderr: '', changed };
      }
      default:
        return sub === undefined
          ? error('config needs a subcommand: get-contexts, current-context, use-context')
          : error(`unknown command "${sub}" for "kubectl config"`);
    }
  },
};

export const version: KubectlCommand = {
  short: 'Print the client and server version information',
  flags: { client: { type: 'boolean' }, output: { type: 'string', aliases: ['o'] } },
  run(k) {
    // kubectl 1.32 is built with kustomize v5.5.0.
    const client = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: v5.5.0\n`;
    return {
      exitCode: 0,
      stdout: k.flags.values.get('client') === true ? client : `${client}Server Version: ${KUBERNETES_VERSION}\n`,
      stderr: '',
      changed: false,
    };
  },
};
