// `hyperpane import`: each tool's fixed read-only commands (commands.ts), from a
// source (source.ts: the tools themselves, or saved outputs), read (docker.ts,
// libvirt.ts) and built into an estate (build.ts). A tool that is missing, not
// allowed, slow or answering something unexpected is left out with the reason,
// and the import goes on with the others.

import { CONTROL_CHARS } from '../../core/validate.js';
import { readAzVmList } from './azure.js';
import type { Found } from './build.js';
import {
  AZURE_VMS,
  DOCKER_FIRST,
  dockerInspect,
  govcHostInfo,
  govcVmInfo,
  HYPERV_HOST,
  HYPERV_VMS,
  IMPORT_TOOLS,
  type ImportTool,
  LIBVIRT_FIRST,
  type ReadOnlyCommand,
  VSPHERE_FIND_HOSTS,
  VSPHERE_FIND_VMS,
  virshDumpxml,
} from './commands.js';
import { type ContainerFound, readDockerInfo, readDockerInspect, readDockerPs } from './docker.js';
import { readVmHost, readVms } from './hyperv.js';
import { type DomainFound, readDomainNames, readDumpxml, readNodeinfo } from './libvirt.js';
import { commandLine, type Source } from './source.js';
import { readHostInfo, readVmInfo } from './vsphere.js';

/** The most domains or containers read from one host: a lab's few, a large host's hundreds. */
const MAX_OBJECTS = 2000;

export interface Gathered {
  readonly found: Found;
  /** Each tool or object left out, and why. */
  readonly left: readonly string[];
}

/** Runs each tool's commands in turn, saying what it runs through `progress`. */
export async function gather(source: Source, tools: readonly ImportTool[], progress: (text: string) => void): Promise<Gathered> {
  const left: string[] = [];
  const run = async (c: ReadOnlyCommand) => {
    progress(commandLine(c));
    return source.run(c);
  };
  let found: Found = {};
  // In IMPORT_TOOLS' order, whatever order --only named them in.
  for (const tool of IMPORT_TOOLS) {
    if (!tools.includes(tool)) continue;
    const got = await GATHERERS[tool](run, left);
    if (got) found = { ...found, [tool]: got };
  }
  return { found, left };
}

type Run = (c: ReadOnlyCommand) => ReturnType<Source['run']>;

/** Each tool's commands, read: what it found, or undefined with the reason in `left`. */
const GATHERERS: { readonly [T in ImportTool]: (run: Run, left: string[]) => Promise<Found[T]> } = {
  docker: gatherDocker,
  libvirt: gatherLibvirt,
  vsphere: gatherVsphere,
  hyperv: gatherHyperv,
  azure: gatherAzure,
};

async function gatherAzure(run: Run, left: string[]): Promise<Found['azure']> {
  const out = await run(AZURE_VMS);
  const vms = out.ok ? readAzVmList(out.text) : out.message;
  if (typeof vms === 'string') return void left.push(`Azure: ${vms}`);
  if (vms.length > MAX_OBJECTS) left.push(`Azure: ${vms.length} VMs; the first ${MAX_OBJECTS} are taken`);
  return { vms: vms.slice(0, MAX_OBJECTS) };
}

async function gatherDocker(run: Run, left: string[]): Promise<Found['docker']> {
  const [infoCmd, psCmd] = DOCKER_FIRST;
  const info = await run(infoCmd);
  if (!info.ok) return void left.push(`Docker: ${info.message}`);
  const host = readDockerInfo(info.text);
  if (typeof host === 'string') return void left.push(`Docker: ${host}`);
  const ps = await run(psCmd);
  const listed = ps.ok ? readDockerPs(ps.text) : ps.message;
  if (typeof listed === 'string') {
    left.push(`Docker's containers: ${listed}`);
    return { host, containers: [] };
  }
  if (listed.length > MAX_OBJECTS) left.push(`Docker: ${listed.length} containers; the first ${MAX_OBJECTS} are taken`);
  const some = listed.slice(0, MAX_OBJECTS);
  // Their IDs are hex as docker ps gave them: anything else is not passed to docker inspect.
  const ids = some.map((c) => c.id).filter((id) => /^[0-9a-f]{12,64}$/.test(id));
  let containers: ContainerFound[] = some;
  if (ids.length > 0) {
    const inspected = await run(dockerInspect(ids));
    const read = inspected.ok ? readDockerInspect(inspected.text) : inspected.message;
    if (typeof read === 'string') left.push(`docker inspect: ${read}; containers taken from docker ps alone (no memory limits or restart policies)`);
    // Each container as docker inspect describes it (its full Id starts with ps's short one), else as docker ps listed it.
    else {
      const byShortId = new Map(read.map((x) => [x.id.slice(0, 12), x]));
      containers = some.map((c) => (c.id.length >= 12 ? byShortId.get(c.id.slice(0, 12)) : undefined) ?? c);
    }
  }
  return { host, containers };
}

