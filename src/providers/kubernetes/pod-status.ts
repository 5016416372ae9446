// How kubectl words a pod's state (k8s.io/kubernetes pkg/printers/internalversion
// printers.go printPod): STATUS is the phase, overridden by a container's
// waiting or terminated reason, "Terminating" once it is being deleted; READY
// counts ready containers; RESTARTS adds "(5m ago)" after the last one.
import { humanDuration } from '../../orchestrator/age.js';
import type { Pod } from '../../orchestrator/objects.js';

export function podStatusText(pod: Pod): string {
  let reason: string = pod.status.phase;
  if (pod.status.reason) reason = pod.status.reason;
  const c = pod.status.container;
  if (pod.spec.nodeName !== undefined && c.reason && c.reason !== 'Killing') reason = c.reason;
  if (pod.metadata.deletionTimestamp !== undefined) reason = 'Terminating';
  return reason;
}

export function podReadyText(pod: Pod): string {
  return `${pod.status.container.ready ? 1 : 0}/${pod.spec.containers.length}`;
}

export function podRestartsText(pod: Pod, now: number): string {
  const last = pod.status.lastTermination;
  return last && pod.status.restartCount > 0 ? `${pod.status.restartCount} (${humanDuration(now - last.at)} ago)` : String(pod.status.restartCount);
}
