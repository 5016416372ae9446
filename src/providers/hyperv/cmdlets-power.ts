// The cmdlets that change a VM's state: Start-VM, Stop-VM (-TurnOff, -Save),
// Save-VM, Suspend-VM, Resume-VM, Restart-VM. Each returns when Hyper-V's job is
// done (HYPERV_BLOCKS), at once with -AsJob; a VM already where it was asked to
// go gets a warning, not an error; one that cannot start for want of memory gets
// Hyper-V's OutOfMemory record.
import type { CoreError } from '../../core/result.js';
import { MEM } from '../../core/units.js';
import type { CapabilityId } from '../capabilities.js';
import { bool, str } from '../cli/flags.js';
import { output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { arrived, asJob, type Call, type Cmdlet, error, vmsNamed } from './cmdlet.js';
import { HYPERV_BLOCKS, HYPERV_BLOCKS_WITH_WAIT, type HypervWait } from './defaults.js';
import { warning } from './error-record.js';
import { vmGuid, vmTable } from './format.js';

type Verb = 'start' | 'stop' | 'turn-off' | 'save' | 'pause' | 'resume' | 'restart';

const CAPABILITY: Record<Verb, CapabilityId> = {
  start: 'start',
  stop: 'stop',
  'turn-off': 'force-stop',
  save: 'suspend',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
};
/** The state each verb asks for: a VM already in it is left as it is, with a warning. */
const ASKS_FOR: Record<Verb, string | undefined> = {
  start: 'Running',
  stop: 'Off',
  'turn-off': 'Off',
  save: 'Saved',
  pause: 'Paused',
  resume: 'Running',
  restart: undefined,
};
/** The states a verb acts from, where Hyper-V's are narrower than the core's (Resume-VM resumes a Paused VM only: Microsoft Learn, Resume-VM). */
const ONLY_FROM: Partial<Record<Verb, readonly string[]>> = { resume: ['paused'] };
const WAITING: Record<Verb, string> = {
  start: 'start',
  stop: 'shut down',
  'turn-off': 'turn off',
  save: 'save',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
};

const NAME = { Name: { type: 'string', aliases: ['VMName'] } } as const;

function power(verb: Verb | ((c: Call) => Verb), extra: Cmdlet['params'] = {}): Cmdlet {
  return {
    params: { ...NAME, ...extra },
    positional: ['Name'],
    required: ['Name'],
    asJob: true,
    passthru: true,
    run: (c) => act(c, typeof verb === 'function' ? verb(c) : verb),
  };
}

export const POWER_CMDLETS: Record<string, Cmdlet> = {
  'start-vm': power('start'),
  'stop-vm': power((c) => (bool(c.p, 'TurnOff') ? 'turn-off' : bool(c.p, 'Save') ? 'save' : 'stop'), {
    TurnOff: { type: 'boolean' },
    Save: { type: 'boolean' },
    Force: { type: 'boolean', ignored: true },
  }),
  'save-vm': power('save'),
  'suspend-vm': power('pause'),
  'resume-vm': power('resume'),
  'restart-vm': power('restart', {
    Force: { type: 'boolean', ignored: true },
    Wait: { type: 'boolean' },
    For: { type: 'string', ignored: true },
    Delay: { type: 'number', ignored: true },
    Timeout: { type: 'number', ignored: true },
    Type: { type: 'string', ignored: true },
  }),
};

function act(c: Call, verb: Verb): ExecResult {
  const found = vmsNamed(c, str(c.p, 'Name')!);
  if (!Array.isArray(found)) return found;
  const cmdlet = c.inv.cmdlet.toLowerCase();
  const waits: { id: string; name: string; wait: HypervWait }[] = [];
  let stdout = '';
  let stderr = '';
  for (const vm of found) {
    if (ASKS_FOR[verb] === vm.nativeState) {
      stdout += warning('The virtual machine is already in the specified state.');
      continue;
    }
    const only = ONLY_FROM[verb];
    const r = only && !only.includes(vm.state) ? undefined : c.hv.perform(vm.id, CAPABILITY[verb]);
    if (!r?.ok) {
      stderr += failed(c, vm, verb, r?.ok === false ? r.error : undefined).stderr;
      continue;
    }
    // A Saved VM is Starting until its memory is back; then it is Running.
    const wait = vm.state === 'suspended' && verb === 'start' ? 'settled' : bool(c.p, 'Wait') ? HYPERV_BLOCKS_WITH_WAIT[cmdlet] : HYPERV_BLOCKS[cmdlet];
    waits.push({ id: vm.id, name: vm.name, wait });
  }
  const first: ExecResult = { exitCode: stderr ? 1 : 0, stdout, stderr, changed: waits.length > 0 };
  if (bool(c.p, 'AsJob')) return asJob(c, first);
  const answer = (): ExecResult => ({
    exitCode: first.exitCode,
    stdout: bool(c.p, 'Passthru')
      ? output(
          vmTable(
            c.hv,
            found.map((v) => c.hv.workload(v.id) ?? v),
          ),
        ).stdout
      : '',
    stderr: '',
    changed: first.changed,
  });
  const done = () => waits.every((w) => arrived(c.hv, w.id, w.wait));
  if (done()) return { ...first, stdout: first.stdout + answer().stdout };
  const names = waits.length === 1 ? waits[0].name : `${waits.length} virtual machines`;
  return { ...first, blocking: { waitingFor: `${names} to ${WAITING[verb]}`, done, answer } };
}

/** Why a VM did not change state, as Hyper-V says it. */
function failed(c: Call, vm: ProviderWorkload, verb: Verb, why?: CoreError): ExecResult {
  const memory = why?.code === 'insufficient-capacity' && why.facts?.short?.includes('memory') === true;
  if (verb === 'start' && memory) {
    // canonical/multipass#3345 and kubernetes/minikube#13922, #18049: the record Start-VM writes.
    const id = `(Virtual machine ID ${vmGuid(vm.id)})`;
    const startup = c.hv.sim.workloadRow(vm.id)!.claim[MEM];
    const cause = 'Not enough memory resources are available to complete this operation. (0x8007000E).';
    return error(c, {
      message: [
        `'${vm.name}' failed to start.`,
        `Not enough memory in the system to start the virtual machine ${vm.name}.`,
        `Could not initialize memory: ${cause}`,
        `'${vm.name}' failed to start. ${id}`,
        `Not enough memory in the system to start the virtual machine ${vm.name} with ram size ${startup} megabytes. ${id}`,
        `'${vm.name}' could not initialize memory: ${cause} ${id}`,
      ].join('\n'),
      category: 'FromStdErr',
      exception: 'VirtualizationException',
      id: 'OutOfMemory',
    });
  }
  if (!why || why.code === 'invalid-state') {
    // canonical/multipass#4204: "The operation cannot be performed while the object is in its current state.", InvalidState.
    return error(c, {
      message: `'${vm.name}' failed to change state.\nThe operation cannot be performed while the object is in its current state.`,
      category: 'InvalidOperation',
      exception: 'VirtualizationException',
      id: 'InvalidState',
    });
  }
  // microsoft/MSLab#300: a start that failed for another reason is NotSpecified, Unspecified.
  return error(c, {
    message: `'${vm.name}' failed to ${verb === 'start' ? 'start' : 'change state'}.\n${why.message}`,
    category: 'NotSpecified',
    exception: 'VirtualizationException',
    id: 'Unspecified',
  });
}
