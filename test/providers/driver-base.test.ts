// What every driver shares lives once, in DriverBase: a driver adds its own
// platform's words and behaviour, never a second name or copy of a base method
// (KvmDriver had domain() and domains(), workload() and workloads() again).
import { describe, expect, it } from 'vitest';
import { AzureDriver } from '../../src/providers/azure/driver.js';
import { DockerDriver } from '../../src/providers/docker/driver.js';
import { DriverBase } from '../../src/providers/driver-base.js';
import { HypervDriver } from '../../src/providers/hyperv/driver.js';
import { KvmDriver } from '../../src/providers/kvm/driver.js';
import { VmwareDriver } from '../../src/providers/vmware/driver.js';

const BASE_METHODS = new Set(Object.getOwnPropertyNames(DriverBase.prototype).filter((m) => m !== 'constructor'));

/** A method whose whole body hands its call to a base method: `return this.workload(name);`. */
function forwardsTo(method: (...args: unknown[]) => unknown): string | undefined {
  const body = /\{\s*return\s+this\.(\w+)\([^()]*\);?\s*\}\s*$/.exec(String(method));
  return body && BASE_METHODS.has(body[1]) ? body[1] : undefined;
}

describe('drivers and DriverBase', () => {
  for (const Driver of [AzureDriver, DockerDriver, HypervDriver, KvmDriver, VmwareDriver]) {
    it(`${Driver.name} has no second name for a base method`, () => {
      const proto = Driver.prototype as unknown as Record<string, unknown>;
      const aliases = Object.getOwnPropertyNames(proto)
        .filter((m) => m !== 'constructor' && !BASE_METHODS.has(m) && typeof proto[m] === 'function')
        .flatMap((m) => {
          const target = forwardsTo(proto[m] as (...args: unknown[]) => unknown);
          return target ? [`${m} -> ${target}`] : [];
        });
      expect(aliases).toEqual([]);
    });
  }
});
