// hyperpane import, against stand-in executables on PATH that print the real
// outputs recorded from each tool (test/fixtures/import/README.md names each
// recording's source), and against malformed and hostile ones: what a tool that
// is missing, not allowed, slow or answering nonsense does to an import.
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildImported } from '../../src/estate/import/build.js';
import { HYPERV_HOST, HYPERV_VMS, IMPORT_TOOLS } from '../../src/estate/import/commands.js';
import { readDockerInspect, readDockerPs } from '../../src/estate/import/docker.js';
import { readVms } from '../../src/estate/import/hyperv.js';
import { readDomainNames, readDumpxml, readNodeinfo } from '../../src/estate/import/libvirt.js';
import { gather } from '../../src/estate/import/run.js';
import { dirSource, liveSource } from '../../src/estate/import/source.js';
import { readVmInfo } from '../../src/estate/import/vsphere.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

/**
 * A stand-in for `program` that answers each command line it knows with a file of `dir` (the recorded output, as
 * --from-dir lays them out), or fails as the real tool does with what it does not know.
 */
function standIn(
  bin: string,
  program: 'docker' | 'virsh' | 'govc' | 'pwsh' | 'az',
  answers: Record<string, string>,
  options: { sleepMs?: number; exit?: { code: number; stderr: string } } = {},
): void {
  const path = join(bin, program);
  writeFileSync(
    path,
    `#!${process.execPath}
const answers = ${JSON.stringify(answers)};
const line = process.argv.slice(2).join(' ');
setTimeout(() => {
  ${options.exit ? `process.stderr.write(${JSON.stringify(options.exit.stderr)}); process.exit(${options.exit.code});` : ''}
  if (!(line in answers)) { process.stderr.write('${program}: unknown command: ' + line + '\\n'); process.exit(1); }
  process.stdout.write(answers[line]);
}, ${options.sleepMs ?? 0});
`,
  );
  chmodSync(path, 0o755);
}

const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

const recordedDocker = () => ({
  'info --format {{json .}}': fixture('docker/info.json'),
  'ps -a --no-trunc --format json': fixture('docker/ps.jsonl'),
  'inspect d9f5c4922862 7241c57ca1c6 addd94f3ac8e': fixture('docker/inspect.json'),
});
const recordedVirsh = () => ({
  hostname: fixture('libvirt/hostname.txt'),
  nodeinfo: fixture('libvirt/nodeinfo.txt'),
  'list --all --name': fixture('libvirt/list.txt'),
  'dumpxml --domain r-2825-QA': fixture('libvirt/dumpxml/r-2825-QA.xml'),
});

