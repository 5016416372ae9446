// A guest's own firewall (guest NAME ufw ...), as Ubuntu's ufw answers: "Rule
// added" and "Rule added (v6)" for a rule that names no IPv4 address (IPV6=yes),
// "Firewall is active and enabled on system startup", `ufw status` in its
// "%-26s %-12s%s" columns with the IPv6 copies after (captures of `ufw status` in
// public READMEs, and jc's ufw parser's test data), default deny incoming
// (ufw(8), DEFAULTS); reach names the rule that decided.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { ok } from './estate-lines.js';

describe('guest NAME ufw', () => {
  it('adds rules as ufw does and lists them, IPv6 copies after; while inactive it only updates its rules files', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'guest db-01 ufw status')).toBe('Status: inactive\n');
    expect(ok(e, 'guest db-01 ufw allow from 10.20.0.79 to any port 5432 proto tcp')).toBe('Rules updated\n');
    expect(ok(e, 'guest db-01 ufw enable')).toBe('Firewall is active and enabled on system startup\n');
    expect(ok(e, 'guest db-01 ufw allow 22/tcp')).toBe('Rule added\nRule added (v6)\n');
    expect(ok(e, 'guest db-01 ufw allow 22/tcp')).toBe('Skipping adding existing rule\nSkipping adding existing rule (v6)\n');
    // backend.py get_status: "%-26s %-12s%-26s" a row.
    const row = (to: string, action: string, from: string) => `${to.padEnd(26)} ${action.padEnd(12)}${from.padEnd(26)}`;
    expect(ok(e, 'guest db-01 ufw status')).toBe(
      [
        'Status: active',
        '',
        'To                         Action      From',
        '--                         ------      ----',
        row('5432/tcp', 'ALLOW', '10.20.0.79'),
        row('22/tcp', 'ALLOW', 'Anywhere'),
        row('22/tcp (v6)', 'ALLOW', 'Anywhere (v6)'),
        '',
      ].join('\n'),
    );
    // The same traffic with another action updates the rule where it stands.
    expect(ok(e, 'guest db-01 ufw deny 22/tcp')).toBe('Rule updated\nRule updated (v6)\n');
    // delete NUM takes one row of `status numbered`: here the IPv6 copy, the IPv4 rule staying in force.
    expect(ok(e, 'guest db-01 ufw delete 3')).toBe('Rule deleted (v6)\n');
    expect(ok(e, 'guest db-01 ufw status numbered')).toContain(`[ 2] ${'22/tcp'.padEnd(26)} ${'DENY IN'.padEnd(12)}Anywhere`);
    expect(ok(e, 'guest db-01 ufw status numbered')).not.toContain('(v6)');
    expect(runLine(e, 'reach web-01 db-01 22').stdout).toContain('decided by: ufw on db-01: [2] 22/tcp DENY IN Anywhere');
    // Ping passes before any user rule (before.rules).
    expect(runLine(e, 'reach web-01 db-01 icmp').exitCode).toBe(0);
  });

  it('an enabled firewall lets in what a rule allows and denies the rest by default; reach names the rule', () => {
    const e = defaultEstate(1);
    const app = ok(e, 'govc vm.ip app-01').trim();
    ok(e, `guest db-01 ufw allow from ${app} to any port 5432 proto tcp`);
    expect(runLine(e, 'reach web-01 db-01 5432').exitCode).toBe(0);
    ok(e, 'guest db-01 ufw enable');
    const fromApp = runLine(e, 'reach app-01 db-01 5432');
    expect(fromApp.exitCode).toBe(0);
    expect(fromApp.stdout).toContain(`decided by: ufw on db-01: [1] 5432/tcp ALLOW IN ${app}`);
    const web = runLine(e, 'reach web-01 db-01 5432');
    expect(web.exitCode).toBe(1);
    expect(web.stdout).toContain('decided by: ufw on db-01: default deny (incoming)');
    ok(e, 'guest db-01 ufw default allow incoming');
    expect(runLine(e, 'reach web-01 db-01 5432').exitCode).toBe(0);
    ok(e, 'guest db-01 ufw disable');
    expect(runLine(e, 'reach web-01 db-01 5432').stdout).not.toContain('ufw');
  });

  it('says what is wrong: a bad port, a cloud VM, a container, no such workload', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'guest db-01 ufw allow 99999').stderr).toBe('ERROR: Bad port\n');
    expect(runLine(e, 'guest db-01 ufw allow 2000:2010').stderr).toBe("ERROR: Must specify 'tcp' or 'udp' with multiple ports\n");
    expect(runLine(e, 'guest jumpbox ufw status').stderr).toMatch(/^guest: jumpbox is a cloud VM/);
    expect(runLine(e, 'guest nginx ufw status').stderr).toMatch(/^guest: nginx is a container/);
    expect(runLine(e, 'guest nope ufw status').stderr).toBe('guest: no workload nope\n');
  });

  it("a clone is a copy of its source's disk: it has the source's ufw as it was then, and goes its own way after", () => {
    const e = defaultEstate(1);
    ok(e, 'guest db-01 ufw allow 5432/tcp');
    ok(e, 'guest db-01 ufw enable');
    ok(e, 'govc vm.clone -vm db-01 db-03');
    ok(e, 'sleep 10m');
    ok(e, 'guest db-01 ufw allow 22/tcp');
    expect(ok(e, 'guest db-03 ufw status')).toMatch(
      /^Status: active\n\nTo +Action +From\n-- +------ +----\n5432\/tcp +ALLOW +Anywhere +\n5432\/tcp \(v6\) +ALLOW +Anywhere \(v6\) +\n$/,
    );
    expect(runLine(e, 'reach web-01 db-03 22').stdout).toContain('decided by: ufw on db-03: default deny (incoming)');
    // Written and read back, a workload whose source gained a firewall later is not given one.
    ok(e, 'guest db-02 ufw enable');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'guest db-03 ufw status')).toBe(ok(e, 'guest db-03 ufw status'));
    expect(ok(back.value, 'guest batch-01 ufw status')).toBe('Status: inactive\n');
  });

  it('an estate file keeps each guest firewall', () => {
    const e = defaultEstate(1);
    ok(e, 'guest db-01 ufw allow 22/tcp');
    ok(e, 'guest db-01 ufw enable');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'guest db-01 ufw status')).toBe(ok(e, 'guest db-01 ufw status'));
  });
});

