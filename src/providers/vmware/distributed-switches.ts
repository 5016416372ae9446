// vSphere distributed switches: a switch of a datacenter's network folder that
// hosts join (dvs.add), its distributed port groups on every member host alike,
// each with a VLAN ID (0 none, 1-4094 that VLAN; trunking mode hands the guest
// its frames tagged). A VM's adapter on a distributed port group is on its site's
// LAN on that VLAN, as on a standard port group, and can move to any host that
// is a member of the switch. govc's words are govmomi's (cli/dvs/create.go,
// add.go, portgroup/add.go and spec.go; find/error.go for lookups); a task's
// progress line is "[DD-MM-YY HH:MM:SS] <what>... OK" on stdout
// (vim25/progress/loger.go), its fault vCenter's localized message after
// "govc: " (the DuplicateName fault: "The name 'X' already exists.", govmomi#1927).
import type { PortGroup } from './port-groups.js';

export interface DistributedSwitch {
  readonly name: string;
  /** The datacenter whose network folder holds it. */
  readonly dc: string;
  /** Its managed object number (dvs-N): what names its uplink port group. */
  readonly key: number;
  /** The member hosts, in the order they joined. */
  readonly hosts: string[];
}

export const DVPG_TYPES = ['earlyBinding', 'lateBinding', 'ephemeral'] as const;

export interface DistributedPortGroup {
  readonly name: string;
  /** Its switch's name. */
  readonly dvs: string;
  /** 0-4094; a trunking port group is 4095 here, as a standard trunk port group is. */
  readonly vlan: number;
  readonly type: (typeof DVPG_TYPES)[number];
  readonly ports: number;
}

/** dvs.create's numbering starts where a fresh vCenter's first switch does here; each new switch takes the next. */
export const FIRST_DVS_KEY = 21;

/** The uplink port group vCenter makes with a switch (vcsim: name + "-DVUplinks" + the switch's number). */
export const uplinksOf = (dvs: DistributedSwitch) => `${dvs.name}-DVUplinks-${dvs.key}`;

/** A distributed port group as a host's network an adapter can be on: the switch in the place of a standard vSwitch. */
export const asPortGroup = (pg: DistributedPortGroup): PortGroup => ({ name: pg.name, vswitch: pg.dvs, vlan: pg.vlan });
