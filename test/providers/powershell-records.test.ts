// The Hyper-V cmdlets' errors and warnings as Windows PowerShell 5.1 prints them.
// Sources, each a capture of the real record: kubernetes/minikube#8970 (Get-VM, a
// VM not found by -Name: InvalidArgument (name:String), InvalidParameter);
// pluralsight/PS-AutoLab-Env#133 (by -VMName: ObjectNotFound (:)); canonical/
// multipass#3345 and kubernetes/minikube#13922, #18049 (Start-VM short of memory:
// OutOfMemory); canonical/multipass#4204 (Set-VM: InvalidState); MicrosoftDocs
// windowsserverdocs, Storage Replica known issues (a FailoverClusters record);
// jamesstringer90/Easy-GPU-PV#449 (a line holding one space after each record);
// PowerShell/PowerShell ParameterBinderStrings.resx (binding errors); the warning
// for a VM already in the state asked for, as the research brief quotes it.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { vmGuid } from '../../src/providers/hyperv/format.js';
import { defaultEstate } from '../default-estate.js';

const record = (...lines: string[]) => [...lines, ' ', ''].join('\n');

describe('Hyper-V error records', () => {
  const e = defaultEstate(1);
  const run = (line: string) => runLine(e, line);

  it('a VM not found by -Name: the whole record, pointing at the command', () => {
    const r = run('Get-VM -Name nope');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      record(
        'Get-VM : Hyper-V was unable to find a virtual machine with name "nope".',
        'At line:1 char:1',
        '+ Get-VM -Name nope',
        '+ ~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (nope:String) [Get-VM], VirtualizationException',
        '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM',
      ),
    );
    expect(run('Stop-VM ghost').stderr).toMatch(
      /^Stop-VM : Hyper-V was unable[^\n]*\n[\s\S]*\(ghost:String\) \[Stop-VM\][\s\S]*InvalidParameter,Microsoft\.HyperV\.PowerShell\.Commands\.StopVM\n \n$/,
    );
  });

  it('a VM not found by -VMName is an ObjectNotFound with no target', () => {
    expect(run('Get-VMMemory -VMName nope').stderr).toBe(
      record(
        'Get-VMMemory : Hyper-V was unable to find a virtual machine with name "nope".',
        'At line:1 char:1',
        '+ Get-VMMemory -VMName nope',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : ObjectNotFound: (:) [Get-VMMemory], VirtualizationException',
        '    + FullyQualifiedErrorId : ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMMemory',
      ),
    );
  });

  it('a VM already in the state asked for gets a warning, not an error', () => {
    const warned = { exitCode: 0, stdout: 'WARNING: The virtual machine is already in the specified state.\n', stderr: '' };
    expect(run('Start-VM -Name ad-01')).toMatchObject(warned);
    run('Stop-VM -Name ad-02 -TurnOff');
    expect(run('Stop-VM -Name ad-02')).toMatchObject(warned);
    expect(run('Stop-VM -Name ad-02 -TurnOff')).toMatchObject(warned);
    run('Start-VM -Name ad-02');
  });

  it("a change the VM's state does not allow: InvalidState", () => {
    run('New-VM -Name lab -MemoryStartupBytes 1GB');
    expect(run('Restart-VM lab').stderr).toBe(
      record(
        "Restart-VM : 'lab' failed to change state.",
        'The operation cannot be performed while the object is in its current state.',
        'At line:1 char:1',
        '+ Restart-VM lab',
        '+ ~~~~~~~~~~~~~~',
        '    + CategoryInfo          : InvalidOperation: (:) [Restart-VM], VirtualizationException',
        '    + FullyQualifiedErrorId : InvalidState,Microsoft.HyperV.PowerShell.Commands.RestartVM',
      ),
    );
    expect(run('Resume-VM ad-01').stdout).toBe('WARNING: The virtual machine is already in the specified state.\n');
    expect(run('Set-VM -Name ad-01 -ProcessorCount 4').stderr).toMatch(
      new RegExp(
        [
          String.raw`^Set-VM : Modifying the properties of 'ad-01' failed\.\n`,
          String.raw`The operation cannot be performed while the object is in its current state\.\n`,
          String.raw`[\s\S]*InvalidState,Microsoft\.HyperV\.PowerShell\.Commands\.SetVM\n`,
        ].join(''),
      ),
    );
  });

  it("Start-VM short of memory: Hyper-V's OutOfMemory record, with the VM's ID and its startup memory", () => {
    const big = defaultEstate(1);
    runLine(big, 'New-VM -Name big-1 -MemoryStartupBytes 100GB');
    runLine(big, 'New-VM -Name big-2 -MemoryStartupBytes 100GB');
    expect(runLine(big, 'Start-VM -Name big-1').exitCode).toBe(0);
    const r = runLine(big, 'Start-VM -Name big-2');
    const id = `(Virtual machine ID ${vmGuid('big-2')})`;
    expect(id).toMatch(/^\(Virtual machine ID [0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\)$/);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      record(
        "Start-VM : 'big-2' failed to start.",
        'Not enough memory in the system to start the virtual machine big-2.',
        'Could not initialize memory: Not enough memory resources are available to complete this operation. (0x8007000E).',
        `'big-2' failed to start. ${id}`,
        `Not enough memory in the system to start the virtual machine big-2 with ram size 102400 megabytes. ${id}`,
        `'big-2' could not initialize memory: Not enough memory resources are available to complete this operation. (0x8007000E). ${id}`,
        'At line:1 char:1',
        '+ Start-VM -Name big-2',
        '+ ~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : FromStdErr: (:) [Start-VM], VirtualizationException',
        '    + FullyQualifiedErrorId : OutOfMemory,Microsoft.HyperV.PowerShell.Commands.StartVM',
      ),
    );
    expect(big.sim.workload('big-2')!.state).toBe('stopped');
  });

  it("a FailoverClusters cmdlet's record: NotSpecified, ClusterCmdletException, its own class", () => {
    expect(run('Suspend-ClusterNode -Name hv-09 -Drain').stderr).toBe(
      record(
        "Suspend-ClusterNode : The cluster node 'hv-09' was not found.",
        'At line:1 char:1',
        '+ Suspend-ClusterNode -Name hv-09 -Drain',
        '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '    + CategoryInfo          : NotSpecified: (:) [Suspend-ClusterNode], ClusterCmdletException',
        '    + FullyQualifiedErrorId : Suspend-ClusterNode,Microsoft.FailoverClusters.PowerShell.SuspendClusterNodeCommand',
      ),
    );
  });
});

