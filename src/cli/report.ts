// `hyperpane report posture|capacity|rightsize|power|consolidation`: the
// estate's security posture or its planning figures, for scripts and documents;
// each prints what the console's prompt command of the same name prints
// (posture, capacity, rightsize, power, consolidate CLUSTER).
import { parseDurationMs } from '../core/duration.js';
import { quoteWord } from '../providers/cli/quote.js';
import { estateFromFlags } from './estate-flags.js';
import { readArgs, usageError, writeErr, writeOut } from './io.js';

const REPORTS = ['posture', 'capacity', 'rightsize', 'power', 'consolidation'] as const;

export const REPORT_HELP = `
  Usage
    $ hyperpane report posture|capacity|rightsize|power|consolidation [options]

  posture        the secure score (each control's points won over those
                 possible, as Microsoft Defender for Cloud scores it) and each
                 finding with the commands that fix it
  capacity       each cluster: usable capacity (less the HA reserve), demand and
                 its trend, when demand reaches usable capacity (conservative and
                 aggressive forecasts), how many more VMs of --size fit
  rightsize      each workload: P95 of its demand x 1.3 (Azure Migrate), with its
                 working and a confidence; idle ones by Azure Advisor's rule
  power          each site: watts, PUE, kWh a day and a month, their cost; the
                 cloud's bill beside them
  consolidation  a plan for --cluster, or for the servers of --inventory: the
                 fewest hosts within --target percent, the hosts freed, the
                 watts and money saved and the moves

  Options
    --estate FILE   the estate to report on (the built-in estate otherwise)
    --seed N        seed of the built-in estate (default 1)
    --as USER       report as USER (posture: only an administrator may read it)
    --run D         let the estate run D of simulated time first (1h, 30m, 2d):
                    demand history, trends and right-sizing need some
    --format F      text (default), md, csv or json (not for posture)
    --size S        capacity: the VM size to fit, vCPUs x memory (default 2x4GiB)
    --cluster C     consolidation: the cluster to plan for
    --inventory F   consolidation: plan for the physical servers of CSV file F
                    (columns name,cores,memory,cpu,mem[,idle_w,max_w]; cpu and
                    mem are measured utilisation, percent)
    --target P      consolidation: the highest utilisation a host may reach (default 75)
    --help          print this help
`;

export async function reportCommand(args: string[]): Promise<number> {
  const parsed = readArgs(args, {
    estate: { type: 'string' },
    seed: { type: 'string' },
    as: { type: 'string' },
    run: { type: 'string' },
    format: { type: 'string' },
    size: { type: 'string' },
    cluster: { type: 'string' },
    inventory: { type: 'string' },
    target: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (typeof parsed === 'string') return usageError('report', parsed);
  const { values, positionals } = parsed;
  if (values.help) {
    writeOut(REPORT_HELP.slice(1));
    return 0;
  }
  const report = positionals[0];
  if (positionals.length !== 1 || !(REPORTS as readonly string[]).includes(report))
    return usageError(
      'report',
      positionals.length === 0
        ? `say which report: hyperpane report ${REPORTS.join('|')}`
        : positionals.length > 1
          ? `one report at a time, not "${positionals.join(' ')}"`
          : `no report "${report}" (there are: ${REPORTS.join(', ')})`,
    );
  const runMs = values.run === undefined ? 0 : parseDurationMs(values.run);
  if (runMs === undefined || runMs < 0) return usageError('report', `--run takes a duration such as 1h or 30m, not "${values.run}"`);
  if (report === 'posture' && values.format !== undefined) return usageError('report', 'posture prints text only: leave out --format');
  if (values.size !== undefined && report !== 'capacity') return usageError('report', '--size is for the capacity report');
  if ((values.cluster !== undefined || values.target !== undefined || values.inventory !== undefined) && report !== 'consolidation')
    return usageError('report', '--cluster, --inventory and --target are for the consolidation report');
  if (report === 'consolidation' && values.cluster === undefined && values.inventory === undefined)
    return usageError('report', 'say which cluster (--cluster C), or give an inventory of servers (--inventory FILE.csv)');
  if (values.cluster !== undefined && values.inventory !== undefined) return usageError('report', 'a --cluster or an --inventory, not both');
  const opened = estateFromFlags('report', values);
  if ('code' in opened) return opened.code;
  const { estate } = opened;
  if (runMs > 0) estate.sim.advance(runMs);
  const flag = (name: string, v: string | undefined) => (v === undefined ? [] : [name, v]);
  const format = flag('--format', values.format);
  // The same lines the console's prompt answers, with their refusals (posture: an administrator's).
  const words =
    report === 'posture'
      ? ['posture']
      : report === 'consolidation'
        ? [
            ...(values.inventory !== undefined ? ['consolidate', '--inventory', values.inventory] : ['consolidate', values.cluster!]),
            ...flag('--target', values.target),
            ...format,
          ]
        : [report, ...flag('--size', values.size), ...format];
  const r = estate.providers.exec(words.map(quoteWord).join(' '));
  if (r.exitCode !== 0) {
    writeErr(r.stderr.replace(/^[a-z]+: /, 'hyperpane report: '));
    return r.exitCode === 2 ? 2 : 1;
  }
  writeOut(r.stdout);
  return 0;
}
