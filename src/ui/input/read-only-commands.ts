// Read-only mode lets the prompt run native commands that only look: listing,
// showing, inspecting. A command passes when one of its verbs is a looking verb
// (or it is a PowerShell Get- cmdlet); anything else is refused before it runs.
const LOOKING = new Set([
  'list', 'ls', 'ps', 'show', 'info', 'inspect', 'images', 'stats', 'top', 'logs', 'version', 'help', '--help', '-h', 'about', 'find', 'tree',
  'dominfo', 'domstate', 'domstats', 'dommemstat', 'dumpxml', 'nodeinfo', 'nodememstats', 'capabilities', 'hostname', 'uri', 'vcpuinfo',
  'snapshot-list', 'snapshot-info', 'snapshot-current', 'snapshot-dumpxml', 'domiflist', 'domblklist',
  'list-sizes', 'list-usage', 'list-skus', 'get-instance-view', 'exists',
  'snapshot.tree', 'vm.info', 'host.info', 'datastore.info', 'cluster.info', 'ls', 'events',
]);

export function isReadOnlyCommand(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (/^get-/i.test(words[0] ?? '')) return true;
  if (words.includes('--help') || words.includes('-h')) return true;
  // The verb: az's is its second word ("az vm list"); the others' their first that is not a flag.
  const rest = words.slice(1).filter((w) => !w.startsWith('-'));
  const verb = words[0] === 'az' ? rest[1] : rest[0];
  return verb !== undefined && LOOKING.has(verb);
}