describe('PowerShell binding errors point at the word that failed', () => {
  const e = defaultEstate(1);
  const run = (line: string) => runLine(e, line).stderr;

  it('an unknown parameter, and -AsJob on a cmdlet that has none (Microsoft Learn: Get-VM)', () => {
    expect(run('Get-VM -Bogus 1')).toBe(
      record(
        "Get-VM : A parameter cannot be found that matches parameter name 'Bogus'.",
        'At line:1 char:8',
        '+ Get-VM -Bogus 1',
        '+        ~~~~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [Get-VM], ParameterBindingException',
        '    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.HyperV.PowerShell.Commands.GetVM',
      ),
    );
    expect(run('Get-VM -AsJob')).toMatch(/^Get-VM : A parameter cannot be found that matches parameter name 'AsJob'\./);
    expect(run('Set-VM -Name ad-01 -Passthru -AsJob')).toMatch(
      /^Set-VM : A parameter cannot be found that matches parameter name 'AsJob'\.\nAt line:1 char:30\n/,
    );
  });

  it('a missing argument names its type; an ambiguous prefix lists the matches', () => {
    expect(run('Stop-VM -Name')).toBe(
      record(
        "Stop-VM : Missing an argument for parameter 'Name'. Specify a parameter of type 'System.String[]' and try again.",
        'At line:1 char:9',
        '+ Stop-VM -Name',
        '+         ~~~~~',
        '    + CategoryInfo          : InvalidArgument: (:) [Stop-VM], ParameterBindingException',
        '    + FullyQualifiedErrorId : MissingArgument,Microsoft.HyperV.PowerShell.Commands.StopVM',
      ),
    );
    expect(run('New-VM -N x')).toMatch(
      new RegExp(
        [
          String.raw`^New-VM : Parameter cannot be processed because the parameter name 'N' is ambiguous\. Possible matches include: `,
          String.raw`-Name -NewVHDPath -NewVHDSizeBytes -NoVHD\.\n`,
          String.raw`At line:1 char:8\n`,
          String.raw`\+ New-VM -N x\n`,
          String.raw`\+ {8}~~\n`,
          String.raw`[\s\S]*AmbiguousParameter,Microsoft\.HyperV\.PowerShell\.Commands\.NewVM\n`,
        ].join(''),
      ),
    );
  });

  it('a positional argument too many and a missing mandatory parameter point at the command', () => {
    expect(run('Start-VM a b')).toMatch(
      /^Start-VM : A positional parameter cannot be found that accepts argument 'b'\.\nAt line:1 char:1\n\+ Start-VM a b\n\+ ~{12}\n[\s\S]*PositionalParameterNotFound,/,
    );
    expect(run('Checkpoint-VM -SnapshotName x')).toMatch(
      new RegExp(
        [
          String.raw`^Checkpoint-VM : Cannot process command because of one or more missing mandatory parameters: Name\.\n`,
          String.raw`At line:1 char:1\n`,
          String.raw`[\s\S]*MissingMandatoryParameter,Microsoft\.HyperV\.PowerShell\.Commands\.CheckpointVM\n`,
        ].join(''),
      ),
    );
  });

  it("an argument out of range points at the argument (PowerShell's ValidateRange words)", () => {
    expect(run('New-VM y -Generation 3')).toBe(
      record(
        "New-VM : Cannot validate argument on parameter 'Generation'. The 3 argument is greater than the maximum allowed range of 2. " +
          'Supply an argument that is less than or equal to 2 and then try the command again.',
        'At line:1 char:22',
        '+ New-VM y -Generation 3',
        '+                      ~',
        '    + CategoryInfo          : InvalidData: (:) [New-VM], ParameterBindingValidationException',
        '    + FullyQualifiedErrorId : ParameterArgumentValidationError,Microsoft.HyperV.PowerShell.Commands.NewVM',
      ),
    );
    expect(run('New-VM -Name "my vm" -MemoryStartupBytes lots')).toMatch(
      new RegExp(
        [
          String.raw`^New-VM : Cannot bind parameter 'MemoryStartupBytes'\. Cannot convert value "lots" to type "System\.Int64"\.[^\n]*\n`,
          String.raw`At line:1 char:42\n`,
          String.raw`\+ New-VM -Name 'my vm' -MemoryStartupBytes lots\n`,
          String.raw`\+ {42}~~~~\n`,
        ].join(''),
      ),
    );
  });

  it("a cmdlet this module does not have is PowerShell's CommandNotFoundException", () => {
    const r = e.providers.hyperv.exec(['Get-VMFrobnicator', '-Name', 'x']);
    expect(r.stderr).toMatch(
      new RegExp(
        [
          "^Get-VMFrobnicator : The term 'Get-VMFrobnicator' is not recognized as the name of a cmdlet, function, script file, ",
          String.raw`or operable program\.[^\n]*\n`,
          String.raw`At line:1 char:1\n`,
          String.raw`\+ Get-VMFrobnicator -Name x\n`,
          String.raw`\+ ~{17}\n`,
          String.raw` {4}\+ CategoryInfo {10}: ObjectNotFound: \(Get-VMFrobnicator:String\) \[\], CommandNotFoundException\n`,
          String.raw` {4}\+ FullyQualifiedErrorId : CommandNotFoundException\n`,
          String.raw` \n`,
          'hint: ',
        ].join(''),
      ),
    );
  });
});