describe('hyperpane import', () => {
  let bin: string;
  let path: string | undefined;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'hp-import-bin-'));
    path = process.env.PATH;
    // Only the stand-ins: a tool not among them is not installed.
    process.env.PATH = bin;
  });
  afterEach(() => {
    process.env.PATH = path;
  });
  const live = () => gather(liveSource(5_000), ['docker', 'libvirt'], () => undefined);

  it('builds an estate from the real outputs: the hosts and workloads with their real names and sizes, running or not', async () => {
    standIn(bin, 'docker', recordedDocker());
    standIn(bin, 'virsh', recordedVirsh());
    const g = await live();
    expect(g.left).toEqual([]);
    const built = buildImported(g.found);
    expect(built.left).toEqual([]);
    const { sim } = built.estate;
    // docker info: Name system-sample, NCPU 2, MemTotal 2097356800 bytes (2000 MiB); virsh nodeinfo: 16 CPUs, 3145728 KiB.
    expect(sim.hostRow('system-sample')).toMatchObject({ cores: 2, memoryMiB: 2000 });
    expect(sim.hostRow('cloudstack-kvm-01')).toMatchObject({ cores: 16, memoryMiB: 3072 });
    const rows = sim.workloadViews().map((w) => [w.name, w.kind, w.state]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['busy_poitras', 'container', 'stopped'],
        ['angry_cohen', 'container', 'stopped'],
        ['goofy_shockley', 'container', 'running'],
        ['r-2825-QA', 'vm', 'running'],
      ]),
    );
    // dumpxml: <memory unit='KiB'>262144</memory>, <vcpu placement='static'>1</vcpu>.
    expect(sim.workloadRow('r-2825-QA')).toMatchObject({ cpuMilli: 1000, memoryMiB: 256 });
    expect(built.hosts).toBe(2);
    expect(built.workloads).toBe(4);
  });

  it('reads the same from saved outputs (--from-dir)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-import-dir-'));
    cpSync(FIXTURES, dir, { recursive: true });
    const g = await gather(dirSource(dir), IMPORT_TOOLS, () => undefined);
    expect(g.left).toEqual([]);
    // Docker's 3 containers, libvirt's domain, vSphere's VM, Hyper-V's 2 (the Azure recording's size is not priced: left out).
    expect(buildImported(g.found).workloads).toBe(7);
  });

  it('leaves out a tool that is missing, slow, denied or answering nonsense, and imports the others', async () => {
    // virsh is not on PATH.
    standIn(bin, 'docker', { ...recordedDocker(), 'info --format {{json .}}': '{"Name": "half' });
    let g = await live();
    expect(g.found).toEqual({});
    expect(g.left).toEqual([expect.stringMatching(/^Docker: docker info is not JSON \(/), 'libvirt: virsh is not installed here (not on PATH)']);
    // Slow: past its timeout it is left.
    standIn(bin, 'virsh', recordedVirsh(), { sleepMs: 3_000 });
    standIn(bin, 'docker', recordedDocker());
    g = await gather(liveSource(500), ['docker', 'libvirt'], () => undefined);
    expect(g.found.docker?.containers).toHaveLength(3);
    expect(g.left).toEqual(['libvirt: virsh nodeinfo did not answer within 0.5 s']);
    // Not allowed to run.
    standIn(bin, 'virsh', recordedVirsh());
    chmodSync(join(bin, 'virsh'), 0o644);
    g = await live();
    expect(g.left).toEqual(['libvirt: virsh may not be run here (permission denied)']);
  });

  it('never runs a name that could pass for an option, and never shows what a terminal would obey', async () => {
    standIn(bin, 'virsh', { ...recordedVirsh(), 'list --all --name': '--help\nr-2825-QA\nevil\u001b]0;pwned\u0007\n\n' });
    const hostile = fixture('docker/ps.jsonl').replace('"busy_poitras"', '"busy\\u001b[2Jpoitras"');
    standIn(bin, 'docker', { ...recordedDocker(), 'ps -a --no-trunc --format json': hostile });
    const g = await live();
    expect(g.left).toEqual(['a domain whose name cannot be passed to virsh dumpxml safely', 'a domain whose name cannot be passed to virsh dumpxml safely']);
    const built = buildImported(g.found);
    expect(built.left).toEqual(['container d9f5c4922862: its name is not one the estate can show']);
    expect(built.workloads).toBe(3);
  });

  it('a machine that runs both names its libvirt host apart, and the summary counts what was built', async () => {
    standIn(bin, 'docker', recordedDocker());
    standIn(bin, 'virsh', { ...recordedVirsh(), hostname: 'system-sample\n\n' });
    const built = buildImported((await live()).found);
    expect(built.left).toEqual([]);
    expect(built.docker).toEqual({ host: 'system-sample', containers: 3 });
    expect(built.libvirt).toEqual({ host: 'system-sample-kvm', domains: 1 });
  });

  it('ends a command at its timeout with whatever it started (a wrapper whose child holds the output open)', async () => {
    standIn(bin, 'docker', recordedDocker());
    // virsh as a wrapper script that starts a long child sharing its output, then leaves without answering.
    const path = join(bin, 'virsh');
    writeFileSync(
      path,
      `#!${process.execPath}\nrequire('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'inherit' });\n`,
    );
    chmodSync(path, 0o755);
    const started = performance.now();
    const g = await gather(liveSource(500), ['docker', 'libvirt'], () => undefined);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(g.left).toEqual(['libvirt: virsh nodeinfo did not answer within 0.5 s']);
    expect(g.found.docker?.containers).toHaveLength(3);
  });

  it('imports Azure VMs in their resource groups and regions, running or not; a size the simulation does not price is left out, said', async () => {
    const recorded = fixture('azure/vm-list.json');
    standIn(bin, 'az', { 'vm list -d -o json': recorded });
    let g = await gather(liveSource(5_000), ['azure'], () => undefined);
    expect(g.left).toEqual([]);
    let built = buildImported(g.found);
    // The recording's two VMs are Standard_D1_v2, which the simulation's catalogue does not hold.
    expect(built.left).toEqual([
      expect.stringMatching(/^cloud VM businesscontinuitytest\/ubuntu: .*Standard_D1_v2/),
      expect.stringMatching(/^cloud VM businesscontinuitytest\/windows: .*Standard_D1_v2/),
    ]);
    // The same VMs at a size it prices.
    standIn(bin, 'az', { 'vm list -d -o json': recorded.replaceAll('"Standard_D1_v2"', '"Standard_B2s"') });
    g = await gather(liveSource(5_000), ['azure'], () => undefined);
    built = buildImported(g.found);
    expect(built.left).toEqual([]);
    expect(built.azure).toEqual({ vms: 2, groups: 1 });
    const vms = built.estate.sim.workloadViews().map((w) => [w.name, w.kind, w.state]);
    expect(vms).toEqual(expect.arrayContaining([expect.arrayContaining(['cloud-vm', 'stopped']), expect.arrayContaining(['cloud-vm', 'running'])]));
    const az = built.estate.providers.exec('az vm list -d -o table');
    expect(az.stdout).toMatch(/windows +businesscontinuitytest +VM running/);
  });

  it('imports vSphere through govc: each host found, its cores and memory, each VM on the host its Runtime.Host names, in either key casing', async () => {
    standIn(bin, 'govc', {
      'find / -type h': fixture('vsphere/find-hosts.txt'),
      'find / -type m': fixture('vsphere/find-vms.txt'),
      'host.info -json /ha-datacenter/host/localhost.localdomain/localhost.localdomain': fixture('vsphere/host-info.json'),
      'vm.info -json /ha-datacenter/vm/WindowsServer2019': fixture('vsphere/vm-info.json'),
    });
    const g = await gather(liveSource(5_000), ['vsphere'], () => undefined);
    expect(g.left).toEqual([]);
    const built = buildImported(g.found);
    expect(built.left).toEqual([]);
    expect(built.vsphere).toEqual({ hosts: 1, vms: 1 });
    // Summary.Hardware: NumCpuCores 2, MemorySize 4290236416 bytes (4091 MiB); the VM: NumCPU 2, MemoryMB 2048, poweredOff.
    expect(built.estate.sim.hostRow('localhost.localdomain')).toMatchObject({ cores: 2, memoryMiB: 4091 });
    expect(built.estate.sim.workloadRow('WindowsServer2019')).toMatchObject({ cpuMilli: 2000, memoryMiB: 2048, state: 'stopped' });
    // Newer govc prints the same in camelCase.
    const camel = fixture('vsphere/vm-info.json').replace(/"([A-Z][A-Za-z]*)":/g, (_, k: string) => `"${k[0].toLowerCase()}${k.slice(1)}":`);
    expect(readVmInfo(camel)).toEqual(readVmInfo(fixture('vsphere/vm-info.json')));
  });

  const recordedPwsh = (vms = fixture('hyperv/vm.json')) => ({
    [HYPERV_HOST.args.join(' ')]: fixture('hyperv/vmhost.json'),
    [HYPERV_VMS.args.join(' ')]: vms,
  });

  it('imports Hyper-V through pwsh: the host, each VM with its processors, startup memory, Dynamic Memory and state', async () => {
    standIn(bin, 'pwsh', recordedPwsh());
    const g = await gather(liveSource(5_000), ['hyperv'], () => undefined);
    expect(g.left).toEqual([]);
    const built = buildImported(g.found);
    expect(built.left).toEqual([]);
    expect(built.hyperv).toEqual({ host: 'WIN-IUNE600K56E', vms: 2 });
    const { sim, providers } = built.estate;
    // Get-VMHost: LogicalProcessorCount 20, MemoryCapacity 102795845632 bytes (98033 MiB).
    expect(sim.hostRow('WIN-IUNE600K56E')).toMatchObject({ cores: 20, memoryMiB: 98033 });
    // Get-VM: mockvm1 State 3 (Off), mockvm2 State 2 (Running); ProcessorCount 4, MemoryStartup 4 GiB, Dynamic Memory 512 MiB to 1 TiB.
    expect(sim.workloadRow('mockvm1')).toMatchObject({ cpuMilli: 4000, state: 'stopped' });
    expect(sim.workloadRow('mockvm2')).toMatchObject({ cpuMilli: 4000, state: 'running' });
    expect(providers.hyperv.dynamicMemory('mockvm1')).toEqual({ minimumMiB: 512, maximumMiB: 1_048_576, bufferPct: 20, startupMiB: 4096 });
    const memory = providers.exec('Get-VMMemory -VMName mockvm2').stdout;
    expect(memory).toMatch(/mockvm2 +True +512 +4096 +1048576/);
    expect(sim.workload('mockvm2')?.attrs).toMatchObject({ generation: 2 });
  });

  it('reads Hyper-V states by name or number, and leaves a number Windows versions disagree on', async () => {
    const vm = (name: string, state: unknown) => ({ Name: name, State: state, ProcessorCount: 1, MemoryStartup: 1073741824 });
    const vms = [vm('saved', 'Saved'), vm('paused', 9), vm('resuming', 'Resuming'), vm('critical', 32785), vm('odd', 'constructor')];
    standIn(bin, 'pwsh', recordedPwsh(`\uFEFFWARNING: Resulting JSON is truncated.\n${JSON.stringify(vms)}`));
    const g = await gather(liveSource(5_000), ['hyperv'], () => undefined);
    expect(g.left).toEqual([
      'Hyper-V VM 4: its State 32785 names one state on Windows Server 2016 and another on later Windows (save Get-VM with ConvertTo-Json -EnumsAsStrings)',
      'Hyper-V VM 5: its State "constructor" is not one Hyper-V names',
    ]);
    const built = buildImported(g.found);
    expect(built.estate.sim.workloadViews().map((w) => [w.name, w.state])).toEqual([
      ['saved', 'suspended'],
      ['paused', 'paused'],
      ['resuming', 'running'],
    ]);
    expect(built.estate.providers.exec('Get-VM').stdout).toMatch(/saved +Saved[\s\S]*paused +Paused/);
    // Paused, it has been up all along, as one paused with Suspend-VM has.
    built.estate.sim.advance(600_000);
    expect(built.estate.providers.exec('Get-VM paused').stdout).toMatch(/paused +Paused +\d+ +\d+ +00:10:00/);
    // One VM is written bare, none at all as nothing.
    expect(readVms(JSON.stringify(vm('one', 'Off')))).toEqual({ vms: [{ name: 'one', vcpus: 1, memoryMiB: 1024, state: 'stopped' }], left: [] });
    expect(readVms('\r\n')).toEqual({ vms: [], left: [] });
  });

  // pwsh 7.1+'s words for a command it cannot find (PowerShell DiscoveryExceptions.resx CommandNotFoundException, since
  // PR #13281), led by the command's name as its ConciseView error view writes it, in its error colour; exit code 1 (about_Pwsh).
  it('reads outputs saved by Windows PowerShell 5.1 (UTF-16 with its byte-order mark)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-import-utf16-'));
    cpSync(FIXTURES, dir, { recursive: true });
    for (const file of ['hyperv/vmhost.json', 'hyperv/vm.json'])
      writeFileSync(join(dir, file), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture(file), 'utf16le')]));
    const g = await gather(dirSource(dir), ['hyperv'], () => undefined);
    expect(g.left).toEqual([]);
    expect(buildImported(g.found).hyperv).toEqual({ host: 'WIN-IUNE600K56E', vms: 2 });
  });

  it('says plainly that pwsh here has no Hyper-V module, and imports the rest', async () => {
    standIn(bin, 'docker', recordedDocker());
    standIn(
      bin,
      'pwsh',
      {},
      {
        exit: {
          code: 1,
          stderr:
            "\u001b[31;1mHyper-V\\Get-VMHost: The term 'Hyper-V\\Get-VMHost' is not recognized as a name of a cmdlet, function, script file, or executable program.\n" +
            'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n',
        },
      },
    );
    const g = await gather(liveSource(5_000), ['docker', 'hyperv'], () => undefined);
    expect(g.left).toEqual([
      "Hyper-V: pwsh here has no Hyper-V module (Get-VMHost is not recognized: Hyper-V's PowerShell module is on Windows hosts with the Hyper-V role)",
    ]);
    expect(g.found.docker?.containers).toHaveLength(3);
  });

  it('takes each workload in the state its tool gives: paused containers, suspended vSphere VMs, deallocated Azure VMs', async () => {
    const ps = fixture('docker/ps.jsonl').replace('"State":"running"', '"State":"paused"');
    standIn(bin, 'docker', { ...recordedDocker(), 'ps -a --no-trunc --format json': ps, 'inspect d9f5c4922862 7241c57ca1c6 addd94f3ac8e': '[]' });
    const azure = JSON.parse(fixture('azure/vm-list.json').replaceAll('"Standard_D1_v2"', '"Standard_B2s"')) as { powerState: string }[];
    azure[0].powerState = 'VM deallocated';
    azure[1].powerState = 'VM stopped';
    standIn(bin, 'az', { 'vm list -d -o json': JSON.stringify(azure) });
    standIn(bin, 'govc', {
      'find / -type h': fixture('vsphere/find-hosts.txt'),
      'find / -type m': fixture('vsphere/find-vms.txt'),
      'host.info -json /ha-datacenter/host/localhost.localdomain/localhost.localdomain': fixture('vsphere/host-info.json'),
      'vm.info -json /ha-datacenter/vm/WindowsServer2019': fixture('vsphere/vm-info.json').replace('"poweredOff"', '"suspended"'),
    });
    const g = await gather(liveSource(5_000), ['docker', 'vsphere', 'azure'], () => undefined);
    const built = buildImported(g.found);
    expect(built.left).toEqual([]);
    const states = Object.fromEntries(built.estate.sim.workloadViews().map((w) => [w.name, w.state]));
    expect(states).toMatchObject({ goofy_shockley: 'paused', WindowsServer2019: 'suspended', ubuntu: 'deallocated', windows: 'stopped' });
    // A deallocated VM is not billed; a stopped one is, as Azure bills it.
    expect(built.estate.providers.exec('az vm list -d -o table').stdout).toMatch(/ubuntu +businesscontinuitytest +VM deallocated/);
    expect(built.estate.providers.exec('docker ps').stdout).toMatch(/Up .*\(Paused\) +goofy_shockley/);
  });

  it('reads each recorded output as the tool wrote it', () => {
    const inspected = readDockerInspect(fixture('docker/inspect.json'));
    expect(inspected).toEqual([{ id: expect.stringMatching(/^86199ab4c77b/), name: 'cen', image: 'censerver', state: 'running', restart: 'no' }]);
    expect(readDomainNames(fixture('libvirt/list-test-driver.txt'))).toEqual(['fv0', 'fc4', 'fc5']);
    expect(readNodeinfo(fixture('libvirt/nodeinfo.txt'), undefined)).toEqual({ name: 'libvirt-host', cpus: 16, memoryMiB: 3072 });
    // A digest-pinned image is named without its digest; libvirt's XML escapes in a name are read back.
    const pinned = readDockerPs(`{"ID":"d9f5c4922862","Names":"web","Image":"nginx@sha256:${'a'.repeat(64)}","State":"running"}\n`);
    expect(pinned).toEqual([{ id: 'd9f5c4922862', name: 'web', image: 'nginx', state: 'running' }]);
    const xml = fixture('libvirt/dumpxml/r-2825-QA.xml').replace('<name>r-2825-QA</name>', '<name>a&amp;b&#x41;&#x110000;</name>');
    expect(readDumpxml(xml)).toMatchObject({ name: 'a&bA&#x110000;', vcpus: 1, memoryMiB: 256, state: 'running' });
  });
});
