// Azure's networking resources in a subscription: virtual networks and their
// subnets, network security groups and their rules, public IP addresses and
// network interfaces. Names are unique per resource group and type, compared
// without case as ARM compares them. Private addresses come from each subnet's
// pool (the first four and the last kept back), public ones from a pool per
// region; both stay with their NIC or public IP resource until it is deleted
// (learn.microsoft.com/azure/virtual-network/ip-services/private-ip-addresses).
import { AddressPool } from '../../network/address-pool.js';
import { hashBytes } from '../../network/hash-bytes.js';
import { type Cidr, cidrText, overlaps, parseCidr, within } from '../../network/ipv4.js';
import { CompiledRules, ruleProblem, type SecurityRule } from '../../network/security-rules.js';
import { REGIONS } from './defaults.js';
import { type AzureLoadBalancer, type LbPool, type LoadBalancerState, lbsFromState } from './load-balancers.js';

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
  prefixes: readonly Cidr[];
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
  readonly loadBalancers?: readonly LoadBalancerState[];
}

const key = (group: string, name: string) => `${group.toLowerCase()}/${name.toLowerCase()}`;

export const isFault = (x: object): x is ArmFault => 'code' in x && 'message' in x && !('exitCode' in x);

/** Whether two Azure names are one: ARM compares names without case. */
export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A subnet's pool: Azure keeps back .0 (network), .1 (gateway), .2 and .3 (DNS) and the last (broadcast) of every subnet. */
const subnetPool = (prefix: Cidr) => new AddressPool(prefix, 4, 1);

/**
 * Public addresses: each region draws from a /16 of 20.0.0.0/8, a block
 * registered to Microsoft (ARIN NET-20-0-0-0-1), the regions in REGIONS' order
 * from 20.50.0.0/16 every other /16. Azure's own choice of address is not
 * predictable; the lowest free of a fixed block keeps tapes repeatable.
 */
export function regionBlock(location: string): number | undefined {
  const i = Object.keys(REGIONS).indexOf(location.toLowerCase());
  return i < 0 ? undefined : 50 + 2 * i;
}

/** vm/_template_builder.py build_nic_resource: "ipconfig{vm}" for a VM's NIC ("{vm}VMNic"); ipconfig1 for one made alone (nic create's default). */
export const ipConfigOf = (nic: string) => (nic.endsWith('VMNic') ? `ipconfig${nic.slice(0, -'VMNic'.length)}` : 'ipconfig1');

/** Azure's MAC addresses start 00-0D-3A (Microsoft's OUI); the rest is drawn from the NIC's name, so it never changes. */
function macOf(group: string, name: string): string {
  return ['00', '0D', '3A', ...hashBytes(key(group, name), 0x3a, 3).map((b) => b.toString(16).toUpperCase().padStart(2, '0'))].join('-');
}

export class AzureNetworks {
  readonly vnets = new Map<string, VirtualNetwork>();
  readonly nsgs = new Map<string, SecurityGroup>();
  readonly publicIps = new Map<string, PublicIp>();
  readonly nics = new Map<string, NetworkInterface>();
  readonly lbs = new Map<string, AzureLoadBalancer>();
  private readonly publicPools = new Map<number, AddressPool>();

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

  lb(group: string, name: string): AzureLoadBalancer | undefined {
    return this.lbs.get(key(group, name));
  }

  putLb(lb: AzureLoadBalancer): void {
    this.lbs.set(key(lb.group, lb.name), lb);
  }

  deleteLb(lb: AzureLoadBalancer): void {
    this.lbs.delete(key(lb.group, lb.name));
  }

  /** The load balancer pools a NIC is in, in the order the LBs were made. */
  lbPoolsOf(n: NetworkInterface): [AzureLoadBalancer, LbPool][] {
    return [...this.lbs.values()].flatMap((lb) =>
      same(lb.group, n.group) ? lb.pools.filter((p) => p.nics.some((x) => same(x, n.name))).map((p) => [lb, p] as [AzureLoadBalancer, LbPool]) : [],
    );
  }

  /** The load balancer whose frontend a public IP is, if any. */
  lbHolding(p: PublicIp): AzureLoadBalancer | undefined {
    return [...this.lbs.values()].find((lb) => same(lb.group, p.group) && same(lb.frontend.publicIp, p.name));
  }

