// An estate file's Docker networks: each daemon's networks (its own three and the
// user's bridges) with the endpoints of the containers on them, and the swarms
// (their nodes, join-token secrets and overlay networks), as zod checks them. Whether they hold together (names unique on a host, each address in its
// network's block and no one else's) is checked as they are read back
// (providers/docker/networks.ts DockerNetworks.fromState), each problem with its path.
import * as z from 'zod';
import { MAX_LOCAL_NETWORKS, MAX_OVERLAYS } from '../providers/docker/networks.js';
import { VNI_FIRST, VNI_LAST } from '../providers/docker/swarm.js';
import { MAX_LABEL_KEY, MAX_LABEL_VALUE, MAX_NAME, MAX_VOLUMES } from '../providers/docker/volumes.js';
import type { FileValues } from './file-values.js';

function networkSchema({ name, text, ms }: FileValues) {
  const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit hexadecimal ID');
  const endpoint = z.strictObject({
    container: name,
    ip: text(15).optional(),
    mac: z
      .string()
      .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'a MAC address like 02:42:ac:11:00:02')
      .optional(),
    endpointId: hex64,
    // An overlay's endpoint: the Docker host its container runs on.
    host: name.optional(),
  });
  return z.strictObject({
    name,
    // A daemon's own network's ID is 64 hex digits, a swarm's 25 base-36 characters.
    id: z.string().regex(/^([0-9a-f]{64}|[0-9a-z]{25})$/, 'a 64-digit hexadecimal ID, or a swarm network ID of 25 base-36 characters'),
    driver: z.enum(['bridge', 'host', 'null', 'overlay']),
    ingress: z.boolean().optional(),
    vni: z.number().int().min(VNI_FIRST).max(VNI_LAST).optional(),
    subnet: text(18).optional(),
    gateway: text(15).optional(),
    internal: z.boolean(),
    attachable: z.boolean(),
    created: ms,
    endpoints: z.array(endpoint),
  });
}

export function dockerNetworksSchema(values: FileValues) {
  return z.record(values.name, z.array(networkSchema(values)).max(MAX_LOCAL_NETWORKS));
}

/** Each daemon's volumes (the local driver's), by host. */
export function dockerVolumesSchema({ name, text, ms }: FileValues) {
  return z.record(
    name,
    z
      .array(
        z.strictObject({
          name: text(MAX_NAME),
          created: ms,
          labels: z.record(text(MAX_LABEL_KEY), text(MAX_LABEL_VALUE)).nullable().optional(),
          options: z.record(text(MAX_LABEL_KEY), text(MAX_LABEL_VALUE)).nullable().optional(),
          anonymous: z.boolean(),
        }),
      )
      .max(MAX_VOLUMES),
  );
}

export function dockerSwarmsSchema(values: FileValues) {
  const { name, ms } = values;
  const id25 = z.string().regex(/^[0-9a-z]{25}$/, '25 base-36 characters');
  return z
    .array(
      z.strictObject({
        id: id25,
        created: ms,
        digest: z.string().regex(/^[0-9a-z]{50}$/, '50 base-36 characters'),
        workerSecret: id25,
        managerSecret: id25,
        nodes: z
          .array(
            z.strictObject({
              host: name,
              id: id25,
              role: z.enum(['manager', 'worker']),
              addr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/, 'IP:PORT'),
              // Promoted while its host was down: not yet one of the managers' Raft group.
              pending: z.literal(true).optional(),
            }),
          )
          .min(1),
        networks: z.array(networkSchema(values)).min(1).max(MAX_OVERLAYS),
      }),
    )
    .max(64);
}
