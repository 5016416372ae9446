// The alarm definitions the estate watches with, as the platforms ship them:
// vCenter's default metric alarms on hosts, VMs and datastores, and Azure
// Monitor's recommended alert rules on cloud VMs. A definition says what it
// measures, on what, against which thresholds, for how long, and how often.

/** Whose alarm it is: vCenter's (green, yellow, red) or Azure Monitor's (severity 0 to 4, fired and resolved). */
export type AlarmFamily = 'vsphere' | 'azure';
/** What it watches: physical hosts, on-premises VMs, datastores, or the cloud's VMs. */
export type AlarmTarget = 'host' | 'vm' | 'datastore' | 'cloud-vm';
/** What it measures: CPU or memory use (percent), datastore use (percent), or a cloud VM's free memory (bytes). */
export type AlarmMetric = 'cpu' | 'memory' | 'disk' | 'available-memory' | 'connection';
/** How bad: vCenter's yellow (Warning) and red (Alert); an Azure alert's severity maps onto the same two. */
export type AlarmLevel = 'warning' | 'critical';

export interface AlarmDefinition {
  /** vCenter's system name (alarm.HostCPUUsageAlarm), or the Azure rule's name. */
  readonly key: string;
  /** The name people read: "Host CPU usage", "Percentage CPU". */
  readonly name: string;
  readonly family: AlarmFamily;
  readonly target: AlarmTarget;
  readonly metric: AlarmMetric;
  /** The metric as the platform names it in the condition: "CPU Usage", "Percentage CPU". */
  readonly metricName: string;
  /** True: the value above a threshold is the problem (isAbove, GreaterThan); false: below (LessThan). */
  readonly above: boolean;
  /** vCenter: yellow's threshold; Azure: the rule's one threshold. */
  readonly warning?: number;
  /** vCenter: red's threshold. */
  readonly critical?: number;
  /** Azure: the rule's severity, 0 (critical) to 4 (verbose). */
  readonly severity?: number;
  /** vCenter: how long the condition must hold before the state changes; Azure: the window the average is taken over. */
  readonly windowMinutes: number;
  /** How often it is evaluated (vCenter reads every minute here; Azure's evaluation frequency). */
  readonly everyMinutes: number;
  readonly description: string;
  readonly enabled: boolean;
  /** Azure: the VM the rule watches (by name), or every cloud VM when left out (the recommended rules). */
  readonly scope?: string;
  /** Azure: the rule's resource group. */
  readonly resourceGroup?: string;
  /** Made by a user (az monitor metrics alert create), so saved with the estate and removable. */
  readonly custom?: boolean;
  /** Azure: how the window's minutes are aggregated (Average unless a rule says Minimum or Maximum). */
  readonly aggregation?: 'Average' | 'Minimum' | 'Maximum';
  /** Azure: the threshold itself meets the condition (GreaterThanOrEqual, LessThanOrEqual). */
  readonly inclusive?: boolean;
  /** A user's rule: when it was made or last changed. */
  readonly updatedAt?: number;
}

/**
 * vCenter's default alarms: Host CPU usage and Host memory usage, Virtual
 * machine CPU usage and memory usage at yellow above 75% and red above 90%, and
 * Datastore usage on disk at 75% and 85%. Sources: the vCenter alarm-action
 * environment of a real Host CPU usage alarm ("[Yellow metric Is above 75%; Red
 * metric Is above 90%]", alarm.HostCPUUsageAlarm); the VMware vSphere 5 study
 * notes of the default alarms (mwpreston.net, VCP-5 objective 7.2), which also
 * give the VMs' 5-minute condition and the datastore's 75/85; vim.alarm.
 * MetricAlarmExpression (redInterval/yellowInterval: "Time interval in seconds
 * for which the red condition must be true"). No VMware page found gives the
 * hosts' interval: they take the VMs' 5 minutes, vSphere's default reporting
 * frequency ("By default, the trigger frequency for the default VMware alarms
 * is set to 5 minutes", vSphere 4.1 Datacenter Administration Guide).
 * VM memory usage is active memory over configured memory (vSphere 4.0 guide).
 */
export const VSPHERE_ALARMS: readonly AlarmDefinition[] = [
  vsphere('alarm.HostCPUUsageAlarm', 'Host CPU usage', 'host', 'cpu', 'CPU Usage', 75, 90, 5, 'Default alarm to monitor host CPU usage'),
  vsphere('alarm.HostMemoryUsageAlarm', 'Host memory usage', 'host', 'memory', 'Memory Usage', 75, 90, 5, 'Default alarm to monitor host memory usage'),
  vsphere('alarm.VmCPUUsageAlarm', 'Virtual machine CPU usage', 'vm', 'cpu', 'CPU Usage', 75, 90, 5, 'Default alarm to monitor virtual machine CPU usage'),
  vsphere(
    'alarm.VmMemoryUsageAlarm',
    'Virtual machine memory usage',
    'vm',
    'memory',
    'Memory Usage',
    75,
    90,
    5,
    'Default alarm to monitor virtual machine memory usage',
  ),
  // A state alarm: red while the host does not respond (its value is 1 then, else 0), as vCenter's turns red on a host
  // whose connection state is notResponding (Zabbix's vSphere template lists it, "alarm.HostConnectionStateAlarm").
  {
    ...vsphere(
      'alarm.HostConnectionStateAlarm',
      'Host connection and power state',
      'host',
      'connection',
      'Connection',
      0,
      0,
      0,
      'Default alarm to monitor host connection and power state',
    ),
    warning: undefined,
  },
  // A datastore's use changes when disks do, not with load: it is judged as it is, with no interval.
  vsphere(
    'alarm.DatastoreDiskUsageAlarm',
    'Datastore usage on disk',
    'datastore',
    'disk',
    'Disk Usage',
    75,
    85,
    0,
    'Default alarm to monitor datastore disk usage',
  ),
];

