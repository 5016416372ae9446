// The six panes in tab order.
import { cloudPane } from './cloud.js';
import { containersPane } from './containers.js';
import { eventsPane } from './events.js';
import { hostsPane } from './hosts.js';
import { kubernetesPane } from './kubernetes.js';
import type { PaneDef, PaneId } from './types.js';
import { vmsPane } from './vms.js';

export const PANES: readonly PaneDef[] = [hostsPane, vmsPane, containersPane, cloudPane, eventsPane, kubernetesPane];

export function paneDef(id: PaneId): PaneDef {
  return PANES.find((p) => p.id === id)!;
}

export type { PaneDef, PaneId } from './types.js';
