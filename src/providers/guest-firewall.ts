// A guest's own firewall, for the on-premises VMs (no platform's security group
// sits in front of them): Ubuntu's ufw, run in the guest by hyperpane's way in,
//   guest web-01 ufw allow 80/tcp
//   guest db-01 ufw allow from 10.20.0.0/24 to any port 5432 proto tcp
//   guest db-01 ufw enable | disable | status [numbered] | delete allow 80/tcp | delete 2 | default deny incoming | reset
// Incoming rules only, first match in the order added, then the default policy
// (ufw's defaults: deny incoming, allow outgoing; ufw(8), "DEFAULTS"); messages and
// `ufw status` as ufw prints them (its "%-26s %-12s%s" columns, each rule again
// for IPv6 where it names no IPv4 address, as Ubuntu's IPV6=yes has it).
import { type Cidr, cidrText, parseCidr } from '../network/ipv4.js';
import { CompiledRules, type SecurityRule } from '../network/security-rules.js';
import type { RuleSet } from '../network/topology.js';
import { failure, output } from './exec-result.js';
import type { ExecResult } from './provider.js';

export interface UfwRule {
  /** limit: allowed, up to 6 connections from an address in 30 s (ufw(8) "limit"); reach lets it through. */
  readonly action: 'allow' | 'deny' | 'reject' | 'limit';
  /** A port, a range "2000:2010", or a list of them "80,443"; undefined: any. */
  readonly port?: string;
  /** An application profile it was given as ("OpenSSH"): status shows the name, its ports decide. */
  readonly app?: string;
  readonly proto?: 'tcp' | 'udp';
  /** A CIDR block or address; undefined: anywhere. */
  readonly from?: string;
  /** false once its IPv4 row is deleted (`ufw delete N` takes one row); its IPv6 copy likewise. */
  readonly v4?: false;
  readonly v6?: false;
}

export interface GuestFirewall {
  enabled: boolean;
  incoming: 'allow' | 'deny' | 'reject';
  rules: UfwRule[];
}

export const UFW_USAGE = [
  'usage: guest NAME ufw enable|disable|reset|status [numbered]',
  '       guest NAME ufw [delete] allow|deny|reject|limit PORT[/tcp|udp] | SERVICE | OpenSSH',
  '       guest NAME ufw [delete] allow|deny|reject|limit from ADDRESS|any [to any] [port PORT] [proto tcp|udp]',
  '       guest NAME ufw delete NUM | default allow|deny|reject incoming',
].join('\n');

/** The rules a guest's firewall keeps here (what an estate file holds of one). */
const MAX_RULES = 1000;

const PORT = /^(\d{1,5})(?::(\d{1,5}))?$/;
/**
 * A port, a range within 1-65535 low to high, or a comma list of them: at most 14 commas and colons (common.py
 * set_port, iptables' multiport limit), a range's ends different.
 */
export const goodPort = (p: string) => {
  if ((p.match(/[,:]/g)?.length ?? 0) > 14) return false;
  return p.split(',').every((x) => {
    const m = PORT.exec(x);
    if (!m) return false;
    const [lo, hi] = [Number(m[1]), Number(m[2] ?? m[1])];
    return lo >= 1 && hi <= 65535 && (m[2] === undefined ? true : lo < hi);
  });
};

/**
 * Service names ufw looks up in /etc/services (util.get_services_proto; Debian's netbase): the port, and the protocol
 * where the file lists only one (a name with both is any protocol).
 */
const SERVICES: Readonly<Record<string, readonly [string, 'tcp' | 'udp' | undefined]>> = {
  ftp: ['21', 'tcp'],
  ssh: ['22', 'tcp'],
  telnet: ['23', 'tcp'],
  smtp: ['25', 'tcp'],
  domain: ['53', undefined],
  http: ['80', 'tcp'],
  www: ['80', 'tcp'],
  pop3: ['110', 'tcp'],
  ntp: ['123', 'udp'],
  imap2: ['143', 'tcp'],
  imap: ['143', 'tcp'],
  snmp: ['161', 'udp'],
  ldap: ['389', undefined],
  https: ['443', undefined],
  'microsoft-ds': ['445', 'tcp'],
  submission: ['587', 'tcp'],
  submissions: ['465', 'tcp'],
  syslog: ['514', 'udp'],
  imaps: ['993', 'tcp'],
  pop3s: ['995', 'tcp'],
  openvpn: ['1194', undefined],
  mysql: ['3306', 'tcp'],
  postgresql: ['5432', 'tcp'],
  postgres: ['5432', 'tcp'],
};

