// The panes: eight tabs in order, then the Kubernetes tab's other views, then the Events tab's Audit, Posture and Alarms views, then the Hosts tab's Capacity and Power views.
import { alarmsPane } from './alarms.js';
import { auditPane } from './audit.js';
import { capacityPane } from './capacity.js';
import { cloudPane } from './cloud.js';
import { containersPane } from './containers.js';
import { eventsPane } from './events.js';
import { hostsPane } from './hosts.js';
import { deploymentsView, nodesView, servicesView } from './k8s-views.js';
import { kubernetesPane } from './kubernetes.js';
import { networksPane } from './networks.js';
import { posturePane } from './posture.js';
import { powerPane } from './power.js';
import { storagePane } from './storage.js';
import { type PaneDef, type PaneId, TAB_IDS } from './types.js';
import { vmsPane } from './vms.js';

export const PANES: readonly PaneDef[] = [
  hostsPane,
  vmsPane,
  containersPane,
  cloudPane,
  eventsPane,
  kubernetesPane,
  networksPane,
  storagePane,
  deploymentsView,
  servicesView,
  nodesView,
  auditPane,
  posturePane,
  alarmsPane,
  capacityPane,
  powerPane,
];

/** The panes that have a tab. */
export const TABS: readonly PaneDef[] = PANES.filter((p) => (TAB_IDS as readonly string[]).includes(p.id));

/** The tab a pane shows under: a Kubernetes view, the Kubernetes tab; the audit trail, the posture and the alarms, the Events tab; capacity and power, the Hosts tab. */
export function tabOf(id: PaneId): PaneId {
  if (id === 'audit' || id === 'posture' || id === 'alarms') return 'events';
  if (id === 'capacity' || id === 'power') return 'hosts';
  return (TAB_IDS as readonly string[]).includes(id) ? id : 'kubernetes';
}

export function paneDef(id: PaneId): PaneDef {
  return PANES.find((p) => p.id === id)!;
}

export type { PaneDef, PaneId } from './types.js';
