// A workload in full: its spec in its platform's words, where it runs, live
// sparklines of CPU and memory, its snapshots and its recent events.

import { Table as InkTable } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { DiskView } from '../../core/datastores.js';
import type { Snapshot } from '../../core/snapshots.js';
import type { DiskIo } from '../../core/storage-io.js';
import { formatMiB } from '../../core/units.js';
import type { VolumeView } from '../../core/volumes.js';
import type { Estate } from '../../estate/estate.js';
import { age, simClock, simTime } from '../format.js';
import { PROVIDER_LABEL } from '../panes/labels.js';
import { stateTone } from '../panes/tones.js';
import { bar, fraction, progressText } from '../progress.js';
import { color, useTheme } from '../theme.js';
import { RecentEvents } from './RecentEvents.js';
import { Field, Section } from './Section.js';
import { Sparkline } from './Sparkline.js';

export function WorkloadDetail({ estate, id, width }: { estate: Estate; id: string; width: number }) {
  const theme = useTheme();
  const sim = estate.sim;
  const v = sim.workload(id);
  if (!v || v.state === 'deleted') return <Text color={color(theme, 'text.secondary')}>{id} no longer exists (esc goes back)</Text>;
  const provider = estate.providers.get(v.platform);
  const pw = provider.workload(id);
  const row = sim.workloadRow(id)!;
  const host = row.hostIndex >= 0 ? sim.hostRow(row.hostIndex) : undefined;
  const tree = row.snapshots;
  const term = provider.terms.workload;
  const ops = sim.operations().filter((op) => op.subject === id);
  // As a tree, the way vSphere's snapshot manager draws it: children under their parent, * where it runs from.
  const snapshots = treeOrder(tree.list).map(([s, depth]) => ({
    name: `${tree.current === s.name ? '* ' : ''}${depth > 0 ? `${'  '.repeat(depth - 1)}└ ` : ''}${s.name}`,
    taken: simTime(s.createdAt),
    power: s.power,
    memory: s.withMemory ? 'yes' : 'no',
    size: formatMiB(s.sizeMiB + s.deltaMiB),
  }));
  const overheadOf =
    v.kind === 'container'
      ? 'a process on the host kernel'
      : v.kind === 'vm'
        ? 'hypervisor, virtual devices'
        : "the cloud's hypervisor runs outside the VM's size";
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={color(theme, 'text.primary')}>
          {v.name}
        </Text>
        <Text color={color(theme, 'text.secondary')}>
          {' '}
          {PROVIDER_LABEL[v.platform]} {term}{' '}
        </Text>
        <Text color={color(theme, stateTone(v.state))}>{pw?.nativeState ?? v.state}</Text>
      </Text>
      {ops.length > 0 ? (
        <Section title="Under way">
          {ops.map((op) => (
            <Text key={op.title} wrap="truncate">
              <Text color={color(theme, 'text.secondary')}>{op.title.padEnd(28)}</Text>
              <Text color={color(theme, 'chart.cpu')}>{bar(fraction(op, sim.now), 16)}</Text>
              <Text color={color(theme, 'text.primary')}> {progressText(op, sim.now)}</Text>
            </Text>
          ))}
        </Section>
      ) : null}
      <Section title={`Last ${row.historySamples} s`}>
        <Sparkline label="CPU" values={row.history('cpu')} width={width} token="chart.cpu" />
        <Sparkline label="Memory" values={row.history('memory')} width={width} token="chart.memory" />
      </Section>
      <Section title="Spec">
        <Field name="State" value={`${v.state}${v.target ? ` → ${v.target}` : ''} for ${age(sim.now - v.sinceMs)}`} tone={stateTone(v.state)} />
        <Field name="vCPU" value={String(v.cpuMilli / 1000)} />
        <Field name="Memory" value={formatMiB(v.memoryMiB)} />
        <Field name="Disk" value={diskText(v.diskMiB, sim.diskOn(v.id), host?.id)} />
        {sim.dataDisks(v.id).map((d, i) => (
          <Field key={`${d.datastore ?? d.host}/${d.name}`} name={i === 0 ? 'Data disks' : ''} value={dataDiskText(d)} />
        ))}
        <Field name="Image" value={v.image} />
        <Field name="Uptime" value={age(v.uptimeMs)} />
        <Field name="Overhead" value={`${Math.round(row.overhead * 100)}% CPU and memory on top of the guest (${overheadOf})`} />
        {Object.entries(pw?.details ?? {}).map(([k, value]) => (
          <Field key={k} name={k} value={value} />
        ))}
      </Section>
      <Section title="Placement">
        <Field name={provider.terms.host[0].toUpperCase() + provider.terms.host.slice(1)} value={host?.id ?? '(none)'} />
        {host ? <Field name="Cluster" value={`${host.cluster} in ${host.site}`} /> : null}
        {pw?.group && provider.terms.group !== 'cluster' ? (
          <Field name={provider.terms.group[0].toUpperCase() + provider.terms.group.slice(1)} value={pw.group} />
        ) : null}
        {host ? <Field name="Host load" value={`CPU ${Math.round(host.cpuPct)}%, memory ${Math.round(host.memoryPct)}%`} /> : null}
        {v.kind === 'vm' && v.diskMiB > 0 && host ? <Field name="Disk I/O" value={ioText(sim.diskIo(v.id))} /> : null}
      </Section>
      {provider.supported.includes('snapshot') || tree.list.length > 0 ? (
        <Section title={`${provider.terms.snapshots[0].toUpperCase()}${provider.terms.snapshots.slice(1)} (${tree.list.length})`}>
          {snapshots.length === 0 ? (
            <Text color={color(theme, 'text.secondary')}>none (t takes one)</Text>
          ) : (
            <Box flexShrink={0}>
              <InkTable data={snapshots} />
            </Box>
          )}
          {tree.list.length > 0 ? (
            <Field name="Since the last" value={`${formatMiB(tree.runningMiB)} written to the running delta (a revert discards it)`} />
          ) : null}
        </Section>
      ) : null}
      <Protection estate={estate} id={id} />
      <RecentEvents entries={sim.log.forSubject(id, 8)} />
    </>
  );
}

