// `hyperpane import [--from-dir DIR] [--only TOOLS] [--timeout D] [--force] FILE`:
// builds an estate file from a real estate's inventories (src/import/), running
// each tool's fixed read-only commands, or reading their saved outputs.
import { existsSync, statSync } from 'node:fs';
import { parseDurationMs } from '../core/duration.js';
import { visibleText } from '../core/visible.js';
import { plural } from '../estate/counts.js';
import { buildImported } from '../estate/import/build.js';
import { IMPORT_TOOLS, type ImportTool } from '../estate/import/commands.js';
import { gather } from '../estate/import/run.js';
import { dirSource, liveSource } from '../estate/import/source.js';
import { saveEstate } from '../estate/store.js';
import { ERASE_LINE } from '../ui/terminal/escapes.js';
import { readArgs, usageError, writeErr, writeOut } from './io.js';

export const IMPORT_HELP = `
  Usage
    $ hyperpane import [options] FILE

  Builds an estate file (FILE, opened with --estate) from your own estate: its
  hosts and workloads with their real names and sizes. It runs only each tool's
  read-only commands, each with a timeout and never through a shell (pwsh is
  given one fixed line of its own):
    docker   docker info, docker ps -a, docker inspect
    libvirt  virsh hostname, virsh nodeinfo, virsh list --all --name, virsh dumpxml
    vsphere  govc find / -type h and -type m, govc host.info -json, govc vm.info -json (GOVC_URL's)
    hyperv   pwsh -Command "Get-VMHost | ConvertTo-Json" and "Get-VM | ConvertTo-Json" (this host's)
    azure    az vm list -d (the subscription az is signed in to)
  A tool that is not installed, not allowed or answering something unexpected is
  left out with the reason; the others are imported.

  Options
    --from-dir DIR  read the commands' saved outputs from DIR instead of running them:
                    docker/info.json, docker/ps.jsonl, docker/inspect.json,
                    libvirt/hostname.txt, libvirt/nodeinfo.txt, libvirt/list.txt,
                    libvirt/dumpxml/NAME.xml, vsphere/find-hosts.txt, vsphere/host-info.json,
                    vsphere/find-vms.txt, vsphere/vm-info.json, hyperv/vmhost.json,
                    hyperv/vm.json, azure/vm-list.json
    --only TOOLS    the tools to import, by comma: ${IMPORT_TOOLS.join(', ')} (default: all)
    --timeout D     how long each command may take (default 10s, at most 5m)
    --force         replace FILE if it exists

  Examples
    $ hyperpane import lab.json && hyperpane --estate lab.json
    $ hyperpane import --from-dir saved/ --only libvirt lab.json
`;

export async function importCommand(args: string[]): Promise<number> {
  const parsed = readArgs(args, {
    'from-dir': { type: 'string' },
    only: { type: 'string' },
    timeout: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (typeof parsed === 'string') return usageError('import', parsed);
  const { values: v, positionals } = parsed;
  if (v.help) {
    writeOut(IMPORT_HELP.slice(1));
    return 0;
  }
  if (positionals.length !== 1) return usageError('import', 'give exactly one FILE to write the estate to');
  const file = positionals[0];
  if (existsSync(file) && !v.force) return usageError('import', `${file} exists; add --force to replace it`);
  const tools = (v.only ?? IMPORT_TOOLS.join(',')).split(',').map((t) => t.trim());
  const unknown = tools.find((t) => !(IMPORT_TOOLS as readonly string[]).includes(t));
  if (unknown !== undefined) return usageError('import', `--only takes ${IMPORT_TOOLS.join(', ')}, got ${unknown}`);
  const timeoutMs = v.timeout === undefined ? 10_000 : parseDurationMs(v.timeout);
  if (timeoutMs === undefined || timeoutMs <= 0 || timeoutMs > 300_000)
    return usageError('import', `--timeout is a duration up to 5m (10s, 1m), got ${v.timeout}`);
  const dir = v['from-dir'];
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) return usageError('import', `--from-dir ${dir}: no such folder`);
  const source = dir === undefined ? liveSource(timeoutMs) : dirSource(dir);
  // A progress line a command, rewritten in place on a terminal.
  const tty = process.stderr.isTTY;
  const progress = (text: string) => {
    if (tty) process.stderr.write(`\r${ERASE_LINE}import: ${visibleText(text).slice(0, 100)}`);
  };
  const { found, left } = await gather(source, tools as ImportTool[], progress);
  if (tty) process.stderr.write(`\r${ERASE_LINE}`);
  const built = buildImported(found);
  const notes = [...left, ...built.left].map((l) => visibleText(l));
  for (const note of notes) writeErr(`hyperpane import: left out: ${note}\n`);
  if (built.hosts === 0 && (built.azure?.vms ?? 0) === 0) {
    writeErr(`hyperpane import: nothing to import from ${source.describe}; ${file} not written\n`);
    return 1;
  }
  // Over a read-only file only when told to (--force), as :w! does.
  const saved = saveEstate(built.estate, file, { force: v.force === true });
  if (!saved.ok) {
    writeErr(`hyperpane import: ${saved.message}\n`);
    return 1;
  }
  const what = [
    built.docker ? `a Docker host (${built.docker.host}) with ${plural(built.docker.containers, 'container')}` : '',
    built.libvirt ? `a libvirt host (${built.libvirt.host}) with ${plural(built.libvirt.domains, 'domain')}` : '',
    built.vsphere ? `${plural(built.vsphere.hosts, 'ESXi host')} with ${plural(built.vsphere.vms, 'VM')}` : '',
    built.hyperv ? `a Hyper-V host (${built.hyperv.host}) with ${plural(built.hyperv.vms, 'VM')}` : '',
    built.azure?.vms ? `${plural(built.azure.vms, 'Azure VM')} in ${plural(built.azure.groups, 'resource group')}` : '',
  ].filter(Boolean);
  const listed = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what.join('');
  const summary = `imported ${listed} from ${source.describe} into ${file}: ${plural(built.hosts, 'host')}, ${plural(built.workloads, 'workload')}`;
  const leftOut = notes.length > 0 ? ` (${notes.length} left out, said above)` : '';
  writeOut(`${visibleText(summary)}${leftOut}\nopen it: hyperpane --estate ${visibleText(file)}\n`);
  return 0;
}