/** Application profiles installed on an Ubuntu server image (openssh-server's /etc/ufw/applications.d/openssh-server). */
export const APPS: Readonly<Record<string, { readonly port: string; readonly proto: 'tcp' | 'udp' }>> = { OpenSSH: { port: '22', proto: 'tcp' } };

/** A profile by its name, matched without regard to case as ufw's applications.py find_profile_name does. */
const appNamed = (word: string) => Object.keys(APPS).find((k) => k.toLowerCase() === word.toLowerCase());

/** A rule as ufw lists it: its "To" and "From" columns (a protocol without a port goes with both ends, as ufw shows it). */
function columns(r: UfwRule, v6: boolean): [string, string] {
  const v = v6 ? ' (v6)' : '';
  const proto = r.port === undefined && r.proto !== undefined ? `/${r.proto}` : '';
  const to = r.app !== undefined ? `${r.app}${v}` : r.port !== undefined ? `${r.port}${r.proto ? `/${r.proto}` : ''}${v}` : `Anywhere${proto}${v}`;
  const from = r.from !== undefined ? `${r.from}${proto}` : `Anywhere${proto}${v}`;
  return [to, from];
}

/** Whether two rules match the same traffic (ufw's match, which leaves the action out: a new action updates the rule). */
const same = (a: UfwRule, b: UfwRule) => a.port === b.port && a.proto === b.proto && a.from === b.from && a.app === b.app;

/** The rule a command line names, or ufw's complaint. */
function parseRule(action: UfwRule['action'], words: readonly string[]): UfwRule | string {
  if (words.length === 1) {
    const app = appNamed(words[0]!);
    if (app) return { action, app, port: APPS[app]!.port, proto: APPS[app]!.proto };
    const m = /^([^/]+)(?:\/(tcp|udp))?$/.exec(words[0]!);
    // A name is a service of /etc/services (set_port: socket.getservbyname), its port kept as the number.
    const service = m ? SERVICES[m[1]!] : undefined;
    if (service) {
      // A protocol the file does not list the service under is refused (parser.py).
      if (m![2] && service[1] && m![2] !== service[1]) return `ERROR: Protocol mismatch with specified protocol ${m![2]}`;
      const proto = m![2] ?? service[1];
      return { action, port: service[0], ...(proto ? { proto: proto as 'tcp' | 'udp' } : {}) };
    }
    if (m && /^[A-Za-z]/.test(m[1]!) && !m[2]) return `ERROR: Could not find a profile matching '${words[0]}'`;
    if (!m || !goodPort(m[1]!)) return 'ERROR: Bad port';
    if (/[:,]/.test(m[1]!) && !m[2]) return "ERROR: Must specify 'tcp' or 'udp' with multiple ports";
    return { action, port: m[1]!, ...(m[2] ? { proto: m[2] as 'tcp' | 'udp' } : {}) };
  }
  let from: string | undefined;
  let port: string | undefined;
  let proto: 'tcp' | 'udp' | undefined;
  // A service's protocol where /etc/services lists one, unless proto says otherwise (parser.py: get_services_proto).
  let serviceProto: 'tcp' | 'udp' | undefined;
  for (let i = 0; i < words.length; i += 2) {
    const [key, value] = [words[i]!, words[i + 1]];
    if (value === undefined) return 'ERROR: Wrong number of arguments';
    if (key === 'from') {
      if (value !== 'any') {
        const c: Cidr | undefined = parseCidr(value.includes('/') ? value : `${value}/32`);
        if (!c) return 'ERROR: Bad source address';
        // An address alone and a /32 are one (ufw normalises them).
        from = c.bits === 32 ? cidrText(c).slice(0, -3) : cidrText(c);
      }
    } else if (key === 'to') {
      if (value !== 'any') return "ERROR: hyperpane: 'to ADDRESS' is not simulated here; give 'to any'";
    } else if (key === 'port') {
      const service = SERVICES[value];
      if (!service && !goodPort(value)) return 'ERROR: Bad port';
      port = service ? service[0] : value;
      serviceProto = service?.[1];
    } else if (key === 'app') {
      return "ERROR: hyperpane: 'app' in a rule is not simulated here; give its port ('port 22 proto tcp')";
    } else if (key === 'proto') {
      if (value !== 'tcp' && value !== 'udp') return `ERROR: Unsupported protocol '${value}'`;
      proto = value;
    } else return 'ERROR: Invalid syntax';
  }
  if (proto && serviceProto && proto !== serviceProto) return `ERROR: Protocol mismatch with specified protocol ${proto}`;
  proto ??= serviceProto;
  if (port !== undefined && /[:,]/.test(port) && !proto) return "ERROR: Must specify 'tcp' or 'udp' with multiple ports";
  return { action, ...(port ? { port } : {}), ...(proto ? { proto } : {}), ...(from ? { from } : {}) };
}

