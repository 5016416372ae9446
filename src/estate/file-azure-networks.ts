// An estate file's Azure networking: VNets and subnets, network security groups
// and their rules, public IPs and NICs, as zod checks them. Whether they hold
// together (a NIC's subnet exists, its address is in it and no other NIC's, rule
// priorities are unique per direction) is checked as they are read back
// (providers/azure/networks.ts AzureNetworks.fromState), each problem with its path.
import * as z from 'zod';
import { PRIORITY_MAX, PRIORITY_MIN } from '../network/security-rules.js';
import { PROBE_INTERVAL_MIN } from '../providers/azure/load-balancers.js';
import type { FileValues } from './file-values.js';

const port = z.number().int().min(0).max(65535);

export function azureNetworksSchema({ name, text }: FileValues) {
  const where = { name, group: name, location: name };
  const list = z.array(text(100)).min(1).max(100);
  const rule = z.strictObject({
    name,
    priority: z.number().int().min(PRIORITY_MIN).max(PRIORITY_MAX),
    direction: z.enum(['Inbound', 'Outbound']),
    access: z.enum(['Allow', 'Deny']),
    protocol: z.enum(['*', 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah']),
    sourceAddressPrefixes: list,
    sourcePortRanges: list,
    destinationAddressPrefixes: list,
    destinationPortRanges: list,
    description: text(140).optional(),
  });
  return z.strictObject({
    vnets: z.array(
      z.strictObject({
        ...where,
        prefixes: z.array(text(18)).min(1).max(100),
        subnets: z.array(z.strictObject({ name, prefix: text(18), nsg: name.optional() })),
      }),
    ),
    nsgs: z.array(z.strictObject({ ...where, rules: z.array(rule).max(1000) })),
    publicIps: z.array(z.strictObject({ ...where, ip: text(15) })),
    nics: z.array(
      z.strictObject({
        ...where,
        vnet: name,
        subnet: name,
        ip: text(15),
        allocation: z.enum(['Dynamic', 'Static']),
        mac: z.string().regex(/^([0-9A-F]{2}-){5}[0-9A-F]{2}$/, 'a MAC address like 00-0D-3A-12-34-56'),
        nsg: name.optional(),
        publicIp: name.optional(),
        vm: name.optional(),
      }),
    ),
    loadBalancers: z
      .array(
        z.strictObject({
          ...where,
          sku: z.enum(['Standard', 'Basic']),
          frontend: z.strictObject({ name, publicIp: name }),
          pools: z.array(z.strictObject({ name, nics: z.array(name).max(1000) })).max(100),
          probes: z
            .array(
              z.strictObject({
                name,
                protocol: z.enum(['Tcp', 'Http', 'Https']),
                port: port.min(1),
                intervalS: z.number().int().min(PROBE_INTERVAL_MIN).max(2147483647),
                threshold: z.number().int().min(1).max(100),
                numberOfProbes: z.number().int().min(1).max(2147483647),
                path: text(200).optional(),
              }),
            )
            .max(100),
          rules: z
            .array(
              z.strictObject({
                name,
                protocol: z.enum(['Tcp', 'Udp', 'All']),
                frontendPort: port.max(65534),
                backendPort: port,
                frontend: name,
                pool: name,
                probe: name.optional(),
                idleTimeout: z.number().int().min(4).max(30),
                floatingIp: z.boolean(),
                tcpReset: z.boolean(),
                disableOutboundSnat: z.boolean(),
                loadDistribution: z.enum(['Default', 'SourceIP', 'SourceIPProtocol']),
              }),
            )
            .max(100),
        }),
      )
      .optional(),
  });
}
