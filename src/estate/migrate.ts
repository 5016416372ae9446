// Older estate files brought up to the current format before they are checked.
// Each step takes the JSON of one version to the next; a file of a version no
// hyperpane wrote, or of a newer one, is refused with a sentence that says so.
//
// Version 1 kept host metrics in a top-level list matched to hosts by position,
// so a hand edit that removed or reordered a host moved every later host's
// figures onto the wrong host. Version 2 keeps them on the host, by name.
//
// Version 2 wrote every host's overcommit ratios out, the defaults of the day
// included (ESXi cpu 4 / memory 1.5, KVM OpenStack Nova's cpu 4 / memory 1), which
// would pin a host to admission limits its platform does not have. Version 3
// writes only ratios of a host's own; from version 2, ratios equal to those
// defaults are dropped, so the host follows its platform's (and cluster's) rule.

import { HOST_METRICS } from '../core/dump-types.js';
import { fail, ok, type Result } from '../core/result.js';

type Json = Record<string, unknown>;
type Step = (data: Json) => Result<Json>;

/** The key a host's metric has in a version-2 file: hostCpuPct → cpuPct. */
export const HOST_METRIC_KEYS = HOST_METRICS.map((k) => k.slice(4, 5).toLowerCase() + k.slice(5)) as readonly string[];

/** The ratios hyperpane wrote into version-2 files when a host had none of its own. */
const V2_DEFAULT_RATIOS: Record<string, Record<string, number>> = {
  vmware: { cpu: 4, memory: 1.5, storage: 1 },
  hyperv: { cpu: 4, memory: 1, storage: 1 },
  kvm: { cpu: 4, memory: 1, storage: 1 },
  docker: { cpu: 1, memory: 1, storage: 1 },
  azure: { cpu: 1, memory: 1, storage: 1 },
};

const STEPS: Record<number, Step> = {
  1: (data) => {
    const { hostMetrics, ...rest } = data;
    if (hostMetrics === undefined) return ok({ ...rest, version: 2 });
    if (!Array.isArray(hostMetrics))
      return fail('invalid-input', `hostMetrics: expected a list of per-host figures (format version 1), got ${typeof hostMetrics}`);
    if (!Array.isArray(data.hosts)) return ok({ ...rest, version: 2 }); // the schema says what is wrong with hosts
    const hosts = [...(data.hosts as unknown[])];
    for (let i = 0; i < hostMetrics.length; i++) {
      const row: unknown = hostMetrics[i];
      if (!Array.isArray(row) || row.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
        return fail('invalid-input', `hostMetrics[${i}]: expected a list of numbers (format version 1)`);
      if (i >= hosts.length)
        return fail('invalid-input', `hostMetrics[${i}]: there is no hosts[${i}] (format version 1 matches host metrics to hosts by position)`);
      const host = hosts[i];
      if (typeof host !== 'object' || host === null || Array.isArray(host)) continue;
      hosts[i] = { ...host, metrics: Object.fromEntries(HOST_METRIC_KEYS.map((k, j) => [k, (row as number[])[j] ?? 0])) };
    }
    return ok({ ...rest, version: 2, hosts });
  },
  2: (data) => {
    if (!Array.isArray(data.hosts) || !Array.isArray(data.clusters)) return ok({ ...data, version: 3 }); // the schema says what is wrong
    const platformOf = new Map<unknown, unknown>();
    for (const c of data.clusters as unknown[]) if (isObject(c)) platformOf.set(c.id, c.platform);
    const hosts = (data.hosts as unknown[]).map((h) => {
      if (!isObject(h) || !isObject(h.ratios)) return h;
      const defaults = V2_DEFAULT_RATIOS[String(platformOf.get(h.cluster))];
      if (!defaults) return h;
      const own = Object.fromEntries(Object.entries(h.ratios).filter(([k, v]) => defaults[k] !== v));
      const { ratios: _dropped, ...rest } = h;
      return Object.keys(own).length > 0 ? { ...rest, ratios: own } : rest;
    });
    return ok({ ...data, version: 3, hosts });
  },
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The file's JSON in the current format, and the version it was written in. */
export function migrate(data: Json, current: number): Result<{ data: Json; from: number }> {
  const from = data.version;
  if (typeof from !== 'number' || !Number.isInteger(from))
    return fail('invalid-input', `version: expected a whole number (this hyperpane reads versions 1 to ${current}), got ${JSON.stringify(from)}`);
  if (from > current)
    return fail(
      'unsupported',
      `this estate file is format version ${from}, written by a newer hyperpane; this one reads versions 1 to ${current}. Upgrade hyperpane to open it.`,
    );
  if (from < 1) return fail('invalid-input', `version: no hyperpane wrote format version ${from}; this one reads versions 1 to ${current}`);
  let out = data;
  for (let v = from; v < current; v++) {
    const step = STEPS[v];
    if (!step) return fail('unsupported', `format version ${v} cannot be brought up to ${current}`);
    const r = step(out);
    if (!r.ok) return r;
    out = r.value;
  }
  return ok({ data: out, from });
}
