// az monitor metrics alert create|list|show|delete: Azure Monitor metric alert
// rules on one VM, judged by the estate's alarm monitor (observe/alarms.ts)
// beside the recommended ones. Sources: azure-cli monitor/operations/
// metric_alert.py create_metric_alert (defaults severity 2, window_size '5m',
// evaluation_frequency '1m'; location 'global'; conditions named cond0, cond1,
// ...), monitor/_actions.py (the --condition grammar "{avg,min,max,total,count}
// [NAMESPACE.]METRIC {=,!=,>,>=,<,<=} THRESHOLD" and its usage error), the ARM
// MetricAlertResource (Microsoft.Insights/metricAlerts 2018-03-01: scopes,
// criteria SingleResourceMultipleMetricCriteria of StaticThresholdCriterion,
// windowSize and evaluationFrequency as ISO 8601 durations, autoMitigate).
// Simulated: one VM a rule, Percentage CPU and Available Memory Bytes, avg, min
// and max, stateful rules (they resolve); not: dynamic thresholds, dimensions,
// action groups, several conditions or resources.

import { type AlarmDefinition, AZURE_METRICS, azureRule } from '../../observe/alarm-definitions.js';
import { simIso } from '../common.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type Args, type Command, RG, str } from './az-command.js';
import { armError, groupNotFound } from './az-errors.js';
import { resourceId, SUBSCRIPTION } from './az-resources.js';
import type { AzureDriver } from './driver.js';

const CONDITION_USAGE = `usage error: --condition {avg,min,max,total,count} [NAMESPACE.]METRIC
                   [{=,!=,>,>=,<,<=} THRESHOLD]
                   [{<,>,><} dynamic SENSITIVITY VIOLATIONS of EVALUATIONS [since DATETIME]]
                   [where DIMENSION {includes,excludes} VALUE [or VALUE ...]
                   [and   DIMENSION {includes,excludes} VALUE [or VALUE ...] ...]]
                   [with skipmetricvalidation]`;

const AGGREGATIONS: Readonly<Record<string, AlarmDefinition['aggregation']>> = { avg: 'Average', min: 'Minimum', max: 'Maximum' };
const OPERATORS: Readonly<Record<string, { above: boolean; inclusive: boolean; name: string }>> = {
  '>': { above: true, inclusive: false, name: 'GreaterThan' },
  '>=': { above: true, inclusive: true, name: 'GreaterThanOrEqual' },
  '<': { above: false, inclusive: false, name: 'LessThan' },
  '<=': { above: false, inclusive: true, name: 'LessThanOrEqual' },
};
/** The metric names as Azure Monitor spells them. */
const METRIC_NAMES: Readonly<Record<string, string>> = { cpu: 'Percentage CPU', 'available-memory': 'Available Memory Bytes' };

/** "5m", "1h", "1h30m", "90s" (the CLI's ##h##m##s) as whole minutes, or undefined. */
export function cliMinutes(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  const seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return seconds > 0 && seconds % 60 === 0 ? seconds / 60 : undefined;
}

/** Minutes as ISO 8601, as ARM returns them: PT5M, PT1H, PT1H30M. */
export function isoMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

const ruleId = (group: string, name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.Insights/metricAlerts/${name}`;
const ruleKey = (group: string, name: string) => `${group.toLowerCase()}/${name}`;

function ruleNotFound(group: string, name: string): ExecResult {
  return armError(
    'ResourceNotFound',
    `The Resource 'Microsoft.Insights/metricAlerts/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    3,
  );
}

/** A rule as ARM returns it (MetricAlertResource, its properties flattened as the CLI prints models). */
function ruleObject(azure: AzureDriver, d: AlarmDefinition): Record<string, unknown> {
  const vm = d.scope === undefined ? undefined : azure.workload(d.scope);
  // The VM's own id, in its own resource group (a rule may live in another).
  const scope = vm ? resourceId(vm) : d.scope;
  const op = Object.values(OPERATORS).find((o) => o.above === d.above && o.inclusive === (d.inclusive ?? false))!;
  return {
    actions: [],
    autoMitigate: true,
    criteria: {
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion',
          dimensions: [],
          metricName: d.metricName,
          metricNamespace: 'Microsoft.Compute/virtualMachines',
          name: 'cond0',
          operator: op.name,
          skipMetricValidation: false,
          threshold: d.warning,
          timeAggregation: d.aggregation ?? 'Average',
        },
      ],
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
    },
    description: d.description,
    enabled: d.enabled,
    evaluationFrequency: isoMinutes(d.everyMinutes),
    id: ruleId(d.resourceGroup ?? '', d.name),
    isMigrated: false,
    lastUpdatedTime: d.updatedAt === undefined ? null : simIso(d.updatedAt),
    location: 'global',
    name: d.name,
    resourceGroup: d.resourceGroup,
    scopes: [scope],
    severity: d.severity,
    tags: {},
    targetResourceRegion: null,
    targetResourceType: null,
    type: 'Microsoft.Insights/metricAlerts',
    windowSize: isoMinutes(d.windowMinutes),
  };
}

/** The VM a --scopes resource ID names, by its workload id, or the error. */
function scopeOf(azure: AzureDriver, id: string): string | ExecResult {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i.exec(id);
  if (!m) return failure(`ERROR: hyperpane: --scopes takes a VM's resource ID (az vm show -g RG -n NAME --query id -o tsv), not "${id}"`, 1);
  const vm = azure.workload(azure.vmId(m[1], m[2]));
  return vm ? vm.id : armError('ResourceNotFound', `The Resource 'Microsoft.Compute/virtualMachines/${m[2]}' under resource group '${m[1]}' was not found.`, 3);
}