async function gatherLibvirt(run: Run, left: string[]): Promise<Found['libvirt']> {
  const [hostnameCmd, nodeinfoCmd, listCmd] = LIBVIRT_FIRST;
  const nodeinfo = await run(nodeinfoCmd);
  if (!nodeinfo.ok) return void left.push(`libvirt: ${nodeinfo.message}`);
  const hostname = await run(hostnameCmd);
  const host = readNodeinfo(nodeinfo.text, hostname.ok ? hostname.text : undefined);
  if (typeof host === 'string') return void left.push(`libvirt: ${host}`);
  const list = await run(listCmd);
  if (!list.ok) {
    left.push(`libvirt's domains: ${list.message}`);
    return { host, domains: [] };
  }
  const names = readDomainNames(list.text);
  if (names.length > MAX_OBJECTS) left.push(`libvirt: ${names.length} domains; the first ${MAX_OBJECTS} are taken`);
  const domains: DomainFound[] = [];
  const taken = names.slice(0, MAX_OBJECTS);
  for (const [i, name] of taken.entries()) {
    // A name that could pass for something else on a command line, or hold what a terminal obeys, is not run with.
    if (name.startsWith('-') || name.includes('/') || CONTROL_CHARS.test(name)) {
      left.push('a domain whose name cannot be passed to virsh dumpxml safely');
      continue;
    }
    const xml = await run(virshDumpxml(name));
    // A libvirtd that stopped answering answers none: the rest are left, not waited for one by one.
    if (!xml.ok && xml.why === 'timeout') {
      const rest = taken.length - i - 1;
      left.push(`domain ${name}: ${xml.message}${rest > 0 ? `; the ${rest} after it are left out` : ''}`);
      break;
    }
    const read = xml.ok ? readDumpxml(xml.text) : xml.message;
    if (typeof read === 'string') left.push(`domain ${name}: ${read}`);
    else domains.push(read);
  }
  return { host, domains };
}

/** The paths govc find printed that may be passed on: inventory paths start with /, and hold nothing a terminal obeys. */
function paths(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('/') && !CONTROL_CHARS.test(l))
    .slice(0, MAX_OBJECTS);
}

async function gatherVsphere(run: Run, left: string[]): Promise<Found['vsphere']> {
  const found = await run(VSPHERE_FIND_HOSTS);
  if (!found.ok) return void left.push(`vSphere: ${found.message}`);
  const hostPaths = paths(found.text);
  if (hostPaths.length === 0) return void left.push('vSphere: govc find listed no host');
  const info = await run(govcHostInfo(hostPaths));
  const hosts = info.ok ? readHostInfo(info.text) : info.message;
  if (typeof hosts === 'string') return void left.push(`vSphere: ${hosts}`);
  const vmsFound = await run(VSPHERE_FIND_VMS);
  const vmPaths = vmsFound.ok ? paths(vmsFound.text) : [];
  if (!vmsFound.ok) left.push(`vSphere's VMs: ${vmsFound.message}`);
  if (vmPaths.length === 0) return { hosts, vms: [] };
  const vmInfo = await run(govcVmInfo(vmPaths));
  const vms = vmInfo.ok ? readVmInfo(vmInfo.text) : vmInfo.message;
  if (typeof vms === 'string') {
    left.push(`vSphere's VMs: ${vms}`);
    return { hosts, vms: [] };
  }
  return { hosts, vms };
}

async function gatherHyperv(run: Run, left: string[]): Promise<Found['hyperv']> {
  const hostOut = await run(HYPERV_HOST);
  if (!hostOut.ok) return void left.push(`Hyper-V: ${noModule(hostOut.message, 'Get-VMHost')}`);
  const host = readVmHost(hostOut.text);
  if (typeof host === 'string') return void left.push(`Hyper-V: ${host}`);
  const vmsOut = await run(HYPERV_VMS);
  const read = vmsOut.ok ? readVms(vmsOut.text) : noModule(vmsOut.message, 'Get-VM');
  if (typeof read === 'string') {
    left.push(`Hyper-V's VMs: ${read}`);
    return { host, vms: [] };
  }
  left.push(...read.left);
  const { vms } = read;
  if (vms.length > MAX_OBJECTS) left.push(`Hyper-V: ${vms.length} VMs; the first ${MAX_OBJECTS} are taken`);
  return { host, vms: vms.slice(0, MAX_OBJECTS) };
}

/** pwsh without the Hyper-V module (not Windows, or the feature not installed) says the cmdlet "is not recognized": said so. */
function noModule(message: string, cmdlet: string): string {
  return message.includes(`${cmdlet}' is not recognized`)
    ? `pwsh here has no Hyper-V module (${cmdlet} is not recognized: Hyper-V's PowerShell module is on Windows hosts with the Hyper-V role)`
    : message;
}