  subnet(v: VirtualNetwork, name: string): Subnet | undefined {
    return v.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Each VM's NICs, built when first asked after a change: a row of the Cloud view asks for its VM's addresses. */
  private byVm: Map<string, NetworkInterface[]> | undefined;

  /** The NICs attached to a VM, in the order they were made. */
  nicsOf(vmId: string): NetworkInterface[] {
    if (!this.byVm) {
      this.byVm = new Map();
      for (const n of this.nics.values()) if (n.vm !== undefined) (this.byVm.get(n.vm) ?? this.byVm.set(n.vm, []).get(n.vm)!).push(n);
    }
    return this.byVm.get(vmId) ?? [];
  }

  /** Attaches a NIC to a VM, or detaches it (undefined). */
  attach(n: NetworkInterface, vmId: string | undefined): void {
    n.vm = vmId;
    this.byVm = undefined;
  }

  compiled(g: SecurityGroup): CompiledRules {
    return (g.compiled ??= new CompiledRules(g.rules));
  }

  createVnet(group: string, location: string, name: string, prefixes: readonly Cidr[]): VirtualNetwork {
    const existing = this.vnet(group, name);
    if (existing) return existing;
    const v: VirtualNetwork = { name, group, location, prefixes, subnets: [] };
    this.vnets.set(key(group, name), v);
    return v;
  }

  /** A VNet's address space set anew (its subnets checked to fit by the caller). */
  setPrefixes(v: VirtualNetwork, prefixes: readonly Cidr[]): void {
    v.prefixes = prefixes;
  }

  /** A subnet with no NIC on it given another block: the same checks as a new one; it keeps its place. */
  moveSubnet(v: VirtualNetwork, s: Subnet, prefix: Cidr): Subnet | ArmFault {
    const at = v.subnets.indexOf(s);
    v.subnets.splice(at, 1);
    const made = this.addSubnet(v, s.name, prefix, s.nsg);
    if (!isFault(made)) v.subnets.pop();
    v.subnets.splice(at, 0, isFault(made) ? s : made);
    return made;
  }

  deleteVnet(v: VirtualNetwork): void {
    this.vnets.delete(key(v.group, v.name));
  }

  deleteNsg(g: SecurityGroup): void {
    this.nsgs.delete(key(g.group, g.name));
  }

  /** The NICs on a subnet of a VNet. */
  nicsOn(v: VirtualNetwork, s: Subnet): NetworkInterface[] {
    return [...this.nics.values()].filter((n) => same(n.group, v.group) && same(n.vnet, v.name) && same(n.subnet, s.name));
  }

  /** The NIC a public IP is on, if any. */
  holderOf(p: PublicIp): NetworkInterface | undefined {
    return [...this.nics.values()].find((n) => same(n.group, p.group) && n.publicIp !== undefined && same(n.publicIp, p.name));
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

  /** A region's block of public addresses (every location here is a region: they are checked where they are given). */
  private regionPool(location: string): AddressPool {
    const block = regionBlock(location) ?? 40;
    let pool = this.publicPools.get(block);
    if (!pool) {
      pool = new AddressPool(parseCidr(`20.${block}.0.0/16`)!, 1, 1);
      this.publicPools.set(block, pool);
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
    extra: { nsg?: string; publicIp?: string; vm?: string; ip?: string; allocation?: 'Dynamic' | 'Static' } = {},
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
      allocation: extra.allocation ?? (extra.ip !== undefined ? 'Static' : 'Dynamic'),
      mac: macOf(group, name),
      ...(extra.nsg ? { nsg: extra.nsg } : {}),
      ...(extra.publicIp ? { publicIp: extra.publicIp } : {}),
      ...(extra.vm ? { vm: extra.vm } : {}),
    };
    this.nics.set(key(group, name), nic);
    this.byVm = undefined;
    return nic;
  }

  deleteNic(n: NetworkInterface): void {
    const v = this.vnet(n.group, n.vnet);
    const s = v && this.subnet(v, n.subnet);
    s?.pool.release(n.ip);
    // A NIC's pool memberships are its IP configuration's: they go with it.
    for (const lb of this.lbs.values())
      if (same(lb.group, n.group)) for (const pool of lb.pools) pool.nics.splice(0, pool.nics.length, ...pool.nics.filter((x) => !same(x, n.name)));
    this.nics.delete(key(n.group, n.name));
    this.byVm = undefined;
  }

  deletePublicIp(p: PublicIp): void {
    this.regionPool(p.location).release(p.ip);
    this.publicIps.delete(key(p.group, p.name));
  }

  /** Everything of one resource group goes with it (az group delete). */
  deleteGroup(group: string): void {
    for (const lb of [...this.lbs.values()]) if (same(lb.group, group)) this.deleteLb(lb);
    for (const n of [...this.nics.values()]) if (same(n.group, group)) this.deleteNic(n);
    for (const p of [...this.publicIps.values()]) if (same(p.group, group)) this.deletePublicIp(p);
    for (const v of [...this.vnets.values()]) if (same(v.group, group)) this.deleteVnet(v);
    for (const g of [...this.nsgs.values()]) if (same(g.group, group)) this.deleteNsg(g);
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
      ...(this.lbs.size > 0 ? { loadBalancers: [...this.lbs.values()].map((lb) => structuredClone(lb)) } : {}),
    };
  }

  /** Reads a file's networks back, or says what in them does not hold together: each resource in a known group and region, each reference resolved, each address its own. */
  static fromState(state: AzureNetworksState, groups: ReadonlySet<string>): AzureNetworks | string[] {
    const out = new AzureNetworks();
    const problems: string[] = [];
    const at = (what: string, i: number, field: string) => `providers.azure.networks.${what}[${i}].${field}`;
    const placed = (what: string, i: number, r: { group: string; location: string }) => {
      if (!groups.has(r.group.toLowerCase())) problems.push(`${at(what, i, 'group')}: no resource group ${r.group}`);
      else if (regionBlock(r.location) === undefined) problems.push(`${at(what, i, 'location')}: ${r.location} is not a region of this cloud`);
      else return true;
      return false;
    };
    for (const [i, g] of state.nsgs.entries()) {
      if (!placed('nsgs', i, g)) continue;
      if (out.nsg(g.group, g.name)) problems.push(`${at('nsgs', i, 'name')}: ${g.name} is used twice in ${g.group}`);
      const made = out.createNsg(g.group, g.location, g.name);
      const names = new Set<string>();
      for (const [j, r] of g.rules.entries()) {
        const why = ruleProblem(r)?.message ?? (names.has(r.name.toLowerCase()) ? `${r.name} is used twice` : undefined);
        names.add(r.name.toLowerCase());
        const put = why === undefined ? out.putRule(made, r) : undefined;
        if (why !== undefined) problems.push(`${at('nsgs', i, `rules[${j}]`)}: ${why}`);
        else if (put && isFault(put)) problems.push(`${at('nsgs', i, `rules[${j}]`)}: ${put.message}`);
      }
    }
    for (const [i, v] of state.vnets.entries()) {
      if (!placed('vnets', i, v)) continue;
      if (out.vnet(v.group, v.name)) problems.push(`${at('vnets', i, 'name')}: ${v.name} is used twice in ${v.group}`);
      const prefixes = v.prefixes.map((p) => parseCidr(p, true));
      if (prefixes.some((p) => !p)) {
        problems.push(`${at('vnets', i, 'prefixes')}: not CIDR blocks (10.0.0.0/16)`);
        continue;
      }
      const blocks = prefixes as Cidr[];
      if (blocks.some((a, k) => blocks.some((b, l) => l > k && overlaps(a, b)))) problems.push(`${at('vnets', i, 'prefixes')}: two of them overlap`);
      const made = out.createVnet(v.group, v.location, v.name, blocks);
      for (const [j, s] of v.subnets.entries()) {
        const prefix = parseCidr(s.prefix, true);
        if (!prefix) problems.push(`${at('vnets', i, `subnets[${j}].prefix`)}: ${s.prefix} is not a CIDR block`);
        else if (s.nsg && !out.nsg(v.group, s.nsg)) problems.push(`${at('vnets', i, `subnets[${j}].nsg`)}: no network security group ${s.nsg} in ${v.group}`);
        else {
          const r = out.addSubnet(made, s.name, prefix, s.nsg);
          if (isFault(r)) problems.push(`${at('vnets', i, `subnets[${j}]`)}: ${r.message}`);
        }
      }
    }
    for (const [i, p] of state.publicIps.entries()) {
      if (!placed('publicIps', i, p)) continue;
      if (out.publicIp(p.group, p.name)) problems.push(`${at('publicIps', i, 'name')}: ${p.name} is used twice in ${p.group}`);
      else if (out.regionPool(p.location).claim(p.ip)) problems.push(`${at('publicIps', i, 'ip')}: ${p.ip} is not a free address of ${p.location}'s block`);
      else out.publicIps.set(key(p.group, p.name), { ...p });
    }
    const vms = new Set<string>();
    for (const [i, n] of state.nics.entries()) {
      if (!placed('nics', i, n)) continue;
      const v = out.vnet(n.group, n.vnet);
      const s = v && out.subnet(v, n.subnet);
      const pip = n.publicIp ? out.publicIp(n.group, n.publicIp) : undefined;
      if (out.nic(n.group, n.name)) problems.push(`${at('nics', i, 'name')}: ${n.name} is used twice in ${n.group}`);
      else if (!v || !s) problems.push(`${at('nics', i, 'subnet')}: no subnet ${n.vnet}/${n.subnet} in ${n.group}`);
      else if (v.location !== n.location) problems.push(`${at('nics', i, 'location')}: ${n.location}, but its VNet ${v.name} is in ${v.location}`);
      else if (n.nsg && !out.nsg(n.group, n.nsg)) problems.push(`${at('nics', i, 'nsg')}: no network security group ${n.nsg} in ${n.group}`);
      else if (n.publicIp && !pip) problems.push(`${at('nics', i, 'publicIp')}: no public IP ${n.publicIp} in ${n.group}`);
      else if (pip && out.holderOf(pip)) problems.push(`${at('nics', i, 'publicIp')}: ${pip.name} is on another NIC already`);
      else if (n.vm !== undefined && vms.has(n.vm)) problems.push(`${at('nics', i, 'vm')}: ${n.vm} has another NIC already (this cloud gives a VM one)`);
      else {
        const why = s.pool.claim(n.ip);
        if (why)
          problems.push(
            `${at('nics', i, 'ip')}: ${n.ip} is ${why === 'taken' ? 'used twice' : why === 'invalid' ? 'not an address' : `${why} of ${cidrText(s.prefix)}`}`,
          );
        else {
          out.nics.set(key(n.group, n.name), { ...n });
          out.byVm = undefined;
          if (n.vm !== undefined) vms.add(n.vm);
        }
      }
    }
    lbsFromState(out, state.loadBalancers ?? [], placed, problems);
    return problems.length ? problems : out;
  }
}
