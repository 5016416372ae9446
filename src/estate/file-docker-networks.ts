// An estate file's Docker networks: each daemon's networks (its own three and the
// user's bridges) with the endpoints of the containers on them, as zod checks
// them. Whether they hold together (names unique on a host, each address in its
// network's block and no one else's) is checked as they are read back
// (providers/docker/networks.ts DockerNetworks.fromState), each problem with its path.
import * as z from 'zod';
import type { FileValues } from './file-values.js';

export function dockerNetworksSchema({ name, text, ms }: FileValues) {
  const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit hexadecimal ID');
  const endpoint = z.strictObject({
    container: name,
    ip: text(15).optional(),
    mac: z
      .string()
      .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'a MAC address like 02:42:ac:11:00:02')
      .optional(),
    endpointId: hex64,
  });
  const network = z.strictObject({
    name,
    id: hex64,
    driver: z.enum(['bridge', 'host', 'null']),
    subnet: text(18).optional(),
    gateway: text(15).optional(),
    internal: z.boolean(),
    attachable: z.boolean(),
    created: ms,
    endpoints: z.array(endpoint),
  });
  return z.record(name, z.array(network).max(64));
}
