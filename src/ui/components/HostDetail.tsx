// A host in full: capacity after reservations and ratios against what is
// allocated, live sparklines, what runs on it, and its recent events.
import { Table as InkTable } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { HostRow } from '../../core/host-row.js';
import { HYPERVISOR_LABEL } from '../../core/model.js';
import { minFreeMiB } from '../../core/platform-policy.js';
import { CPU, DISK, formatAmount, formatMiB, MEM } from '../../core/units.js';
import type { Estate } from '../../estate/estate.js';
import { stateTone } from '../panes/tones.js';
import { color, useTheme } from '../theme.js';
import { RecentEvents } from './RecentEvents.js';
import { Field, Section } from './Section.js';
import { Sparkline } from './Sparkline.js';

const MAX_GUESTS = 12;

export function HostDetail({ estate, id, width }: { estate: Estate; id: string; width: number }) {
  const theme = useTheme();
  const sim = estate.sim;
  const v = sim.host(id);
  if (!v) return <Text color={color(theme, 'text.secondary')}>{id} no longer exists (esc goes back)</Text>;
  const r = sim.hostRow(id)!;
  const physical = [r.cores * 1000, r.memoryMiB, r.storageMiB];
  const capacity = [
    ['CPU', CPU],
    ['Memory', MEM],
    ['Disk', DISK],
  ].map(([name, res]) => {
    const k = res as number;
    const cap = r.capacity(k);
    const used = r.used(k);
    return {
      resource: name as string,
      total: formatAmount(k, physical[k]),
      reserved: formatAmount(k, r.reserved[k]),
      ratio: r.ratios[k] === Infinity ? 'no limit' : `${r.ratios[k]}x`,
      capacity: cap === Infinity ? 'no limit' : formatAmount(k, cap),
      allocated: formatAmount(k, used),
    };
  });
  const guests: string[] = [];
  const g = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount && guests.length <= MAX_GUESTS; w++)
    if (g.at(w).hostIndex === r.index && g.state !== 'deleted') guests.push(`${g.name} (${g.state})`);
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={color(theme, 'text.primary')}>
          {v.id}
        </Text>
        <Text color={color(theme, 'text.secondary')}> {HYPERVISOR_LABEL[v.platform]} host </Text>
        <Text color={color(theme, stateTone(v.state))}>{v.state}</Text>
      </Text>
      <Section title={`Last ${r.historySamples} s`}>
        <Sparkline label="CPU" values={r.history('cpu')} width={width} token="chart.cpu" />
        <Sparkline label="Memory" values={r.history('memory')} width={width} token="chart.memory" />
        <Sparkline label="CPU ready" values={r.history('ready')} width={width} token="severity.warn" />
        <Sparkline label="Pressure" values={r.history('pressure')} width={width} token="severity.critical" />
      </Section>
      <MemoryState estate={estate} host={r} />
      <Section title="Hardware">
        <Field name="Cluster" value={`${v.cluster} in ${v.site}`} />
        <Field name="Cores" value={String(v.cores)} />
        <Field name="NIC" value={`${v.nicMbps / 1000} Gbit/s`} />
        <Field name="Power" value={`${Math.round(v.powerW)} W`} />
        {v.backingWorkload ? <Field name="Runs inside" value={`VM ${v.backingWorkload}`} /> : null}
      </Section>
      <Section title="Capacity = (total - reserved) x ratio">
        <Box flexShrink={0}>
          <InkTable data={capacity} />
        </Box>
      </Section>
      <Section title={`Workloads (${v.workloads} with claims here)`}>
        {guests.length === 0 ? <Text color={color(theme, 'text.secondary')}>none</Text> : null}
        {guests.slice(0, MAX_GUESTS).map((g) => (
          <Text key={g} wrap="truncate">
            {g}
          </Text>
        ))}
        {guests.length > MAX_GUESTS ? <Text color={color(theme, 'text.secondary')}>… and more (filter the VMs pane with host:{v.id})</Text> : null}
      </Section>
      <RecentEvents entries={sim.log.forSubject(id, 8)} />
    </>
  );
}

/** How the host's memory stands, in its platform's terms: vSphere's minFree states, page sharing (TPS, KSM). */
function MemoryState({ estate, host: r }: { estate: Estate; host: HostRow }) {
  const policy = estate.sim.policy(r.platform);
  const shared = r.sharedMiB;
  if (!policy.reclamation && !policy.pageSharing) return null;
  const ladder = policy.reclamation;
  const rung = ladder ? (ladder.states[r.memState] ?? ladder.states[0]) : undefined;
  const technique = rung && rung.technique !== 'none' ? ` (${rung.technique})` : '';
  const floor = ladder ? `${ladder.minFree.kind === 'linux' ? 'min watermark' : 'minFree'} ${formatMiB(minFreeMiB(ladder, r.memoryMiB))}` : '';
  const physMiB = r.physMemMiB;
  const swappedMiB = r.swappedMiB;
  const held = `${formatMiB(Math.min(r.memHeldMiB, physMiB))} of ${formatMiB(physMiB)}${swappedMiB > 0 ? `, ${formatMiB(swappedMiB)} more in swap` : ''}`;
  return (
    <Section title="Memory">
      {ladder && rung ? <Field name="Memory state" value={`${rung.name}${technique}, ${floor}`} /> : null}
      {ladder ? <Field name="Held by guests" value={held} /> : null}
      {ladder ? <Field name="Reclaimed" value={formatMiB(r.reclaimedMiB)} /> : null}
      {policy.pageSharing ? <Field name="Shared pages" value={formatMiB(shared)} /> : null}
    </Section>
  );
}
