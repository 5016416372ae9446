// A load balancer as every platform's has one: a frontend address, a pool of
// backend NICs, health probes and rules that send a frontend port to a backend
// port under a probe. A backend whose probe fails stays in rotation until the
// probe has failed `threshold` times in a row, `interval` seconds apart, and
// its share of requests fails meanwhile; then the others take all of them
// (learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview,
// "Probe down behavior"). Requests are spread by a hash of their five-tuple, as
// Azure's default distribution mode does (load-balancer-distribution-mode,
// "Hash based"), so one client keeps its backend while the pool stays the same.
import { hash32 } from '../core/prng.js';
import type { Nic } from './topology.js';

export interface Probe {
  readonly name: string;
  readonly protocol: 'Tcp' | 'Http' | 'Https';
  readonly port: number;
  /** Seconds between probes. */
  readonly intervalS: number;
  /** Failed probes in a row that take a backend out (Azure's probeThreshold, HAProxy's fall). */
  readonly threshold: number;
  /** Passed probes in a row that put a started backend in (HAProxy's rise); 1 where left out (Azure's). */
  readonly rise?: number;
}

export interface Member {
  readonly nic: Nic;
  /** Sim ms when its workload last stopped answering, -1 if not known (core/workloads.ts downSince). */
  readonly downSince: number;
  /** Sim ms when it last started running, -1 while it does not. */
  readonly upSince: number;
  /** The port its connections go to, where not the rule's backend port (an HAProxy server's own). */
  readonly port?: number;
  /** Why a probe cannot pass even while it runs (a security group refuses it), or undefined. */
  readonly probeRefused?: (probe: Probe) => string | undefined;
  /** Why clients' requests to it are dropped on the way in (a security group), or undefined: its answers never come. */
  readonly clientsRefused?: (rule: BalancingRule) => string | undefined;
}

export interface BalancingRule {
  readonly name: string;
  readonly protocol: 'Tcp' | 'Udp' | 'All';
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly probe?: Probe;
  /** Its backend pool's name and members. */
  readonly pool: string;
  readonly members: readonly Member[];
  /** How requests are spread: a hash of the five-tuple (Azure's Default), or each in turn (HAProxy's roundrobin, its default balance). */
  readonly spread?: 'hash' | 'roundrobin';
  /** With no probe, what takes a backend that stopped answering out of rotation, if anything does. */
  readonly removal?: string;
}

export interface Balancer {
  /** Unique across the estate: "shop-rg/web-lb". */
  readonly id: string;
  /** The platform's word and its name: "load balancer web-lb". */
  readonly label: string;
  readonly frontendIp: string;
  readonly rules: readonly BalancingRule[];
  /** Whose it is: a platform's ('azure'), or 'onprem' for hyperpane's own in front of VMs. */
  readonly platform: string;
  /** Why no client reaches its frontend at all (an address on no network of the estate), if so. */
  readonly unreachable?: string;
}

export type Health =
  | { readonly state: 'healthy' }
  /** Still in rotation: its requests fail until `outAt`. */
  | { readonly state: 'failing'; readonly outAt: number; readonly why: string }
  | { readonly state: 'down'; readonly why: string };

/** How long a failing backend stays in rotation: its probe's interval times its threshold. */
export const detectionMs = (p: Probe) => p.intervalS * p.threshold * 1000;

/**
 * A backend's health under a rule at `now`. With no probe a backend is never
 * taken out (Azure sends to every pool member then). A security group that
 * refuses the probe marks it down from the start: the change that closed it is
 * not kept, so it counts as long past.
 */
export function health(m: Member, rule: BalancingRule, now: number): Health {
  const p = rule.probe;
  const refused = p && m.nic.up ? m.probeRefused?.(p) : undefined;
  if (m.nic.up && refused === undefined) {
    // Back from an outage that took it out, it waits for the probes that put it in: "The health probe is successful
    // once after the VM boots" (load-balancer-custom-probe-overview, "Probe up behavior"), HAProxy's `rise` checks in a
    // row. An outage shorter than detection never took it out; one not known (-1) is long past.
    const away = m.downSince >= 0 && m.upSince >= m.downSince ? m.upSince - m.downSince : undefined;
    if (!p || away === undefined || away < detectionMs(p)) return { state: 'healthy' };
    const rise = p.rise ?? 1;
    const inAt = m.upSince + p.intervalS * rise * 1000;
    return now < inAt
      ? {
          state: 'down',
          why: `${m.nic.workloadName} is back: in rotation after ${rise === 1 ? 'its first probe' : `${rise} probes`}, in ${Math.ceil((inAt - now) / 1000)} s`,
        }
      : { state: 'healthy' };
  }
  const why = refused ?? `${m.nic.workloadName} is not running (${m.nic.state})`;
  if (!p) return { state: 'failing', outAt: Number.POSITIVE_INFINITY, why: `${why}; ${rule.removal ?? 'no probe takes it out'}` };
  if (!m.nic.up && m.downSince >= 0) {
    const outAt = m.downSince + detectionMs(p);
    if (now < outAt) return { state: 'failing', outAt, why };
  }
  return { state: 'down', why };
}

export interface Share {
  readonly member: Member;
  readonly health: Health;
  readonly requests: number;
  readonly errors: number;
  /** Why its requests failed though its probe passes. */
  readonly refused?: string;
}

/** A client of the internet: the ith of TEST-NET-3's addresses (RFC 5737), a source port from the dynamic range (RFC 6335). */
const client = (i: number): [number, number] => [(203 << 24) | (0 << 16) | (113 << 8) | (1 + (i % 254)), 49152 + (i % 16384)];

/**
 * `requests` new connections to a rule's frontend port from distinct clients,
 * each sent to the backend its five-tuple hashes to among those in rotation:
 * healthy ones answer, failing ones time out, and so do healthy ones a
 * security group keeps clients from (the probe passes where clients do not).
 * Nothing in rotation: every request fails, and `unserved` counts them.
 */
export function share(rule: BalancingRule, requests: number, now: number): { shares: Share[]; unserved: number } {
  const states = rule.members.map((member) => {
    const refused = member.clientsRefused?.(rule);
    return { member, health: health(member, rule, now), ...(refused ? { refused } : {}) };
  });
  const rotation = states.filter((s) => s.health.state !== 'down');
  const counts = states.map(() => ({ requests: 0, errors: 0 }));
  let unserved = 0;
  for (let i = 0; i < requests; i++) {
    if (rotation.length === 0) {
      unserved++;
      continue;
    }
    const [ip, port] = client(i);
    const h = rule.spread === 'roundrobin' ? i : hash32(hash32(hash32(ip, port), rule.frontendPort), rule.protocol.length) >>> 0;
    const chosen = rotation[h % rotation.length]!;
    const c = counts[states.indexOf(chosen)]!;
    c.requests++;
    if (chosen.health.state === 'failing' || chosen.refused !== undefined) c.errors++;
  }
  return { shares: states.map((s, i) => ({ ...s, ...counts[i]! })), unserved };
}
