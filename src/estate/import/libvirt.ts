// libvirt's outputs read into what the estate needs: the host (virsh nodeinfo:
// CPU(s), Memory size in KiB; virsh hostname) and its domains (virsh list --all
// --name, then virsh dumpxml each: name, memory in its unit, vCPUs, and an id
// attribute only a running domain has). Formats: libvirt tools/virsh-host.c
// cmdNodeinfo ("%-20s %d", "%-20s %lu KiB"), docs/formatdomain.rst.

import type { InitialState } from '../../core/commands/create.js';

export interface LibvirtHostFound {
  readonly name: string;
  readonly cpus: number;
  readonly memoryMiB: number;
}

export interface DomainFound {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly state: InitialState;
  readonly os?: string;
}

/** virsh nodeinfo, with the host's name from virsh hostname (or undefined). */
export function readNodeinfo(text: string, hostname: string | undefined): LibvirtHostFound | string {
  const field = (label: string) => new RegExp(`^${label}:\\s+(\\d+)(?:\\s+KiB)?\\s*$`, 'm').exec(text)?.[1];
  const cpus = Number(field('CPU\\(s\\)'));
  const kib = Number(field('Memory size'));
  if (!Number.isInteger(cpus) || cpus < 1 || !Number.isFinite(kib) || kib <= 0) return 'virsh nodeinfo has no CPU(s) and Memory size';
  const name = hostname?.trim().split('\n')[0]?.trim();
  return { name: name || 'libvirt-host', cpus, memoryMiB: Math.floor(kib / 1024) };
}

/** virsh list --all --name: a name a line. */
export function readDomainNames(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The memory's size in MiB from <memory unit='...'>N</memory> (formatdomain: b, KiB (the default), MiB, GiB, TiB). */
const UNITS: Readonly<Record<string, number>> = {
  b: 1 / 1048576,
  bytes: 1 / 1048576,
  k: 1 / 1024,
  kib: 1 / 1024,
  m: 1,
  mib: 1,
  g: 1024,
  gib: 1024,
  t: 1048576,
  tib: 1048576,
};

/** virsh dumpxml NAME. */
export function readDumpxml(text: string): DomainFound | string {
  const name = xmlText(/<name>([^<]+)<\/name>/.exec(text)?.[1]?.trim());
  const memory = /<memory(?:\s+unit=['"]([A-Za-z]+)['"])?\s*>(\d+)<\/memory>/.exec(text);
  const vcpu = /<vcpu\b[^>]*>(\d+)<\/vcpu>/.exec(text)?.[1];
  const domain = /<domain\b([^>]*)>/.exec(text)?.[1];
  if (!name || !memory || !vcpu || domain === undefined) return 'not a domain definition (no <domain>, <name>, <memory> and <vcpu>)';
  const unit = UNITS[(memory[1] ?? 'KiB').toLowerCase()];
  if (unit === undefined) return `<memory> in a unit libvirt does not name (${memory[1]})`;
  const os = /<libosinfo:os id=['"]([^'"]+)['"]/.exec(text)?.[1];
  return {
    name,
    vcpus: Number(vcpu),
    memoryMiB: Math.max(1, Math.round(Number(memory[2]) * unit)),
    // A running domain's definition carries its id (formatdomain: "id ... for running guests").
    state: /\bid=['"]\d+['"]/.test(domain) ? 'running' : 'stopped',
    ...(os ? { os } : {}),
  };
}

/** XML's escapes in text (libvirt writes a name's & < > ' " as them): the five entities and numeric references. */
function xmlText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', apos: "'", quot: '"' };
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|apos|quot);/g, (_, e: string) =>
    e.startsWith('#') ? codePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)), `&${e};`) : named[e],
  );
}

/** A character by its code, or the reference as written when no character has it. */
function codePoint(n: number, written: string): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : written;
}