function vsphere(
  key: string,
  name: string,
  target: AlarmTarget,
  metric: AlarmMetric,
  metricName: string,
  warning: number,
  critical: number,
  windowMinutes: number,
  description: string,
): AlarmDefinition {
  return {
    key,
    name,
    family: 'vsphere',
    target,
    metric,
    metricName,
    above: true,
    warning,
    critical,
    windowMinutes,
    everyMinutes: 1,
    description,
    enabled: true,
  };
}

/** A GiB as Azure's metrics count bytes (Available Memory Bytes' threshold is 1,000,000,000). */
export const AZURE_GB = 1_000_000_000;

/**
 * Azure Monitor's recommended alert rules for a VM that hyperpane's model can
 * measure, as Microsoft's Azure Monitor Baseline Alerts give them
 * (Azure/azure-monitor-baseline-alerts, services/Compute/virtualMachines/
 * alerts.yaml): Percentage CPU average greater than 80 and Available Memory
 * Bytes average less than 1,000,000,000, each over PT5M every PT5M, severity 3
 * ("By default, the severity for each is Informational", Microsoft Learn,
 * "Enable recommended alert rules for a virtual machine").
 */
export const AZURE_RECOMMENDED: readonly AlarmDefinition[] = [
  azureRule({ key: 'Percentage CPU', metric: 'cpu', metricName: 'Percentage CPU', above: true, threshold: 80, severity: 3 }),
  azureRule({
    key: 'Available Memory Bytes',
    metric: 'available-memory',
    metricName: 'Available Memory Bytes',
    above: false,
    threshold: AZURE_GB,
    severity: 3,
  }),
].map((d) => ({
  ...d,
  windowMinutes: 5,
  everyMinutes: 5,
  description: d.metric === 'cpu' ? 'Recommended: average CPU above 80%' : 'Recommended: average available memory below 1 GB',
}));

/**
 * An Azure metric alert rule. `az monitor metrics alert create` leaves severity 2,
 * a 5-minute window and a 1-minute evaluation frequency unless told
 * (azure-cli monitor/operations/metric_alert.py create_metric_alert:
 * severity=2, window_size='5m', evaluation_frequency='1m').
 */
export function azureRule(r: {
  readonly key: string;
  readonly metric: AlarmMetric;
  readonly metricName: string;
  readonly above: boolean;
  readonly threshold: number;
  readonly severity?: number;
  readonly windowMinutes?: number;
  readonly everyMinutes?: number;
  readonly description?: string;
  readonly scope?: string;
  readonly resourceGroup?: string;
  readonly custom?: boolean;
  readonly enabled?: boolean;
}): AlarmDefinition {
  return {
    key: r.key,
    name: r.key,
    family: 'azure',
    target: 'cloud-vm',
    metric: r.metric,
    metricName: r.metricName,
    above: r.above,
    warning: r.threshold,
    severity: r.severity ?? 2,
    windowMinutes: r.windowMinutes ?? 5,
    everyMinutes: r.everyMinutes ?? 1,
    description: r.description ?? '',
    enabled: r.enabled ?? true,
    ...(r.scope !== undefined ? { scope: r.scope } : {}),
    ...(r.resourceGroup !== undefined ? { resourceGroup: r.resourceGroup } : {}),
    ...(r.custom ? { custom: true } : {}),
  };
}

/** An Azure severity as its name (Microsoft Learn, KnownAlertSeverity: Sev0 Critical ... Sev4 Verbose). */
export const AZURE_SEVERITY_NAMES = ['Critical', 'Error', 'Warning', 'Informational', 'Verbose'] as const;

/** Severities 0 and 1 are as bad as vCenter's red; the rest as its yellow. */
export function azureLevel(severity: number): AlarmLevel {
  return severity <= 1 ? 'critical' : 'warning';
}

/** The Azure metrics a rule may be written on here, as `az monitor metrics alert create --condition` names them. */
export const AZURE_METRICS: Readonly<Record<string, AlarmMetric>> = {
  'percentage cpu': 'cpu',
  'available memory bytes': 'available-memory',
};

/** Resolving a stateful metric alert: "The alert condition isn't met for three consecutive checks" (Microsoft Learn, "Azure Monitor alerts overview"). */
export const AZURE_RESOLVE_CHECKS = 3;
