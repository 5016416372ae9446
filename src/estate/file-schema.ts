// The estate file, as zod checks it: every problem comes back with its path
// ("hosts[3].memory: expected a size like 64GiB, got -4"). Sizes may be written
// as "64GiB", "512MiB", "1.5TiB" or a number of MiB; most fields may be left out
// of a hand-written file and take a sensible default. A workload's fields are in
// file-workload.ts, each beside how it is read and written; the values the file is
// made of (names, sizes, times) in file-values.ts.
import * as z from 'zod';
import type { Mirror, NoneMissing } from '../core/complete.js';
import { DISK_FORMATS, STORAGE_MEDIA } from '../core/datastores.js';
import type { CoreDump, HostDump } from '../core/dump-types.js';
import { SUBJECT_TYPES } from '../core/event-log.js';
import { type HaPolicy, HOST_STATES, PLATFORMS, SITE_KINDS, UTILIZATION_MODELS, WORKLOAD_STATES } from '../core/model.js';
import { POWER_TABLE_POINTS } from '../core/power.js';
import { MAX_IOPS } from '../core/storage-io.js';
import type { Durations } from '../core/workloads.js';
import { DISK_SKUS, MAX_DISK_GB } from '../providers/azure/disks.js';
import { DVPG_TYPES } from '../providers/vmware/distributed-switches.js';
import { VLAN_TRUNK } from '../providers/vmware/port-groups.js';
import { accessSchema } from './file-access.js';
import { azureNetworksSchema } from './file-azure-networks.js';
import { dockerNetworksSchema, dockerSwarmsSchema, dockerVolumesSchema } from './file-docker-networks.js';
import { kubernetesSchema } from './file-kubernetes.js';
import { fileValues, MAX_SIZE_MIB } from './file-values.js';
import { workloadSchema } from './file-workload.js';
import { HOST_METRIC_KEYS } from './migrate.js';

export const FORMAT = 'hyperpane-estate';
export const VERSION = 3;

let built: ReturnType<typeof build> | undefined;

/** The schema of an estate file, built on first use: it is a few hundred zod schemas, and a start on a built-in estate never reads a file. */
export function estateFileSchema(): ReturnType<typeof build> {
  return (built ??= build());
}