/** Ubuntu's /etc/ufw/before.rules accept ping (ICMP echo-request) before any user rule. */
const PING: SecurityRule = {
  name: 'before.rules: icmp echo-request ACCEPT',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Icmp',
  sourceAddressPrefixes: ['*'],
  sourcePortRanges: ['*'],
  destinationAddressPrefixes: ['*'],
  destinationPortRanges: ['*'],
};

/** The rules as the shared model reads them: each inbound, in order, then the default policy. */
export function firewallRules(workload: string, fw: GuestFirewall): RuleSet {
  const rule = (r: UfwRule, i: number): SecurityRule => ({
    name: `[${i + 1}] ${columns(r, false)[0]} ${r.action.toUpperCase()} IN ${columns(r, false)[1]}`,
    priority: 101 + i,
    direction: 'Inbound',
    access: r.action === 'allow' || r.action === 'limit' ? 'Allow' : 'Deny',
    protocol: r.proto === 'tcp' ? 'Tcp' : r.proto === 'udp' ? 'Udp' : '*',
    sourceAddressPrefixes: [r.from ?? '*'],
    sourcePortRanges: ['*'],
    destinationAddressPrefixes: ['*'],
    destinationPortRanges: r.port === undefined ? ['*'] : r.port.split(',').map((x) => x.replace(':', '-')),
  });
  const policy: SecurityRule = {
    name: `default ${fw.incoming} (incoming)`,
    priority: 4096,
    direction: 'Inbound',
    access: fw.incoming === 'allow' ? 'Allow' : 'Deny',
    protocol: '*',
    sourceAddressPrefixes: ['*'],
    sourcePortRanges: ['*'],
    destinationAddressPrefixes: ['*'],
    destinationPortRanges: ['*'],
  };
  return {
    label: `ufw on ${workload}`,
    rules: new CompiledRules(
      [
        PING,
        ...fw.rules
          .filter((r) => r.v4 !== false)
          .slice(0, 4096 - 101)
          .map((r, i) => rule(r, i)),
        policy,
      ],
      false,
    ),
    ruleText: (r) => r.name,
  };
}

/** The rows `ufw status` lists: the IPv4 rules, then the IPv6 copies of those that name no IPv4 address. */
function rowsOf(fw: GuestFirewall): { rule: UfwRule; v6: boolean }[] {
  return [
    ...fw.rules.filter((r) => r.v4 !== false).map((rule) => ({ rule, v6: false })),
    ...fw.rules.filter((r) => r.from === undefined && r.v6 !== false).map((rule) => ({ rule, v6: true })),
  ];
}

/** What ufw says of a change: "Rule added" while active, "Rules updated" while not (it only writes the rules files then). */
const said = (fw: GuestFirewall, active: string, v6: boolean) =>
  fw.enabled ? `${active}${v6 ? `\n${active} (v6)` : ''}` : `Rules updated${v6 ? '\nRules updated (v6)' : ''}`;

