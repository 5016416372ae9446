// An estate as the JSON of its file: sizes written the way people write them
// ("64GiB"), durations shared by name, defaults left implicit where a reader
// would fill them in the same.

import { noneLeft } from '../core/complete.js';
import { DEFAULT_MBPS } from '../core/datastores.js';
import { dumpCore, dumpsWorkload } from '../core/dump.js';
import type { CoreDump } from '../core/dump-types.js';
import { DEFAULT_NIC_MBPS, DEFAULT_POWER } from '../core/hosts.js';
import type { HostPower } from '../core/power.js';
import { iopsOfMbps } from '../core/storage-io.js';
import { dumpWorkload } from '../core/workload-dump.js';
import type { Durations } from '../core/workloads.js';
import { isCatalogued } from '../observe/power-models.js';
import { SUBSCRIPTION } from '../providers/azure/az-resources.js';
import type { Estate } from './estate.js';
import { accessToFile } from './file-access.js';
import { historyToFile } from './file-history.js';
import { type EstateFileInput, FORMAT, VERSION } from './file-schema.js';
import { fileText, fileTextAround, ITEM_INDENT } from './file-text.js';
import { sizeText } from './file-values.js';
import { type FileWorkloadInput, type WriteContext, writeWorkload } from './file-workload.js';
import { HOST_METRIC_KEYS } from './migrate.js';
import { defaultRatios, PLATFORM_DURATIONS, PLATFORM_RESERVED_MEMORY, ratiosToFile } from './platform-defaults.js';
import { providerState } from './provider-state.js';

export function estateToFile(estate: Estate): EstateFileInput {
  const d = dumpCore(estate.sim);
  const writer = fileWriter(estate, d);
  return writer.file(d.workloads.map((w) => writeWorkload(w, writer.writing)));
}

/**
 * The bytes of the estate's file: fileText(estateToFile(estate)) in UTF-8, made
 * a workload at a time. Each workload's dump, file form and JSON are made and
 * dropped at once rather than held all together (100,000 workloads of each) for
 * the collector to carry into its old space, and the text goes into the bytes a
 * few hundred lines at a time rather than as one string of 30 MB to flatten and
 * encode. save.100k (npm run bench): 1.41-1.85 s as one text, 885-986 ms so.
 */
export function estateFileBytes(estate: Estate): Uint8Array[] {
  const { sim } = estate;
  const writer = fileWriter(estate, dumpCore(sim, { workloads: false }));
  const items = new ByteChunks();
  let batch = '';
  let inBatch = 0;
  let written = 0;
  for (let w = 0; w < sim.workloads.count; w++) {
    if (!dumpsWorkload(sim, w)) continue;
    batch += `${written++ > 0 ? ',\n' : ''}${ITEM_INDENT}${JSON.stringify(writeWorkload(dumpWorkload(sim, w), writer.writing))}`;
    if (++inBatch === LINES_A_BATCH) {
      items.add(batch);
      batch = '';
      inBatch = 0;
    }
  }
  items.add(batch);
  // The rest after the workloads: writing them named any custom duration profiles the file lists.
  const file = writer.file([]);
  if (written === 0) return [Buffer.from(fileText(file), 'utf8')];
  const [before, after] = fileTextAround(file, 'workloads');
  return [Buffer.from(before, 'utf8'), ...items.pieces(), Buffer.from(after, 'utf8')];
}

/** Lines joined into one string before they are encoded: one encode a line costs more than the line (about 1-2 us). */
const LINES_A_BATCH = 256;

/**
 * Bytes in pieces of a megabyte or so, each filled and then left: a buffer grown
 * by copying (or one copy of the whole at the end) touched fresh memory two and
 * three times over, which on this machine costs about 3.5 ms a megabyte.
 */
class ByteChunks {
  private readonly full: Buffer[] = [];
  private current = Buffer.alloc(0);
  private used = 0;

  /** Adds a string's UTF-8 (at most three bytes a UTF-16 unit: a lone surrogate is U+FFFD's three). */
  add(text: string): void {
    const most = 3 * text.length;
    if (this.used + most > this.current.length) {
      if (this.used > 0) this.full.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      this.used = 0;
    }
    this.used += this.current.write(text, this.used, 'utf8');
  }