function build() {
  const { name, text, count, ms, size, durations, attrValue } = fileValues();

  const ha = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('percentage'), cpuPct: z.number().min(0).max(100), memoryPct: z.number().min(0).max(100) }),
    z.strictObject({ kind: z.literal('slots'), hostFailures: z.number().int().min(1).max(31) }),
  ]);

  const site = z.strictObject({
    id: name,
    name: name.optional(),
    kind: z.enum(SITE_KINDS),
    location: text(200).optional(),
    // The Green Grid's PUE is 1.0 at best; a price per kWh in the estate's currency.
    pue: z.number().min(1).max(5).optional(),
    kwhPrice: z.number().min(0).max(100).optional(),
  });
  // An overcommit ratio: 0.01 to 1000, or null for no admission limit (JSON has no Infinity).
  const ratio = z.number().min(0.01).max(1000).nullable();
  const ratios = z.strictObject({ cpu: ratio.optional(), memory: ratio.optional(), storage: ratio.optional() });
  const cluster = z.strictObject({
    id: name,
    name: name.optional(),
    site: name,
    platform: z.enum(PLATFORMS),
    ha: ha.optional(),
    haRestart: z.boolean().optional(),
    allocationRatios: ratios.optional(),
    // The VLAN its hosts' management interfaces are on: 0 untagged (the default) or 1-4094 (IEEE 802.1Q).
    managementVlan: z.number().int().min(0).max(4094).optional(),
  });

  const host = z.strictObject({
    id: name,
    name: name.optional(),
    cluster: name,
    cores: z.number().int().min(0).max(10_000_000).optional(),
    memory: size.optional(),
    storage: size.optional(),
    nicMbps: z.number().positive().max(1_000_000).optional(),
    reserved: z.strictObject({ cpuMilli: count.optional(), memory: size.optional(), storage: size.optional() }).optional(),
    ratios: ratios.optional(),
    state: z.enum(HOST_STATES).optional(),
    // Linear between idleW and maxW, or a measured model: eleven readings (table) or one of the catalogue's (model).
    power: z
      .strictObject({
        idleW: z.number().min(0).max(100_000).optional(),
        maxW: z.number().min(0).max(100_000).optional(),
        table: z.array(z.number().min(0).max(100_000)).length(POWER_TABLE_POINTS).optional(),
        model: name.optional(),
      })
      .refine((p) => p.table !== undefined || p.model !== undefined || (p.idleW !== undefined && p.maxW !== undefined), {
        message: 'give idleW and maxW, a table of 11 readings (0% to 100% load), or a model',
      })
      .optional(),
    inVm: name.optional(),
    /** The figures of the last tick, so a reloaded estate shows what it showed. */
    metrics: z.strictObject(Object.fromEntries(HOST_METRIC_KEYS.map((k) => [k, z.number().finite().optional()]))).optional(),
  });

  const workload = workloadSchema(fileValues());

  const plan = z.strictObject({
    rounds: z.array(z.strictObject({ sentMiB: z.number().min(0), ms: z.number().min(0) })).max(1000),
    downtimeMs: z.number().min(0),
    totalMs: z.number().min(0),
    throttle: z.number().min(0).max(1),
    converged: z.boolean(),
  });

  const event = z.looseObject({ at: ms, seq: count, type: name });
  /** An alarm as observe/alarms.ts saves it (SavedAlarm). */
  const savedAlarm = {
    id: z.number().int().min(1).max(1e12),
    key: text(200),
    subjectType: z.enum(['host', 'workload', 'datastore']),
    subjectId: name,
    level: z.enum(['warning', 'critical']),
    value: z.number().min(0).max(1e15),
    firedAt: ms,
    changedAt: ms,
    acknowledgedBy: name.optional(),
    acknowledgedAt: ms.optional(),
    closedBy: name.optional(),
    closedAt: ms.optional(),
    misses: z.number().int().min(0).max(1000),
  };

  const logEntry = z.strictObject({
    seq: count,
    at: ms,
    kind: text(100),
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: text(300),
    severity: z.enum(['info', 'warning', 'critical']),
    message: text(2000),
  });

  const providers = z.strictObject({
    vmware: z
      .strictObject({
        drs: z.record(
          name,
          z.strictObject({
            enabled: z.boolean(),
            threshold: z.number().int().min(1).max(5),
            mode: z.enum(['manual', 'partiallyAutomated', 'fullyAutomated']).optional(),
          }),
        ),
        portGroups: z.record(name, z.array(z.strictObject({ name, vswitch: name, vlan: z.number().int().min(0).max(VLAN_TRUNK) })).max(1000)).optional(),
        dvSwitches: z
          .array(z.strictObject({ name, dc: name, key: z.number().int().min(1).max(1_000_000_000), hosts: z.array(name).max(100_000) }))
          .max(1000)
          .optional(),
        dvPortGroups: z
          .array(
            z.strictObject({
              name,
              dvs: name,
              vlan: z.number().int().min(0).max(VLAN_TRUNK),
              type: z.enum(DVPG_TYPES),
              ports: z.number().int().min(0).max(1_000_000),
            }),
          )
          .max(10_000)
          .optional(),
      })
      .optional(),
    kvm: z
      .strictObject({
        networks: z.record(
          name,
          z
            .array(
              z.strictObject({
                name,
                host: name,
                uuid: text(36),
                bridge: name,
                forward: z.enum(['nat', 'route', 'bridge', 'isolated']),
                cidr: text(18).optional(),
                gateway: text(15).optional(),
                dhcp: z.tuple([text(15), text(15)]).optional(),
                active: z.boolean(),
                autostart: z.boolean(),
                persistent: z.boolean(),
              }),
            )
            .max(257),
        ),
      })
      .optional(),
    hyperv: z
      .strictObject({ switches: z.array(z.strictObject({ name, type: z.enum(['External', 'Internal', 'Private']), adapter: text(200).optional() })) })
      .optional(),
    docker: z
      .strictObject({
        context: name.optional(),
        images: z.record(name, z.array(z.strictObject({ image: text(300), pulledAt: ms }))),
        networks: dockerNetworksSchema(fileValues()).optional(),
        swarms: dockerSwarmsSchema(fileValues()).optional(),
        volumes: dockerVolumesSchema(fileValues()).optional(),
      })
      .optional(),
    azure: z
      .strictObject({
        groups: z.array(z.strictObject({ name, location: name })),
        networks: azureNetworksSchema(fileValues()).optional(),
        disks: z
          .array(
            z.strictObject({
              name,
              group: name,
              location: name,
              sku: z.enum(DISK_SKUS),
              sizeGb: z.number().int().min(1).max(MAX_DISK_GB),
              createdAt: ms,
              vm: name.optional(),
              lun: z.number().int().min(0).max(63).optional(),
              os: z.boolean(),
              costSoFar: z.number().min(0).max(1e12).optional(),
              costFrom: ms.optional(),
            }),
          )
          .max(2_000_000)
          .optional(),
      })
      .optional(),
    kubernetes: kubernetesSchema(fileValues()).optional(),
    firewalls: z
      .array(
        z.strictObject({
          workload: name,
          enabled: z.boolean(),
          incoming: z.enum(['allow', 'deny', 'reject']),
          rules: z
            .array(
              z.strictObject({
                action: z.enum(['allow', 'deny', 'reject', 'limit']),
                port: z
                  .string()
                  .regex(/^\d{1,5}(:\d{1,5})?(,\d{1,5}(:\d{1,5})?){0,14}$/)
                  .optional(),
                proto: z.enum(['tcp', 'udp']).optional(),
                app: z.enum(['OpenSSH']).optional(),
                from: z.string().max(18).optional(),
                v4: z.literal(false).optional(),
                v6: z.literal(false).optional(),
              }),
            )
            .max(1000),
        }),
      )
      .max(100_000)
      .optional(),
    /** Each host's build, where it is not its platform's default (providers/posture/host-builds.ts). */
    builds: z.record(name, z.string().regex(/^[0-9][0-9.]{0,39}$/)).optional(),
    routers: z
      .array(z.strictObject({ site: name, vlans: z.array(z.number().int().min(0).max(4094)).max(4095) }))
      .max(10_000)
      .optional(),
    /** Each web server's requests a minute, its last day's (observe/request-log.ts): its log's request lines. */
    requests: z
      .strictObject({
        servers: z.record(name, z.strictObject({ first: z.number().int().min(-1).max(1e12), counts: z.array(z.number().int().min(0).max(1e12)).max(1440) })),
      })
      .optional(),
    /** The alarms triggered when it was saved, and the next alarm's number (observe/alarms.ts). */
    alarms: z
      .strictObject({
        nextId: z.number().int().min(1).max(1e12),
        open: z.array(z.strictObject(savedAlarm)).max(1_000_000),
        /** The alarms that ended lately, the latest first, with their objects' names then (observe/alarms.ts KEPT_ENDED). */
        ended: z
          .array(z.strictObject({ ...savedAlarm, subjectName: text(200), endedAt: ms }))
          .max(50)
          .optional(),
        watches: z
          .array(
            z.strictObject({
              key: text(200),
              subjectId: name,
              warningSince: ms.optional(),
              criticalSince: ms.optional(),
              window: z.array(z.number().min(0).max(1e15).nullable()).max(1440).optional(),
            }),
          )
          .max(10_000_000)
          .optional(),
        /** Alert rules users made (az monitor metrics alert create), as observe/alarm-definitions.ts holds them. */
        rules: z
          .array(
            z.strictObject({
              key: text(200),
              name,
              family: z.literal('azure'),
              target: z.literal('cloud-vm'),
              metric: z.enum(['cpu', 'available-memory']),
              metricName: text(100),
              above: z.boolean(),
              warning: z.number().finite().min(-1e15).max(1e15),
              severity: z.number().int().min(0).max(4),
              windowMinutes: z.number().int().min(1).max(1440),
              everyMinutes: z.number().int().min(1).max(1440),
              description: text(2000),
              enabled: z.boolean(),
              scope: name,
              resourceGroup: name,
              custom: z.literal(true).optional(),
              aggregation: z.enum(['Average', 'Minimum', 'Maximum']).optional(),
              inclusive: z.boolean().optional(),
              updatedAt: ms.optional(),
            }),
          )
          .max(10_000)
          .optional(),
      })
      .optional(),
    balancers: z
      .array(
        z.strictObject({
          name,
          vip: text(15),
          port: z.number().int().min(1).max(65535),
          servers: z.array(z.strictObject({ workload: name, port: z.number().int().min(1).max(65535) })).max(1000),
          interMs: z.number().int().min(100).max(3_600_000),
          fall: z.number().int().min(1).max(1000),
          rise: z.number().int().min(1).max(1000),
        }),
      )
      .max(1000)
      .optional(),
  });

  const pointSpec = z.strictObject({
    platform: z.enum(PLATFORMS),
    name,
    cpuMilli: z.number().positive(),
    memoryMiB: z.number().int().positive(),
    diskMiB: z.number().int().min(0),
    image: text(500),
    attrs: z.record(text(100), attrValue),
    durations,
    overhead: z.number().min(0).max(1),
    model: z.enum(UTILIZATION_MODELS),
    modelLevel: z.number().min(0).max(1),
    dynamicMemory: z
      .strictObject({
        minimumMiB: z.number().int().positive(),
        maximumMiB: z.number().int().positive(),
        bufferPct: z.number().min(5).max(2000),
        startupMiB: z.number().int().positive(),
      })
      .optional(),
  });

  const backups = z.strictObject({
    targets: z
      .array(
        z.strictObject({
          id: name,
          site: name,
          capacityMiB: z.number().int().min(1).max(MAX_SIZE_MIB),
          throughputMiBps: z.number().positive(),
          usedMiB: z.number().int().min(0),
        }),
      )
      .max(1000),
    points: z
      .array(
        z.strictObject({
          id: name,
          workload: name,
          target: name,
          takenAt: ms,
          sizeMiB: z.number().int().min(0),
          spec: pointSpec,
          orphan: z.boolean().optional(),
        }),
      )
      .max(1_000_000),
    jobs: z
      .array(
        z.strictObject({
          workload: name,
          target: name,
          startedAt: ms,
          endsAt: ms,
          retention: z.number().int().min(1).max(1000),
          token: count,
          spec: pointSpec,
        }),
      )
      .max(100_000),
    counters: z.array(z.tuple([name, count])).max(2_000_000),
    seq: count,
  });

  return z.strictObject({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    name: name.optional(),
    seed: count.max(4294967295).optional(),
    tickMs: z.number().int().min(10).max(3_600_000).optional(),
    clock: z.strictObject({ now: ms, seq: count }).optional(),
    rng: z.tuple([count, count, count, count]).optional(),
    sites: z.array(site).max(10_000),
    clusters: z.array(cluster).max(100_000),
    hosts: z.array(host).max(1_000_000),
    durationProfiles: z.record(name, durations).optional(),
    workloads: z.array(workload).max(2_000_000).optional(),
    quotas: z.array(z.strictObject({ key: name, label: text(300), limit: z.number().min(0) })).optional(),
    migrations: z
      .array(
        z.strictObject({
          workload: name,
          from: name,
          to: name,
          live: z.boolean(),
          startedAt: ms,
          endsAt: ms,
          plan,
          after: z.enum(WORKLOAD_STATES),
          token: count,
        }),
      )
      .max(2_000_000)
      .optional(),
    events: z.array(event).max(10_000_000).optional(),
    log: z.strictObject({ total: count, entries: z.array(logEntry).max(1_000_000) }).optional(),
    ticks: count.optional(),
    /** The metric rollups (file-history.ts). */
    history: historySchema(count, name).optional(),
    providers: providers.optional(),
    /** Users, roles, permissions, role assignments, hosts' local groups and the audit trail (file-access.ts). */
    access: accessSchema(fileValues()).optional(),
    backups: backups.optional(),
    /** Shared datastores (SAN LUNs, NAS shares) and the clusters whose hosts mount them. */
    datastores: z
      .array(
        z.strictObject({
          id: name,
          name: name.optional(),
          medium: z.enum(STORAGE_MEDIA),
          clusters: z.array(name).min(1).max(10_000),
          capacity: size,
          mbps: z.number().positive().max(10_000_000).optional(),
          /** The most IOPS (8 KiB) it serves; by default what its link carries. */
          iops: z.number().int().positive().max(MAX_IOPS).optional(),
        }),
      )
      .max(100_000)
      .optional(),
    /** Virtual disks of no VM: on a datastore, or on a host's own storage (name one). */
    volumes: z
      .array(
        z.strictObject({
          datastore: name.optional(),
          host: name.optional(),
          name: z.string().min(1).max(255),
          format: z.enum(DISK_FORMATS),
          size,
          allocated: size.optional(),
          /** A thin data disk's writes short of a whole MiB (MiB). */
          carry: z.number().min(0).max(1).optional(),
          /** The VM it is a data disk of. */
          attachedTo: name.optional(),
        }),
      )
      .max(1_000_000)
      .optional(),
    /** Disks being copied between datastores (from null: off a host's own storage). */
    storageMoves: z
      .array(
        z.strictObject({
          workload: name,
          from: name.nullable(),
          to: name,
          startedAt: ms,
          endsAt: ms,
          token: count,
          reservedMiB: z.number().int().min(0).max(MAX_SIZE_MIB),
          /** Part of a vMotion with storage, landing with the workload's migration (files before it: false). */
          withMigration: z.boolean().default(false),
        }),
      )
      .max(2_000_000)
      .optional(),
  });
}

