import { describe, expect, it } from 'vitest';
import { formatCpu, formatMiB, gib, parseSizeMiB, tib, vcpu } from '../../src/core/units.js';

describe('units', () => {
  it('formats memory the way the messages show it', () => {
    expect(formatMiB(512)).toBe('512 MiB');
    expect(formatMiB(gib(6))).toBe('6 GiB');
    expect(formatMiB(gib(1.5))).toBe('1.5 GiB');
    expect(formatMiB(tib(2))).toBe('2 TiB');
  });

  it('formats CPU in vCPUs, fractional for containers', () => {
    expect(formatCpu(vcpu(4))).toBe('4 vCPU');
    expect(formatCpu(500)).toBe('0.5 vCPU');
    expect(formatCpu(250)).toBe('0.25 vCPU');
  });

  it('parses sizes with binary units, and refuses what is not a size', () => {
    expect(parseSizeMiB('64GiB')).toBe(gib(64));
    expect(parseSizeMiB('512m')).toBe(512);
    expect(parseSizeMiB('1.5 TB')).toBe(tib(1.5));
    expect(parseSizeMiB('2048')).toBe(2048);
    expect(parseSizeMiB('-4')).toBeNull();
    expect(parseSizeMiB('lots')).toBeNull();
    expect(parseSizeMiB('4 parsecs')).toBeNull();
  });
});