  pieces(): Buffer[] {
    return this.used > 0 ? [...this.full, this.current.subarray(0, this.used)] : [...this.full];
  }
}

const CHUNK_BYTES = 1 << 20;

/** An estate's file made from its dump, the workloads given as the file writes them (writing says how). */
function fileWriter(estate: Estate, d: CoreDump): { writing: WriteContext; file(workloads: FileWorkloadInput[]): EstateFileInput } {
  const clusterOf = new Map(d.clusters.map((c) => [c.id, c]));
  const ownRatios = (h: (typeof d.hosts)[number]) => {
    const c = clusterOf.get(h.cluster)!;
    return ratiosToFile(h.ratios, defaultRatios(c.platform, c.allocationRatios));
  };
  const profiles = new Map<Durations, string>();
  for (const [platform, durations] of Object.entries(PLATFORM_DURATIONS)) profiles.set(durations, platform);
  const custom: Record<string, Durations> = {};
  const byValue = new Map<string, string>([...profiles].map(([d, n]) => [JSON.stringify(d), n]));
  const profileOf = (x: Durations): string => {
    let name = profiles.get(x);
    if (!name) {
      // Equal durations in two objects are one profile.
      const key = JSON.stringify(x);
      name = byValue.get(key);
      if (!name) {
        name = `custom-${Object.keys(custom).length + 1}`;
        custom[name] = x;
        byValue.set(key, name);
      }
      profiles.set(x, name);
    }
    return name;
  };
  const {
    name,
    seed,
    tickMs,
    now,
    clockSeq,
    rng,
    sites,
    clusters,
    hosts,
    // Given to file() as the file writes them (estateToFile), or streamed (estateFileBytes).
    workloads: _workloads,
    quotas,
    migrations,
    events,
    log,
    logTotal,
    ticks,
    hostMetrics,
    backups,
    datastores,
    storageMoves,
    volumes,
    history,
    ...rest
  } = d;
  noneLeft(rest);
  const writing: WriteContext = { profileOf, now };
  const access = accessToFile(estate.providers.access, SUBSCRIPTION);
  return {
    writing,
    file: (written) => ({
      format: FORMAT,
      version: VERSION,
      name,
      seed,
      tickMs,
      clock: { now, seq: clockSeq },
      rng: [...rng],
      sites: sites.map(({ id, name, kind, location, pue, kwhPrice, ...rest }) => {
        noneLeft(rest);
        return {
          id,
          ...(name !== id ? { name } : {}),
          kind,
          ...(location ? { location } : {}),
          ...(pue !== undefined ? { pue } : {}),
          ...(kwhPrice !== undefined ? { kwhPrice } : {}),
        };
      }),
      clusters: clusters.map(({ id, name, site, platform, ha, haRestart, allocationRatios, managementVlan, ...rest }) => {
        noneLeft(rest);
        return {
          id,
          ...(name !== id ? { name } : {}),
          site,
          platform,
          ...(ha ? { ha } : {}),
          ...(haRestart !== (ha !== undefined) ? { haRestart } : {}),
          ...(allocationRatios ? { allocationRatios: ratiosToFile(allocationRatios) } : {}),
          ...(managementVlan ? { managementVlan } : {}),
        };
      }),
      hosts: hosts.map((h, i) => {
        const { id, name, cluster, cores, memoryMiB, storageMiB, nicMbps, reserved, ratios, state, power, inVm, ...rest } = h;
        noneLeft(rest);
        const own = ownRatios(h);
        const platformReserve = PLATFORM_RESERVED_MEMORY[clusterOf.get(cluster)!.platform];
        // What a reader fills in the same is left out (file-read.ts): a NIC of 10 Gb/s, the platform's reserve, connected.
        const reservesOwn = reserved.cpuMilli !== 0 || reserved.memoryMiB !== platformReserve || reserved.storageMiB !== 0;
        return {
          id,
          ...(name !== id ? { name } : {}),
          cluster,
          // A host inside a VM has the VM's size: written once, on the VM.
          ...(inVm ? {} : { cores, memory: sizeText(memoryMiB), storage: sizeText(storageMiB) }),
          ...(nicMbps !== DEFAULT_NIC_MBPS ? { nicMbps } : {}),
          ...(reservesOwn ? { reserved: { cpuMilli: reserved.cpuMilli, memory: sizeText(reserved.memoryMiB), storage: sizeText(reserved.storageMiB) } } : {}),
          // Only ratios of its own: the rest follow the cluster's and the platform's rule when read.
          ...(own ? { ratios: own } : {}),
          ...(state !== 'connected' ? { state } : {}),
          ...powerToFile(power),
          ...(inVm ? { inVm } : {}),
          ...(ticks > 0 ? { metrics: Object.fromEntries(HOST_METRIC_KEYS.map((k, j) => [k, hostMetrics[i]?.[j] ?? 0])) } : {}),
        };
      }),
      workloads: written,
      durationProfiles: Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, copyDurations(v)])),
      quotas: quotas.map((q) => ({ ...q })),
      migrations: migrations.map((m) => ({ ...m, plan: { ...m.plan, rounds: m.plan.rounds.map((r) => ({ ...r })) } })),
      events: events.map((e) => ({ ...e })),
      log: { total: logTotal, entries: log.map((e) => ({ ...e })) },
      ticks,
      ...(history ? { history: historyToFile(history) } : {}),
      providers: providerState(estate),
      ...(access ? { access } : {}),
      ...(backups.targets.length || backups.points.length || backups.jobs.length || backups.counters.length
        ? { backups: structuredClone(backups) as EstateFileInput['backups'] }
        : {}),
      ...(datastores.length
        ? {
            datastores: datastores.map(({ id, name, medium, clusters, capacityMiB, mbps, iops, ...rest }) => {
              noneLeft(rest);
              return {
                id,
                ...(name !== id ? { name } : {}),
                medium,
                clusters: [...clusters],
                capacity: sizeText(capacityMiB),
                ...(mbps !== DEFAULT_MBPS[medium] ? { mbps } : {}),
                ...(iops !== iopsOfMbps(mbps) ? { iops } : {}),
              };
            }),
          }
        : {}),
      ...(storageMoves.length ? { storageMoves: storageMoves.map(({ withMigration, ...m }) => ({ ...m, ...(withMigration ? { withMigration } : {}) })) } : {}),
      ...(volumes.length
        ? {
            volumes: volumes.map(({ datastore, host, name, format, capacityMiB, allocatedMiB, carryMiB, attachedTo, ...rest }) => {
              noneLeft(rest);
              return {
                ...(datastore === null ? {} : { datastore }),
                ...(host === null ? {} : { host }),
                name,
                format,
                size: sizeText(capacityMiB),
                ...(format === 'thin' && allocatedMiB > 0 ? { allocated: sizeText(allocatedMiB) } : {}),
                ...(carryMiB > 0 ? { carry: carryMiB } : {}),
                ...(attachedTo === null ? {} : { attachedTo }),
              };
            }),
          }
        : {}),
    }),
  };
}

function copyDurations(d: Durations) {
  const r = (x: readonly [number, number]): [number, number] => [x[0], x[1]];
  return { provision: r(d.provision), boot: r(d.boot), stop: r(d.stop), suspend: r(d.suspend), resume: r(d.resume), deallocate: r(d.deallocate) };
}

/** A host's power as a file gives it: a catalogue model by its name, other readings in full, a linear model unless it is the default. */
function powerToFile(p: HostPower): { power?: { idleW?: number; maxW?: number; table?: number[]; model?: string } } {
  if (isCatalogued(p)) return { power: { model: p.model } };
  if (p.table) return { power: { table: [...p.table], ...(p.model ? { model: p.model } : {}) } };
  return p.idleW !== DEFAULT_POWER.idleW || p.maxW !== DEFAULT_POWER.maxW ? { power: { idleW: p.idleW, maxW: p.maxW } } : {};
}
