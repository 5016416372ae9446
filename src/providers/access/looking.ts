// Which native commands only look (listing, showing, inspecting): a command
// whose verb is a looking verb, or a PowerShell Get- cmdlet. Read-only mode lets
// only these through, and the policy point takes every other as a change.
// test/ui/read-only.test.ts runs every changing command of the five
// vocabularies through it, and every looking one.
import { kubectlVerb } from '../kubernetes/kubectl.js';

const LOOKING = new Set([
  'list',
  'ls',
  'ps',
  'show',
  'info',
  'inspect',
  'images',
  'stats',
  'top',
  'logs',
  'version',
  'help',
  '--help',
  '-h',
  'about',
  'find',
  'tree',
  'dominfo',
  'domstate',
  'domstats',
  'dommemstat',
  'dumpxml',
  'nodeinfo',
  'nodememstats',
  'capabilities',
  'hostname',
  'uri',
  'vcpuinfo',
  'snapshot-list',
  'snapshot-info',
  'snapshot-current',
  'snapshot-dumpxml',
  'domiflist',
  'domblklist',
  'domblkinfo',
  'pool-list',
  'pool-info',
  'vol-list',
  'vol-info',
  'list-sizes',
  'list-usage',
  'list-skus',
  'get-instance-view',
  'exists',
  'snapshot.tree',
  'vm.info',
  'host.info',
  'datastore.info',
  'datastore.ls',
  'datastore.disk.info',
  'device.ls',
  'device.info',
  'df',
  'cluster.info',
  'role.ls',
  'role.usage',
  'permissions.ls',
  'ls',
  'events',
]);

/** docker's management commands the drivers answer, whose second word is the verb (docker/cli cli/command/context/cmd.go). */
const DOCKER_GROUPS = new Set(['context', 'system']);

export function isReadOnlyCommand(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (/^get-/i.test(words[0] ?? '')) return true;
  // hyperpane's own: explaining access and reading the audit trail only look.
  if (words[0] === 'access' || words[0] === 'audit') return true;
  // Planning only looks, but for consolidate --apply; the alarms list, but for acknowledging and resetting.
  if (['capacity', 'rightsize', 'power', 'consolidate'].includes(words[0] ?? '')) return !words.includes('--apply');
  if (words[0] === 'alarms') return !words.includes('ack') && !words.includes('reset');
  if (words[0] === 'govc' && (words[1] === 'alarms' || words[1] === 'alarm.info')) return !words.some((w) => /^--?ack(=true)?$/.test(w));
  if (words.includes('--help') || words.includes('-h')) return true;
  // The verb: az's is its second word ("az vm list"), as is that of docker's command groups
  // ("docker context ls"); the others' their first that is not a flag.
  const rest = words.slice(1).filter((w) => !w.startsWith('-'));
  // kubectl's looking verbs, and the rollout and config subcommands that only look.
  if (words[0] === 'kubectl') {
    // The verb as kubectl finds it among its flags ("kubectl -n get delete ns x" deletes).
    const { command: verb, sub } = kubectlVerb(words.slice(1));
    if (verb === 'rollout') return sub === 'status' || sub === 'history';
    if (verb === 'config') return sub === 'get-contexts' || sub === 'current-context';
    return ['get', 'describe', 'logs', 'top', 'version'].includes(verb ?? '');
  }
  // az's verb ends its command path, the words before the first flag ("az network vnet list -g x").
  if (words[0] === 'az') {
    const flag = words.findIndex((w, i) => i > 0 && w.startsWith('-'));
    const path = words.slice(1, flag < 0 ? undefined : flag);
    return path.length > 1 && LOOKING.has(path[path.length - 1]);
  }
  const verb = words[0] === 'docker' && DOCKER_GROUPS.has(rest[0]) ? rest[1] : rest[0];
  return verb !== undefined && LOOKING.has(verb);
}