/** Backups and replication: how this workload would come back. */
function Protection({ estate, id }: { estate: Estate; id: string }) {
  const sim = estate.sim;
  const points = sim.restorePoints(id);
  const job = sim.backupJobOf(id);
  const v = sim.workload(id);
  if (v?.kind !== 'vm') return null;
  const replicaId = `${id}-replica`;
  const replica = sim.workload(replicaId);
  const replicaOf = v.attrs.replicaOf;
  const host = v.host ? sim.hostRow(v.host) : undefined;
  const ago = (t: number) => (t >= 0 ? `${simClock(t)} (${age(sim.now - t)} ago)` : 'none yet: seeding');
  return (
    <Section title="Protection">
      {host?.haRestart ? (
        <Field name="HA restart" value={`priority ${String(v.attrs.haPriority ?? 'medium')} (govc cluster.override.change -vm ${id} -ha-restart-priority …)`} />
      ) : null}
      <Field
        name="Backups"
        value={
          points.length
            ? `${points.length} restore point${points.length === 1 ? '' : 's'}, the latest ${points[points.length - 1].id} of ${ago(points[points.length - 1].takenAt)}`
            : 'none (B backs it up)'
        }
      />
      {job ? <Field name="Backing up" value={`to ${job.target}, done ${simClock(job.endsAt)}`} /> : null}
      {replica && replica.attrs.replicaOf === id ? (
        <Field
          name="Replica"
          value={`${replicaId} on ${replica.host ?? '?'}, every ${age(Number(replica.attrs.replicaRpoMs))}; recovery point ${ago(Number(replica.attrs.replicaSyncedAt))}`}
        />
      ) : null}
      {typeof replicaOf === 'string' ? <Field name="Replica of" value={`${replicaOf}; recovery point ${ago(Number(v.attrs.replicaSyncedAt))}`} /> : null}
    </Section>
  );
}

/** Snapshots depth first from the roots, each with its depth. */
function treeOrder(list: readonly Snapshot[]): [Snapshot, number][] {
  const out: [Snapshot, number][] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const s of list) {
      if (s.parent !== parent) continue;
      out.push([s, depth]);
      walk(s.name, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** A data disk: its file, size and format, and where it is. */
function dataDiskText(d: VolumeView): string {
  const written = d.format === 'thin' ? ` (${formatMiB(d.usedMiB)} written)` : '';
  const io = d.stunned ? ': paused, no space to grow' : d.io && d.io.iops > 0 ? `, ${d.io.iops} IOPS at ${d.io.latencyMs.toFixed(1)} ms` : '';
  const where = d.datastoreName ? `datastore ${d.datastoreName}` : `${d.host}'s own storage`;
  return `${d.name}: ${formatMiB(d.capacityMiB)} ${d.format === 'eager' ? 'thick eager-zeroed' : d.format}${written} on ${where}${io}`;
}

/** What a VM's disk did in the last tick: IOPS served of asked, throughput, latency, its own limit. */
function ioText(io: DiskIo | undefined): string {
  if (!io || (io.demandIops === 0 && io.limitIops === undefined)) return 'idle';
  const short = io.iops < io.demandIops ? ` of ${io.demandIops} asked` : '';
  const limit = io.limitIops === undefined ? '' : `, limited to ${io.limitIops} IOPS`;
  return `${io.iops} IOPS${short}, ${io.mbps.toFixed(1)} MiB/s, ${io.latencyMs.toFixed(1)} ms${limit}`;
}

/** A VM's disk and where it is: "500 GiB thin on prod-lun01 (366 GiB written)", or on its host's own storage. */
function diskText(diskMiB: number, disk: DiskView | undefined, host: string | undefined): string {
  if (!disk) return `${formatMiB(diskMiB)}${host ? ` on ${host}'s own storage` : ''}`;
  const format = disk.format === 'eager' ? 'thick eager-zeroed' : disk.format;
  const written = disk.format === 'thin' ? ` (${formatMiB(disk.usedMiB)} allocated)` : '';
  const moving = disk.movingTo ? `, moving to ${disk.movingTo}` : '';
  const stunned = disk.stunned ? ': paused, no space to grow' : '';
  return `${formatMiB(diskMiB)} ${format} on datastore ${disk.datastoreName}${written}${moving}${stunned}`;
}