export type EstateFileInput = z.input<ReturnType<typeof build>>;
export type EstateFile = z.output<ReturnType<typeof build>>;

/**
 * The parts of the file that are the core's records as they are, checked by the
 * compiler to have the same fields, all the way down (converted ones, such as
 * sizes, are checked where file-read.ts and file-write.ts convert them).
 */
export type SameAsTheCore = [
  NoneMissing<Mirror<NonNullable<EstateFile['rng']>, CoreDump['rng']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['clusters'][number]['ha']>, HaPolicy>>,
  NoneMissing<Mirror<NonNullable<EstateFile['hosts'][number]['power']>, HostDump['power']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['durationProfiles']>[string], Durations>>,
  NoneMissing<Mirror<NonNullable<EstateFile['quotas']>, CoreDump['quotas']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['migrations']>, CoreDump['migrations']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['log']>['entries'], CoreDump['log']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['backups']>, CoreDump['backups']>>,
  NoneMissing<Mirror<NonNullable<EstateFile['storageMoves']>, CoreDump['storageMoves']>>,
];

/** The rollups as file-history.ts writes them: where each level stands, each host's and workload's sums and samples. */
function historySchema(count: z.ZodNumber, name: z.ZodString) {
  const state = z.strictObject({
    minute: z.number().int().min(-1).max(1e12),
    coarse: z.number().int().min(-1).max(1e12),
    minuteCount: count,
    coarseCount: count,
    minuteSamples: z.number().int().min(0).max(100_000),
    coarseSamples: z.number().int().min(0).max(100_000),
    tickSamples: z.number().int().min(0).max(100_000).optional(),
  });
  const sums = z.array(z.number().finite().min(0).max(1e12)).max(4);
  const samples = z.string().max(1_000_000).optional();
  const item = z.strictObject({ sums, ticks: samples, minutes: samples, coarse: samples });
  return z.strictObject({
    hosts: state,
    workloads: state,
    host: z.record(name, item),
    // A workload's sums alone, as files written before its samples were kept hold them.
    workload: z.record(name, z.union([item, sums])),
  });
}
