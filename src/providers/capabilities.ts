// Capabilities as data: what can be done to a workload, what a person sees it
// called, and whether it can lose work or service (read-only mode hides those,
// and the UI asks before running them).

export const CAPABILITY_IDS = [
  'start',
  'stop',
  'force-stop',
  'restart',
  'pause',
  'resume',
  'suspend',
  'snapshot',
  'revert',
  'delete-snapshot',
  'clone',
  'mark-template',
  'mark-vm',
  'live-migrate',
  'migrate',
  'deallocate',
  'resize',
  'delete',
] as const;
export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export interface Capability {
  readonly id: CapabilityId;
  readonly label: string;
  readonly dangerous: boolean;
}

export const CAPABILITIES: Readonly<Record<CapabilityId, Capability>> = {
  start: { id: 'start', label: 'Start', dangerous: false },
  stop: { id: 'stop', label: 'Stop', dangerous: true },
  'force-stop': { id: 'force-stop', label: 'Force stop', dangerous: true },
  restart: { id: 'restart', label: 'Restart', dangerous: true },
  pause: { id: 'pause', label: 'Pause', dangerous: false },
  resume: { id: 'resume', label: 'Resume', dangerous: false },
  suspend: { id: 'suspend', label: 'Suspend', dangerous: false },
  snapshot: { id: 'snapshot', label: 'Snapshot', dangerous: false },
  revert: { id: 'revert', label: 'Revert to snapshot', dangerous: true },
  'delete-snapshot': { id: 'delete-snapshot', label: 'Delete snapshot', dangerous: true },
  clone: { id: 'clone', label: 'Clone', dangerous: false },
  'mark-template': { id: 'mark-template', label: 'Mark as template', dangerous: false },
  'mark-vm': { id: 'mark-vm', label: 'Convert to VM', dangerous: false },
  'live-migrate': { id: 'live-migrate', label: 'Live migrate', dangerous: false },
  migrate: { id: 'migrate', label: 'Cold migrate', dangerous: false },
  deallocate: { id: 'deallocate', label: 'Deallocate', dangerous: true },
  resize: { id: 'resize', label: 'Resize', dangerous: true },
  delete: { id: 'delete', label: 'Delete', dangerous: true },
};

/** Read-only mode keeps only what cannot lose work. */
export function safeOnly(caps: readonly Capability[]): Capability[] {
  return caps.filter((c) => !c.dangerous);
}
