// The only commands `hyperpane import` runs: each tool's own read-only ones, as
// fixed words (no shell, nothing from the user in them but the names the tools
// themselves listed), and where each one's saved output goes in an --from-dir
// folder. Nothing here changes the real estate.

export type ImportTool = 'docker' | 'libvirt' | 'vsphere' | 'hyperv' | 'azure';

export const IMPORT_TOOLS: readonly ImportTool[] = ['docker', 'libvirt', 'vsphere', 'hyperv', 'azure'];

export interface ReadOnlyCommand {
  readonly tool: ImportTool;
  readonly program: 'docker' | 'virsh' | 'govc' | 'pwsh' | 'az';
  readonly args: readonly string[];
  /** Its output's file in a --from-dir folder. */
  readonly file: string;
  /** How messages name it, where its words are too many to repeat. */
  readonly shown?: string;
}

const docker = (args: readonly string[], file: string): ReadOnlyCommand => ({ tool: 'docker', program: 'docker', args, file: `docker/${file}` });
const virsh = (args: readonly string[], file: string): ReadOnlyCommand => ({ tool: 'libvirt', program: 'virsh', args, file: `libvirt/${file}` });

/** Docker: the engine (docker info) and every container (docker ps -a); then each container inspected. */
export const DOCKER_FIRST: readonly ReadOnlyCommand[] = [
  docker(['info', '--format', '{{json .}}'], 'info.json'),
  docker(['ps', '-a', '--no-trunc', '--format', 'json'], 'ps.jsonl'),
];

/** docker inspect of the containers docker ps listed (their IDs: hex, so never taken for an option). */
export function dockerInspect(ids: readonly string[]): ReadOnlyCommand {
  return docker(['inspect', ...ids], 'inspect.json');
}

/** libvirt: the host (virsh hostname, virsh nodeinfo) and every domain by name, defined or running. */
export const LIBVIRT_FIRST: readonly ReadOnlyCommand[] = [
  virsh(['hostname'], 'hostname.txt'),
  virsh(['nodeinfo'], 'nodeinfo.txt'),
  virsh(['list', '--all', '--name'], 'list.txt'),
];

/** virsh dumpxml of one domain, named with --domain so a name is never read as an option. */
export function virshDumpxml(name: string): ReadOnlyCommand {
  return virsh(['dumpxml', '--domain', name], `dumpxml/${name}.xml`);
}

/** Azure: every VM of the subscription az is signed in to, with its power state (-d). */
export const AZURE_VMS: ReadOnlyCommand = { tool: 'azure', program: 'az', args: ['vm', 'list', '-d', '-o', 'json'], file: 'azure/vm-list.json' };

const govc = (args: readonly string[], file: string): ReadOnlyCommand => ({ tool: 'vsphere', program: 'govc', args, file: `vsphere/${file}` });

/** vSphere (govc, connected by its own GOVC_URL): the inventory's hosts and VMs by path (govc find). */
export const VSPHERE_FIND_HOSTS = govc(['find', '/', '-type', 'h'], 'find-hosts.txt');
export const VSPHERE_FIND_VMS = govc(['find', '/', '-type', 'm'], 'find-vms.txt');

/** govc host.info and vm.info of the paths govc find gave (each starts with /, so none is read as an option). */
export function govcHostInfo(paths: readonly string[]): ReadOnlyCommand {
  return govc(['host.info', '-json', ...paths], 'host-info.json');
}
export function govcVmInfo(paths: readonly string[]): ReadOnlyCommand {
  return govc(['vm.info', '-json', ...paths], 'vm-info.json');
}

/**
 * Hyper-V, through PowerShell 7 on the host: the host and its VMs, each as JSON. pwsh
 * runs the fixed line it is given, with no profile and no prompt. The cmdlets are named
 * with their module (VMware PowerCLI, if loaded, has a Get-VM and Get-VMHost of its own);
 * output is UTF-8, as libhvee sets it, so a name outside the console's code page
 * survives; enums are written by name (their numbers differ between Windows versions);
 * and the properties read are selected, so a host with many VMs answers a few hundred
 * bytes each (whole Get-VM objects run to kilobytes, cut at ConvertTo-Json's depth with
 * a warning, which is silenced). --from-dir reads either, selected or whole.
 */
const pwsh = (cmdlet: string, properties: string, file: string): ReadOnlyCommand => ({
  tool: 'hyperv',
  program: 'pwsh',
  args: [
    '-NoLogo',
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    `[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new(); Hyper-V\\${cmdlet} | Select-Object ${properties} | ConvertTo-Json -EnumsAsStrings -WarningAction SilentlyContinue`,
  ],
  file: `hyperv/${file}`,
  shown: `pwsh -Command "${cmdlet} | ConvertTo-Json"`,
});
export const HYPERV_HOST = pwsh('Get-VMHost', 'Name,ComputerName,LogicalProcessorCount,MemoryCapacity', 'vmhost.json');
export const HYPERV_VMS = pwsh(
  'Get-VM',
  'Name,State,ProcessorCount,MemoryStartup,DynamicMemoryEnabled,MemoryMinimum,MemoryMaximum,Generation,ComputerName',
  'vm.json',
);
