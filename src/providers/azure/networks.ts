// Azure's networking resources in a subscription: virtual networks and their
// subnets, network security groups and their rules, public IP addresses and
// network interfaces. Names are unique per resource group and type, compared
// without case as ARM compares them. Private addresses come from each subnet's
// pool (the first four and the last kept back), public ones from a pool per
// region; both stay with their NIC or public IP resource until it is deleted
// (learn.microsoft.com/azure/virtual-network/ip-services/private-ip-addresses).
import { hash32 } from '../../core/prng.js';
import { AddressPool } from '../../network/address-pool.js';
import { type Cidr, cidrText, overlaps, parseCidr, within } from '../../network/ipv4.js';
import { CompiledRules, type SecurityRule } from '../../network/security-rules.js';

/** An ARM error: its code and message, as az prints them "(Code) Message". */
export interface ArmFault {
  readonly code: string;
  readonly message: string;
}

export interface Subnet {
  readonly name: string;
  readonly prefix: Cidr;
  /** A network security group of the VNet's resource group. */
  nsg?: string;
  readonly pool: AddressPool;
}

export interface VirtualNetwork {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  readonly prefixes: readonly Cidr[];
  readonly subnets: Subnet[];
}

export interface SecurityGroup {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  rules: SecurityRule[];
  /** The rules read once, until they change. */
  compiled?: CompiledRules;
}

export interface PublicIp {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  readonly ip: string;
}

export interface NetworkInterface {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  readonly vnet: string;
  readonly subnet: string;
  readonly ip: string;
  readonly allocation: 'Dynamic' | 'Static';
  readonly mac: string;
  nsg?: string;
  publicIp?: string;
  /** The VM it is attached to (its workload id), if any. */
  vm?: string;
}

/** What an estate file keeps of them. */
export interface AzureNetworksState {
  readonly vnets: readonly { name: string; group: string; location: string; prefixes: string[]; subnets: { name: string; prefix: string; nsg?: string }[] }[];
  readonly nsgs: readonly { name: string; group: string; location: string; rules: SecurityRule[] }[];
  readonly publicIps: readonly { name: string; group: string; location: string; ip: string }[];
  readonly nics: readonly {
    name: string;
    group: string;
    location: string;
    vnet: string;
    subnet: string;
    ip: string;
    allocation: 'Dynamic' | 'Static';
    mac: string;
    nsg?: string;
    publicIp?: string;
    vm?: string;
  }[];
}

const key = (group: string, name: string) => `${group.toLowerCase()}/${name.toLowerCase()}`;

/** A subnet's pool: Azure keeps back .0 (network), .1 (gateway), .2 and .3 (DNS) and the last (broadcast) of every subnet. */
const subnetPool = (prefix: Cidr) => new AddressPool(prefix, 4, 1);

/**
 * Public addresses: each region draws from a /16 of 20.0.0.0/8, a block
 * registered to Microsoft (ARIN NET-20-0-0-0-1). Azure's own choice of address is
 * not predictable; the lowest free of a fixed block keeps tapes repeatable.
 */
const REGION_BLOCK: Readonly<Record<string, number>> = {
  westeurope: 50,
  northeurope: 54,
  eastus: 62,
  eastus2: 64,
  westus2: 66,
  uksouth: 68,
  swedencentral: 70,
  southeastasia: 72,
};

/** Azure's MAC addresses start 00-0D-3A (Microsoft's OUI); the rest is drawn from the NIC's name, so it never changes. */
function macOf(group: string, name: string): string {
  const seed = key(group, name)
    .split('')
    .reduce((h, c) => hash32(h, c.charCodeAt(0)), 0x3a);
  return ['00', '0D', '3A', ...[0, 1, 2].map((k) => ((hash32(seed, k) >>> 0) & 255).toString(16).toUpperCase().padStart(2, '0'))].join('-');
}

