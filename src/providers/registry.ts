// The five drivers over one simulation, and the routing of a native command line
// to the driver whose vocabulary it is ("virsh ..." to KVM, "Get-VM" to Hyper-V).
import type { Platform } from '../core/model.js';
import type { Simulation } from '../core/simulation.js';
import { AzureDriver } from './azure/driver.js';
import { tokenize } from './cli/tokenize.js';
import { DockerDriver } from './docker/driver.js';
import { failure } from './exec-result.js';
import { HypervDriver } from './hyperv/driver.js';
import { KvmDriver } from './kvm/driver.js';
import type { ExecResult, Provider } from './provider.js';
import { VmwareDriver } from './vmware/driver.js';

export class Providers {
  readonly vmware: VmwareDriver;
  readonly hyperv: HypervDriver;
  readonly kvm: KvmDriver;
  readonly docker: DockerDriver;
  readonly azure: AzureDriver;

  constructor(readonly sim: Simulation) {
    this.vmware = new VmwareDriver(sim);
    this.hyperv = new HypervDriver(sim);
    this.kvm = new KvmDriver(sim);
    this.docker = new DockerDriver(sim);
    this.azure = new AzureDriver(sim);
  }

  all(): Provider[] {
    return [this.vmware, this.hyperv, this.kvm, this.docker, this.azure];
  }

  get(platform: Platform): Provider {
    return this[platform];
  }

  /** The driver that answers a command word; PowerShell cmdlets match without regard to case. */
  forCommand(word: string): Provider | undefined {
    const lower = word.toLowerCase();
    return this.all().find((p) => p.commands.some((c) => c === word || (p.platform === 'hyperv' && c.toLowerCase() === lower)));
  }

  /** Every command word the estate answers, for completion and help. */
  commandWords(): string[] {
    return this.all().flatMap((p) => p.commands);
  }

  /** Runs one native command line against the estate. */
  exec(line: string): ExecResult {
    const t = tokenize(line.trim());
    if (!t.ok) return failure(`hyperpane: cannot read that line: ${t.error}`, 2);
    if (t.words.length === 0) return { exitCode: 0, stdout: '', stderr: '', changed: false };
    const provider = this.forCommand(t.words[0]);
    if (!provider) {
      return failure(`hyperpane: ${t.words[0]}: command not found\nhint: this estate answers ${this.all().map((p) => `${p.commands.slice(0, 3).join(', ')}${p.commands.length > 3 ? ', ...' : ''} (${p.name})`).join('; ')}`, 127);
    }
    const r = provider.exec(t.words);
    // A driver's own state (a switch, a context, a pulled image) is part of the estate too: saving must see it.
    if (r.changed) this.sim.changed();
    return r;
  }
}