// ufw's names for ports, against ufw's source: common.py UFWRule.set_port (a
// service name looked up with socket.getservbyname and kept as its number;
// an application profile kept by name, "Could not find a profile matching"),
// util.py get_services_proto (a service's protocol where /etc/services has one
// only), parser.py (multiple ports need a protocol); Debian netbase's
// /etc/services (ssh 22/tcp, https 443/tcp and 443/udp, postgresql 5432/tcp);
// openssh-server's /etc/ufw/applications.d profile (OpenSSH, 22/tcp).
describe('ufw service names, application profiles, limit and port lists', () => {
  it('takes ssh as 22/tcp, https as 443 (both protocols), OpenSSH by name, limit as a rule that lets traffic in, and 80,443/tcp', () => {
    const e = defaultEstate(1);
    for (const line of [
      'guest db-01 ufw allow ssh',
      'guest db-01 ufw allow https',
      'guest db-01 ufw limit OpenSSH',
      'guest db-01 ufw allow 80,443/tcp',
      'guest db-01 ufw allow from 10.20.20.0/24 to any port postgresql',
      'guest db-01 ufw enable',
    ])
      ok(e, line);
    const rows = ok(e, 'guest db-01 ufw status')
      .split('\n')
      .slice(4, 9)
      .map((l) => l.trimEnd().split(/\s{2,}/));
    expect(rows).toEqual([
      ['22/tcp', 'ALLOW', 'Anywhere'],
      ['443', 'ALLOW', 'Anywhere'],
      ['OpenSSH', 'LIMIT', 'Anywhere'],
      ['80,443/tcp', 'ALLOW', 'Anywhere'],
      ['5432/tcp', 'ALLOW', '10.20.20.0/24'],
    ]);
    expect(runLine(e, 'reach web-01 db-01 443').stdout).toContain('decided by: ufw on db-01: [2] 443 ALLOW IN Anywhere');
    expect(runLine(e, 'reach web-01 db-01 80').stdout).toContain('decided by: ufw on db-01: [4] 80,443/tcp ALLOW IN Anywhere');
    expect(runLine(e, 'reach web-01 db-01 5432').stdout).toContain('decided by: ufw on db-01: default deny (incoming)');
    expect(runLine(e, 'reach app-01 db-01 5432').exitCode).toBe(0);
    expect(runLine(e, "guest db-01 ufw allow 'Nginx Full'").stderr).toBe("ERROR: Could not find a profile matching 'Nginx Full'\n");
    expect(runLine(e, 'guest db-01 ufw allow 80,443').stderr).toBe("ERROR: Must specify 'tcp' or 'udp' with multiple ports\n");
    // A protocol the service is not listed under; a profile's name in any case; a range with one end; app in a rule.
    expect(runLine(e, 'guest db-01 ufw allow ssh/udp').stderr).toBe('ERROR: Protocol mismatch with specified protocol udp\n');
    expect(runLine(e, 'guest db-01 ufw allow from 1.2.3.4 to any port ssh proto udp').stderr).toBe('ERROR: Protocol mismatch with specified protocol udp\n');
    // (the limit rule for OpenSSH, the same traffic, is updated to allow)
    expect(runLine(e, 'guest db-01 ufw allow openssh').stdout).toBe('Rule updated\nRule updated (v6)\n');
    expect(runLine(e, 'guest db-01 ufw allow 2000:2000/tcp').stderr).toBe('ERROR: Bad port\n');
    expect(runLine(e, 'guest db-01 ufw allow from 10.0.0.1 to any app OpenSSH').stderr).toMatch(/^ERROR: hyperpane: 'app' in a rule is not simulated here/);
    // An estate file keeps them.
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'guest db-01 ufw status')).toBe(ok(e, 'guest db-01 ufw status'));
  });
});
