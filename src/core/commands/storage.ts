// Adding a shared datastore: a SAN LUN or NAS share the hosts of some clusters of one site mount.
import { type Datastore, type DatastoreInput, DEFAULT_MBPS, STORAGE_MEDIA } from '../datastores.js';
import { isOneOf } from '../model.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { iopsOfMbps, MAX_IOPS } from '../storage-io.js';
import { badCount, badId, firstOf } from '../validate.js';
import { note } from './note.js';

/** `log`: false when loading an estate, whose log already has the line. */
export function addDatastore(core: Core, input: DatastoreInput, log = true): Result<Datastore> {
  const { topology, datastores } = core;
  const clusters = Array.isArray(input.clusters) ? input.clusters.map((c) => topology.cluster(c)) : [];
  const missing = Array.isArray(input.clusters) ? input.clusters.find((c) => !topology.cluster(c)) : undefined;
  const sites = new Set(clusters.map((c) => c?.siteIndex));
  const name = input.name ?? input.id;
  // vCenter keeps a datastore's name unique in its datacenter; "/" would split govc's inventory paths.
  const site = clusters[0]?.siteIndex;
  const taken = datastores.records.some((d) => d.name === name && topology.clusters[d.clusters[0]].siteIndex === site);
  const problem = firstOf(
    badId('datastore', input.id),
    datastores.indexOf(input.id) === undefined ? undefined : `a datastore named ${input.id} already exists`,
    input.name === undefined ? undefined : badId('datastore name', input.name),
    typeof name === 'string' && name.includes('/') ? `datastore ${input.id}: a name may not contain /` : undefined,
    taken ? `a datastore named ${name} already exists in its site` : undefined,
    isOneOf(STORAGE_MEDIA, input.medium) ? undefined : `datastore ${input.id}: medium must be one of ${STORAGE_MEDIA.join(', ')}`,
    clusters.length === 0 ? `datastore ${input.id}: name the clusters whose hosts mount it` : undefined,
    missing === undefined ? undefined : `datastore ${input.id}: no cluster named ${missing}`,
    sites.size > 1 ? `datastore ${input.id}: its clusters are in different sites` : undefined,
    badCount(`datastore ${input.id} capacity`, input.capacityMiB, { min: 1, integer: true }),
    input.mbps === undefined ? undefined : badCount(`datastore ${input.id} throughput`, input.mbps, { min: 1 }),
    input.iops === undefined ? undefined : badCount(`datastore ${input.id} IOPS`, input.iops, { min: 1, max: MAX_IOPS, integer: true }),
  );
  if (problem) return fail(problem.includes('already') ? 'duplicate-id' : problem.includes('no cluster') ? 'not-found' : 'invalid-input', problem);
  const d = datastores.add({
    id: input.id,
    name,
    medium: input.medium,
    clusters: [...new Set(clusters.map((c) => c!.index))],
    capacityMiB: input.capacityMiB,
    mbps: input.mbps ?? DEFAULT_MBPS[input.medium],
    iops: input.iops ?? iopsOfMbps(input.mbps ?? DEFAULT_MBPS[input.medium]),
  });
  if (log) note(core, 'datastore.added', 'datastore', d.id, `Datastore ${d.name} added, mounted by ${input.clusters.join(', ')}`);
  return ok(d);
}