export class AzureNetworks {
  readonly vnets = new Map<string, VirtualNetwork>();
  readonly nsgs = new Map<string, SecurityGroup>();
  readonly publicIps = new Map<string, PublicIp>();
  readonly nics = new Map<string, NetworkInterface>();
  private readonly publicPools = new Map<string, AddressPool>();

  vnet(group: string, name: string): VirtualNetwork | undefined {
    return this.vnets.get(key(group, name));
  }

  nsg(group: string, name: string): SecurityGroup | undefined {
    return this.nsgs.get(key(group, name));
  }

  nic(group: string, name: string): NetworkInterface | undefined {
    return this.nics.get(key(group, name));
  }

  publicIp(group: string, name: string): PublicIp | undefined {
    return this.publicIps.get(key(group, name));
  }

  subnet(v: VirtualNetwork, name: string): Subnet | undefined {
    return v.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The NICs attached to a VM, in the order they were made. */
  nicsOf(vmId: string): NetworkInterface[] {
    return [...this.nics.values()].filter((n) => n.vm === vmId);
  }

  compiled(g: SecurityGroup): CompiledRules {
    return (g.compiled ??= new CompiledRules(g.rules));
  }

  createVnet(group: string, location: string, name: string, prefixes: readonly Cidr[]): VirtualNetwork | ArmFault {
    const existing = this.vnet(group, name);
    if (existing) return existing;
    const v: VirtualNetwork = { name, group, location, prefixes, subnets: [] };
    this.vnets.set(key(group, name), v);
    return v;
  }

  /** A subnet must lie inside the VNet's address space and overlap none of its other subnets (the service's checks). */
  addSubnet(v: VirtualNetwork, name: string, prefix: Cidr, nsg?: string): Subnet | ArmFault {
    if (this.subnet(v, name)) return { code: 'Conflict', message: `Subnet '${name}' already exists in virtual network '${v.name}'.` };
    if (!v.prefixes.some((p) => within(prefix, p)))
      return {
        code: 'NetcfgSubnetRangeOutsideVnet',
        message: `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${v.name}'.`,
      };
    const clash = v.subnets.find((s) => overlaps(s.prefix, prefix));
    if (clash)
      return {
        code: 'NetcfgSubnetRangesOverlap',
        message: `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${v.name}'.`,
      };
    const s: Subnet = { name, prefix, pool: subnetPool(prefix), ...(nsg ? { nsg } : {}) };
    v.subnets.push(s);
    return s;
  }

  createNsg(group: string, location: string, name: string): SecurityGroup {
    const existing = this.nsg(group, name);
    if (existing) return existing;
    const g: SecurityGroup = { name, group, location, rules: [] };
    this.nsgs.set(key(group, name), g);
    return g;
  }

  /** Adds or replaces a rule by name; two rules of one direction may not share a priority (SecurityRuleConflict). */
  putRule(g: SecurityGroup, rule: SecurityRule): SecurityRule | ArmFault {
    const clash = g.rules.find((r) => r.name.toLowerCase() !== rule.name.toLowerCase() && r.direction === rule.direction && r.priority === rule.priority);
    if (clash)
      return {
        code: 'SecurityRuleConflict',
        message: `Security rule ${clash.name} conflicts with rule ${rule.name}. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.`,
      };
    const at = g.rules.findIndex((r) => r.name.toLowerCase() === rule.name.toLowerCase());
    if (at >= 0) g.rules[at] = rule;
    else g.rules.push(rule);
    g.compiled = undefined;
    return rule;
  }

  deleteRule(g: SecurityGroup, name: string): boolean {
    const before = g.rules.length;
    g.rules = g.rules.filter((r) => r.name.toLowerCase() !== name.toLowerCase());
    g.compiled = undefined;
    return g.rules.length !== before;
  }

  createPublicIp(group: string, location: string, name: string): PublicIp | ArmFault {
    const existing = this.publicIp(group, name);
    if (existing) return existing;
    const ip = this.regionPool(location).take();
    if (!ip) return { code: 'PublicIPCountLimitReached', message: `Cannot create more than 65533 public IP addresses for this subscription in this region.` };
    const p: PublicIp = { name, group, location, ip };
    this.publicIps.set(key(group, name), p);
    return p;
  }

  private regionPool(location: string): AddressPool {
    let pool = this.publicPools.get(location);
    if (!pool) {
      pool = new AddressPool(parseCidr(`20.${REGION_BLOCK[location] ?? 40}.0.0/16`)!, 1, 1);
      this.publicPools.set(location, pool);
    }
    return pool;
  }

  /** A NIC on a subnet, with the subnet's lowest free address or the static one asked for. */
  createNic(
    group: string,
    location: string,
    name: string,
    v: VirtualNetwork,
    s: Subnet,
    extra: { nsg?: string; publicIp?: string; vm?: string; ip?: string } = {},
  ): NetworkInterface | ArmFault {
    const existing = this.nic(group, name);
    if (existing) return existing;
    let ip = extra.ip;
    if (ip !== undefined) {
      const why = s.pool.claim(ip);
      if (why === 'taken')
        return {
          code: 'PrivateIPAddressInUse',
          message: `IP configuration ipconfig1 is using the private IP address ${ip} which is already allocated to resource in subnet ${s.name}.`,
        };
      if (why)
        return {
          code: 'PrivateIPAddressNotInSubnet',
          message: `IP configuration ipconfig1 is using the private IP address ${ip} which is not in the range of subnet ${s.name} (${cidrText(s.prefix)}) or is reserved.`,
        };
    } else {
      ip = s.pool.take();
      if (!ip)
        return {
          code: 'SubnetIsFull',
          message: `Subnet ${s.name} with address prefix ${cidrText(s.prefix)} does not have enough capacity for 1 IP addresses.`,
        };
    }
    const nic: NetworkInterface = {
      name,
      group,
      location,
      vnet: v.name,
      subnet: s.name,
      ip,
      allocation: extra.ip !== undefined ? 'Static' : 'Dynamic',
      mac: macOf(group, name),
      ...(extra.nsg ? { nsg: extra.nsg } : {}),
      ...(extra.publicIp ? { publicIp: extra.publicIp } : {}),
      ...(extra.vm ? { vm: extra.vm } : {}),
    };
    this.nics.set(key(group, name), nic);
    return nic;
  }

  deleteNic(n: NetworkInterface): void {
    const v = this.vnet(n.group, n.vnet);
    const s = v && this.subnet(v, n.subnet);
    s?.pool.release(n.ip);
    this.nics.delete(key(n.group, n.name));
  }

  deletePublicIp(p: PublicIp): void {
    this.regionPool(p.location).release(p.ip);
    this.publicIps.delete(key(p.group, p.name));
  }

  /** Everything of one resource group goes with it (az group delete). */
  deleteGroup(group: string): void {
    const g = group.toLowerCase();
    for (const n of [...this.nics.values()]) if (n.group.toLowerCase() === g) this.deleteNic(n);
    for (const p of [...this.publicIps.values()]) if (p.group.toLowerCase() === g) this.deletePublicIp(p);
    for (const [k, v] of [...this.vnets]) if (v.group.toLowerCase() === g) this.vnets.delete(k);
    for (const [k, n] of [...this.nsgs]) if (n.group.toLowerCase() === g) this.nsgs.delete(k);
  }

  state(): AzureNetworksState {
    return {
      vnets: [...this.vnets.values()].map((v) => ({
        name: v.name,
        group: v.group,
        location: v.location,
        prefixes: v.prefixes.map(cidrText),
        subnets: v.subnets.map((s) => ({ name: s.name, prefix: cidrText(s.prefix), ...(s.nsg ? { nsg: s.nsg } : {}) })),
      })),
      nsgs: [...this.nsgs.values()].map((g) => ({ name: g.name, group: g.group, location: g.location, rules: g.rules.map((r) => ({ ...r })) })),
      publicIps: [...this.publicIps.values()].map((p) => ({ ...p })),
      nics: [...this.nics.values()].map((n) => ({ ...n })),
    };
  }

  /** Reads a file's networks back, or says what in them does not hold together. */
  static fromState(state: AzureNetworksState): AzureNetworks | string[] {
    const out = new AzureNetworks();
    const problems: string[] = [];
    const at = (what: string, i: number, field: string) => `providers.azure.networks.${what}[${i}].${field}`;
    for (const [i, g] of state.nsgs.entries()) {
      if (out.nsg(g.group, g.name)) problems.push(`${at('nsgs', i, 'name')}: ${g.name} is used twice in ${g.group}`);
      const made = out.createNsg(g.group, g.location, g.name);
      for (const r of g.rules) {
        const put = out.putRule(made, r);
        if ('code' in put) problems.push(`${at('nsgs', i, 'rules')}: ${put.message}`);
      }
    }
    for (const [i, v] of state.vnets.entries()) {
      if (out.vnet(v.group, v.name)) problems.push(`${at('vnets', i, 'name')}: ${v.name} is used twice in ${v.group}`);
      const prefixes = v.prefixes.map((p) => parseCidr(p, true));
      if (prefixes.some((p) => !p)) {
        problems.push(`${at('vnets', i, 'prefixes')}: not CIDR blocks (10.0.0.0/16)`);
        continue;
      }
      const made = out.createVnet(v.group, v.location, v.name, prefixes as Cidr[]) as VirtualNetwork;
      for (const [j, s] of v.subnets.entries()) {
        const prefix = parseCidr(s.prefix, true);
        if (!prefix) problems.push(`${at('vnets', i, `subnets[${j}].prefix`)}: ${s.prefix} is not a CIDR block`);
        else if (s.nsg && !out.nsg(v.group, s.nsg)) problems.push(`${at('vnets', i, `subnets[${j}].nsg`)}: no network security group ${s.nsg} in ${v.group}`);
        else {
          const r = out.addSubnet(made, s.name, prefix, s.nsg);
          if ('code' in r) problems.push(`${at('vnets', i, `subnets[${j}]`)}: ${r.message}`);
        }
      }
    }
    for (const [i, p] of state.publicIps.entries()) {
      if (out.publicIp(p.group, p.name)) problems.push(`${at('publicIps', i, 'name')}: ${p.name} is used twice in ${p.group}`);
      else if (out.regionPool(p.location).claim(p.ip)) problems.push(`${at('publicIps', i, 'ip')}: ${p.ip} is not free in ${p.location}'s block`);
      else out.publicIps.set(key(p.group, p.name), { ...p });
    }
    for (const [i, n] of state.nics.entries()) {
      const v = out.vnet(n.group, n.vnet);
      const s = v && out.subnet(v, n.subnet);
      if (out.nic(n.group, n.name)) problems.push(`${at('nics', i, 'name')}: ${n.name} is used twice in ${n.group}`);
      else if (!v || !s) problems.push(`${at('nics', i, 'subnet')}: no subnet ${n.vnet}/${n.subnet} in ${n.group}`);
      else if (n.nsg && !out.nsg(n.group, n.nsg)) problems.push(`${at('nics', i, 'nsg')}: no network security group ${n.nsg} in ${n.group}`);
      else if (n.publicIp && !out.publicIp(n.group, n.publicIp)) problems.push(`${at('nics', i, 'publicIp')}: no public IP ${n.publicIp} in ${n.group}`);
      else {
        const why = s.pool.claim(n.ip);
        if (why)
          problems.push(
            `${at('nics', i, 'ip')}: ${n.ip} is ${why === 'taken' ? 'used twice' : why === 'invalid' ? 'not an address' : `${why} of ${cidrText(s.prefix)}`}`,
          );
        else out.nics.set(key(n.group, n.name), { ...n });
      }
    }
    return problems.length ? problems : out;
  }
}