const create: Command = {
  args: [
    { ...RG, required: true },
    { dest: 'name', options: ['--name', '-n'], required: true },
    { dest: 'scopes', options: ['--scopes'], kind: 'list', required: true },
    { dest: 'condition', options: ['--condition'], required: true },
    { dest: 'window-size', options: ['--window-size'] },
    { dest: 'evaluation-frequency', options: ['--evaluation-frequency'] },
    { dest: 'severity', options: ['--severity'] },
    { dest: 'description', options: ['--description'] },
    { dest: 'disabled', options: ['--disabled'], choices: ['false', 'true'] },
    { dest: 'auto-mitigate', options: ['--auto-mitigate'], choices: ['false', 'true'] },
  ],
  run: (azure, a) => {
    const group = str(a, 'resource-group')!;
    const name = str(a, 'name')!;
    const monitor = azure.alarms;
    if (!monitor) return failure('ERROR: hyperpane: this estate has no alarm monitor', 1);
    const g = azure.group(group);
    if (!g) return groupNotFound(group);
    const cond = /^(avg|min|max|total|count)\s+(?:([\w.]+\/[\w.]+)\.)?(.+?)\s*(>=|<=|!=|>|<|=)\s*(-?\d+(?:\.\d+)?)$/i.exec((str(a, 'condition') ?? '').trim());
    if (!cond) return failure(`ERROR: ${CONDITION_USAGE}`, 2);
    const aggregation = AGGREGATIONS[cond[1].toLowerCase()];
    const op = OPERATORS[cond[4]];
    const metric = AZURE_METRICS[cond[3].trim().toLowerCase()];
    if (!aggregation || !op || !metric)
      return failure(
        `ERROR: hyperpane: rules on ${Object.values(METRIC_NAMES).join(' and ')} with avg, min or max and >, >=, < or <= are simulated, not "${str(a, 'condition')}"`,
        1,
      );
    const scopes = a.get('scopes');
    const list = Array.isArray(scopes) ? scopes : typeof scopes === 'string' ? [scopes] : [];
    if (list.length !== 1) return failure('ERROR: hyperpane: a rule here watches one VM (--scopes with one resource ID)', 1);
    const scope = scopeOf(azure, list[0]);
    if (typeof scope !== 'string') return scope;
    const window = cliMinutes(str(a, 'window-size') ?? '5m');
    const every = cliMinutes(str(a, 'evaluation-frequency') ?? '1m');
    if (window === undefined || window > 1440)
      return failure(`ERROR: hyperpane: --window-size is whole minutes up to 24h, as "5m" or "1h", not "${str(a, 'window-size')}"`, 1);
    if (every === undefined || every > window)
      return failure(`ERROR: hyperpane: --evaluation-frequency is whole minutes, no longer than the window, not "${str(a, 'evaluation-frequency')}"`, 1);
    const severity = Number(str(a, 'severity') ?? '2');
    if (!Number.isInteger(severity) || severity < 0 || severity > 4)
      return failure(`ERROR: hyperpane: --severity is 0 (critical) to 4 (verbose), not "${str(a, 'severity')}"`, 1);
    if (str(a, 'auto-mitigate') === 'false')
      return failure('ERROR: hyperpane: stateless rules (--auto-mitigate false) are not simulated: rules here resolve', 1);
    const def: AlarmDefinition = {
      ...azureRule({
        key: ruleKey(g.name, name),
        metric,
        metricName: METRIC_NAMES[metric],
        above: op.above,
        threshold: Number(cond[5]),
        severity,
        windowMinutes: window,
        everyMinutes: every,
        description: str(a, 'description') ?? '',
        scope,
        resourceGroup: g.name,
        custom: true,
        enabled: str(a, 'disabled') !== 'true',
      }),
      name,
      aggregation,
      inclusive: op.inclusive,
      updatedAt: azure.sim.now,
    };
    // ARM's PUT replaces a rule of the same name: the monitor's is made again.
    if (monitor.definition(def.key)) monitor.removeRule(def.key);
    const problem = monitor.addRule(def);
    if (problem) return failure(`ERROR: ${problem}`, 1);
    azure.sim.changed();
    return { result: () => ruleObject(azure, def), changed: true };
  },
};

const named: Command['args'] = [
  { ...RG, required: true },
  { dest: 'name', options: ['--name', '-n'], required: true },
];

function found(azure: AzureDriver, a: Args): AlarmDefinition | ExecResult {
  const group = str(a, 'resource-group')!;
  const name = str(a, 'name')!;
  const g = azure.group(group);
  if (!g) return groupNotFound(group);
  const d = azure.alarms?.definition(ruleKey(g.name, name));
  return d?.custom ? d : ruleNotFound(g.name, name);
}

const isRule = (x: AlarmDefinition | ExecResult): x is AlarmDefinition => 'key' in x;

export const METRIC_ALERT: Readonly<Record<string, Command>> = {
  create,
  list: {
    args: [RG],
    run: (azure, a) => {
      const group = str(a, 'resource-group');
      const g = group === undefined ? undefined : azure.group(group);
      if (group !== undefined && !g) return groupNotFound(group);
      const rules = (azure.alarms?.rules() ?? []).filter((d) => !g || d.resourceGroup === g.name);
      return { result: () => rules.map((d) => ruleObject(azure, d)) };
    },
  },
  show: {
    args: named,
    run: (azure, a) => {
      const d = found(azure, a);
      return isRule(d) ? { result: () => ruleObject(azure, d) } : d;
    },
  },
  delete: {
    args: named,
    run: (azure, a) => {
      const d = found(azure, a);
      if (!isRule(d)) return d;
      azure.alarms!.removeRule(d.key);
      azure.sim.changed();
      return { result: () => null, changed: true };
    },
  },
};
