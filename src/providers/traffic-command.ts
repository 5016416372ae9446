// `traffic`, hyperpane's own way to see a load balancer at work, which no
// platform's CLI shows (Azure's nearest is the DipAvailability metric, "Health
// Probe Status"): new connections from distinct clients sent to each rule's
// frontend now, and how each backend took them.
//   traffic                      every load balancer, its rules and backends' health
//   traffic web-lb [REQUESTS]    REQUESTS connections (100 unless said) to each rule
import { formatDurationMs } from '../core/duration.js';
import { type Balancer, detectionMs, health, share } from '../network/load-balancer.js';
import { failure, output } from './exec-result.js';
import type { ExecResult } from './provider.js';

export const TRAFFIC_USAGE = 'usage: traffic [LOAD_BALANCER [REQUESTS]]\n  LOAD_BALANCER: its name, or GROUP/NAME; REQUESTS: 1-100000 (100 unless given)';

const MAX_REQUESTS = 100_000;

/** A check's interval: ms below a second (HAProxy's inter may be 500ms). */
const every = (s: number) => (s < 1 ? `${Math.round(s * 1000)}ms` : formatDurationMs(s * 1000));

const ruleLine = (lb: Balancer, r: Balancer['rules'][number]) => {
  const service = r.protocol === 'All' ? `all/${r.frontendPort}` : `${r.protocol.toLowerCase()}/${r.frontendPort}`;
  const probe = r.probe
    ? `probe ${r.probe.name} (${r.probe.protocol.toLowerCase()}/${r.probe.port} every ${every(r.probe.intervalS)}; ` +
      `out after ${r.probe.threshold} failed, ${formatDurationMs(detectionMs(r.probe))})`
    : `no probe (${r.removal ?? 'a backend is never taken out'})`;
  return `${lb.label} (${lb.id}) ${lb.frontendIp}, rule ${r.name}: ${service} -> pool ${r.pool} port ${r.backendPort}, ${probe}`;
};

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function trafficCommand(balancers: () => readonly Balancer[], now: () => number, words: readonly string[]): ExecResult {
  const args = words.slice(1);
  if (args[0] === '--help' || args[0] === '-h') return output(TRAFFIC_USAGE);
  if (args.length > 2) return failure(`traffic: too many arguments\n${TRAFFIC_USAGE}`, 2);
  const all = balancers();
  if (args.length === 0) {
    if (all.length === 0) return output('traffic: the estate has no load balancer (az network lb create makes one)');
    const lines: string[] = [];
    for (const lb of all) {
      if (lb.rules.length === 0) lines.push(`${lb.label} (${lb.id}) ${lb.frontendIp}: no load-balancing rule yet`);
      for (const r of lb.rules) {
        lines.push(ruleLine(lb, r));
        for (const m of r.members) {
          const h = health(m, r, now());
          lines.push(`  ${m.nic.workloadName} ${m.nic.ip || '-'}: ${h.state}${h.state === 'healthy' ? '' : ` (${h.why})`}`);
        }
        if (r.members.length === 0) lines.push('  (its pool has no backends)');
      }
    }
    return output(lines.join('\n'));
  }
  const name = args[0]!;
  const found = all.filter((b) => b.id.toLowerCase() === name.toLowerCase() || b.id.split('/').pop()!.toLowerCase() === name.toLowerCase());
  if (found.length === 0) return failure(`traffic: no load balancer ${name}${all.length ? ` (there are ${all.map((b) => b.id).join(', ')})` : ''}`, 1);
  if (found.length > 1) return failure(`traffic: ${name} names ${found.length} load balancers (${found.map((b) => b.id).join(', ')}); give GROUP/NAME`, 1);
  const text = args[1] ?? '100';
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_REQUESTS)
    return failure(`traffic: '${text}' is not a number of requests (1-${MAX_REQUESTS})`, 2);
  const requests = Number(text);
  const lb = found[0]!;
  if (lb.rules.length === 0) return failure(`traffic: ${lb.label} has no load-balancing rule: nothing listens on its frontend`, 1);
  const out: string[] = [];
  let failed = 0;
  // A frontend nothing can reach answers no one, whatever its backends' health.
  if (lb.unreachable !== undefined) {
    for (const r of lb.rules) out.push(ruleLine(lb, r), `  ${requests} requests: 0 answered, ${requests} failed (${lb.unreachable})`);
    return { exitCode: 1, stdout: `${out.join('\n')}\n`, stderr: '', changed: false };
  }
  for (const r of lb.rules) {
    const { shares, unserved } = share(r, requests, now());
    out.push(ruleLine(lb, r));
    const rows = [['BACKEND', 'ADDRESS', 'HEALTH', 'REQUESTS', 'ERRORS', 'WHY']];
    for (const s of shares) {
      const h = s.health;
      const why =
        h.state === 'healthy'
          ? (s.refused ?? '')
          : h.state === 'failing' && Number.isFinite(h.outAt)
            ? `${h.why}; out in ${formatDurationMs(h.outAt - now())}`
            : h.why;
      const at = s.member.port !== undefined && s.member.port !== r.backendPort ? `:${s.member.port}` : '';
      rows.push([s.member.nic.workloadName, s.member.nic.ip ? `${s.member.nic.ip}${at}` : '-', h.state, String(s.requests), String(s.errors), why]);
    }
    out.push(...columns(rows).map((l) => `  ${l}`));
    const errors = shares.reduce((a, s) => a + s.errors, 0) + unserved;
    failed += errors;
    const note = `${unserved ? ` (${unserved} with no backend in rotation)` : ''}${r.members.length === 0 ? '; its pool has no backends' : ''}`;
    out.push(`  ${requests} requests: ${requests - errors} answered, ${errors} failed${note}`);
  }
  // As curl does, the exit status says whether every request got its answer.
  return { exitCode: failed > 0 ? 1 : 0, stdout: `${out.join('\n')}\n`, stderr: '', changed: false };
}