/** Runs `ufw ARGS...` against a guest's firewall (made on first use, inactive, as installed). */
export function ufw(fw: GuestFirewall, given: readonly string[]): ExecResult {
  // --force answers ufw's questions (enable, delete NUM); here it asks none.
  const args = given.filter((a) => a !== '--force');
  const [cmd, ...rest] = args;
  switch (cmd) {
    case undefined:
    case '--help':
    case 'help':
      return output(UFW_USAGE);
    case 'enable':
      fw.enabled = true;
      return output('Firewall is active and enabled on system startup', true);
    case 'disable':
      fw.enabled = false;
      return output('Firewall stopped and disabled on system startup', true);
    case 'reset':
      // Back to the installed rules (none); the default policies stay as ufw.conf and /etc/default/ufw have them.
      fw.enabled = false;
      fw.rules.splice(0);
      return output('Resetting all rules to installed defaults.', true);
    case 'status': {
      if (!fw.enabled) return output('Status: inactive');
      const numbered = rest[0] === 'numbered';
      const rows = rowsOf(fw);
      // backend.py get_status: "%-26s %-12s%-26s%s" a row, "[%2d] " before it when numbered.
      const lines = rows.map(({ rule, v6 }, i) => {
        const [to, from] = columns(rule, v6);
        return `${numbered ? `[${String(i + 1).padStart(2)}] ` : ''}${to.padEnd(26)} ${`${rule.action.toUpperCase()}${numbered ? ' IN' : ''}`.padEnd(12)}${from.padEnd(26)}`;
      });
      const head = `${numbered ? '     ' : ''}${'To'.padEnd(26)} ${'Action'.padEnd(12)}From\n${numbered ? '     ' : ''}${'--'.padEnd(26)} ${'------'.padEnd(12)}----`;
      return output(`Status: active\n${rows.length ? `\n${head}\n${lines.join('\n')}\n` : ''}`);
    }
    case 'default': {
      const [policy, direction] = rest;
      if ((policy !== 'allow' && policy !== 'deny' && policy !== 'reject') || (direction !== undefined && direction !== 'incoming'))
        return failure(
          direction === 'outgoing' || direction === 'routed' ? `ERROR: hyperpane: only the incoming policy is simulated` : 'ERROR: Invalid syntax',
          1,
        );
      fw.incoming = policy;
      return output(`Default incoming policy changed to '${policy}'\n(be sure to update your rules accordingly)`, true);
    }
    case 'delete': {
      if (rest.length === 1 && /^\d+$/.test(rest[0]!)) {
        // One row of `status numbered`: an IPv4 rule or an IPv6 copy.
        const row = rowsOf(fw)[Number(rest[0]) - 1];
        if (!row) return failure(`ERROR: Could not find rule '${rest[0]}'`, 1);
        const at = fw.rules.indexOf(row.rule);
        const left: UfwRule = { ...row.rule, ...(row.v6 ? { v6: false as const } : { v4: false as const }) };
        const gone = left.v4 === false && (left.from !== undefined || left.v6 === false);
        if (gone) fw.rules.splice(at, 1);
        else fw.rules[at] = left;
        return output(fw.enabled ? `Rule deleted${row.v6 ? ' (v6)' : ''}` : 'Rules updated', true);
      }
      const [action, ...words] = rest;
      if (action !== 'allow' && action !== 'deny' && action !== 'reject' && action !== 'limit') return failure('ERROR: Invalid syntax', 1);
      const r = parseRule(action, words);
      if (typeof r === 'string') return failure(r, 1);
      const at = fw.rules.findIndex((x) => same(x, r) && x.action === r.action);
      if (at < 0) return output(`Could not delete non-existent rule${r.from === undefined ? '\nCould not delete non-existent rule (v6)' : ''}`);
      fw.rules.splice(at, 1);
      return output(said(fw, 'Rule deleted', r.from === undefined), true);
    }
    case 'allow':
    case 'deny':
    case 'reject':
    case 'limit': {
      if (rest[0] === 'out' || rest[0] === 'in') return failure(`ERROR: hyperpane: give the rule without '${rest[0]}' (incoming rules only are simulated)`, 1);
      const r = parseRule(cmd, rest);
      if (typeof r === 'string') return failure(r, 1);
      const v6 = r.from === undefined;
      const at = fw.rules.findIndex((x) => same(x, r));
      if (at >= 0 && fw.rules[at]!.action === r.action && fw.rules[at]!.v4 !== false && (!v6 || fw.rules[at]!.v6 !== false))
        return output(`Skipping adding existing rule${v6 ? '\nSkipping adding existing rule (v6)' : ''}`);
      // A rule for the same traffic with another action is updated where it stands (ufw's "Rule updated").
      if (at >= 0) {
        fw.rules[at] = r;
        return output(said(fw, 'Rule updated', v6), true);
      }
      if (fw.rules.length >= MAX_RULES) return failure(`ERROR: hyperpane: a guest's firewall holds at most ${MAX_RULES} rules here`, 1);
      fw.rules.push(r);
      return output(said(fw, 'Rule added', v6), true);
    }
    default:
      return failure(`ERROR: Invalid syntax\n\n${UFW_USAGE}`, 1);
  }
}
