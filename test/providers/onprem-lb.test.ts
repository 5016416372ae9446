// On-premises load balancers (lb, hyperpane's own, HAProxy's kind): a VIP on a
// site's LAN, servers spread round robin (HAProxy's default balance), each checked
// every inter ms, out after fall failed checks and back after rise passed ones
// (HAProxy's defaults inter 2000, fall 3, rise 2: haproxy.c DEF_CHKINTR,
// DEF_FALLTIME, DEF_RISETIME); traffic and reach through the VIP; kept in files.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { ok } from './estate-lines.js';

function rows(out: string): Record<string, [string, number, number]> {
  const found: Record<string, [string, number, number]> = {};
  for (const m of out.matchAll(/^ {2}(web-\d\d)\s+\S+\s+(\w+)\s+(\d+)\s+(\d+)/gm)) found[m[1]!] = [m[2]!, Number(m[3]), Number(m[4])];
  return found;
}
const vip = () => {
  const e = defaultEstate(1);
  expect(ok(e, 'lb create web-vip --vip 10.20.10.250:80 --server web-01 --server web-02 --server web-03')).toBe(
    'created web-vip: 10.20.10.250:80 on the LAN of dc-east on VLAN 10, 3 servers\n',
  );
  return e;
};

describe('lb, an on-premises load balancer', () => {
  it('lists with HAProxy defaults (inter 2s, fall 3, rise 2) and spreads requests round robin', () => {
    const e = vip();
    expect(ok(e, 'lb')).toBe(
      'NAME      VIP               SERVERS                         CHECK\nweb-vip   10.20.10.250:80   web-01:80,web-02:80,web-03:80   inter 2s fall 3 rise 2\n',
    );
    const r = rows(ok(e, 'traffic web-vip 9'));
    expect(r).toEqual({ 'web-01': ['healthy', 3, 0], 'web-02': ['healthy', 3, 0], 'web-03': ['healthy', 3, 0] });
  });

  it('a powered-off server fails its share for inter x fall (6 s), then is out; back rise x inter after it runs again', () => {
    const e = vip();
    ok(e, 'govc vm.power -off web-02');
    const during = runLine(e, 'traffic web-vip 9');
    expect(during.exitCode).toBe(1);
    expect(rows(during.stdout)['web-02']).toEqual(['failing', 3, 3]);
    ok(e, 'sleep 6s');
    expect(rows(ok(e, 'traffic web-vip 9'))).toEqual({ 'web-01': ['healthy', 5, 0], 'web-02': ['down', 0, 0], 'web-03': ['healthy', 4, 0] });
    ok(e, 'govc vm.power -on web-02');
    // Once its guest runs, two checks 2 s apart put it back.
    while (e.sim.workload('web-02')!.state !== 'running') e.sim.advance(1000);
    expect(rows(ok(e, 'traffic web-vip 9'))['web-02']![0]).toBe('down');
    e.sim.advance(4000);
    expect(rows(ok(e, 'traffic web-vip 9'))['web-02']![0]).toBe('healthy');
  });

  it("a server whose own firewall drops the VIP's checks is out; its rules see the VIP, not the client (HAProxy proxies)", () => {
    const e = vip();
    ok(e, 'guest web-02 ufw allow 22/tcp');
    ok(e, 'guest web-02 ufw enable');
    const r = ok(e, 'traffic web-vip 9');
    expect(rows(r)['web-02']).toEqual(['down', 0, 0]);
    expect(r).toContain('ufw on web-02: default deny (incoming) drops tcp/80 from 10.20.10.250');
    const app = ok(e, 'govc vm.ip app-01').trim();
    ok(e, `guest web-01 ufw allow from ${app} to any port 80 proto tcp`);
    ok(e, 'guest web-01 ufw enable');
    expect(rows(ok(e, 'traffic web-vip 9'))['web-01']![0]).toBe('down');
    ok(e, 'guest web-01 ufw allow from 10.20.10.250 to any port 80 proto tcp');
    expect(rows(ok(e, 'traffic web-vip 9'))['web-01']![0]).toBe('healthy');
  });

  it('servers on their own ports are one pool: each request counted once, sent to its server port', () => {
    const e = defaultEstate(1);
    ok(e, 'lb create mixed --vip 10.20.10.251:80 --server web-01 --server web-02:8080');
    const out = ok(e, 'traffic mixed 10');
    expect(out).toContain('10 requests: 10 answered, 0 failed');
    expect(out).toMatch(/web-02 +10\.20\.10\.\d+:8080 +healthy +5 +0/);
    expect(runLine(e, 'reach app-01 10.20.10.251 80').stdout).toMatch(/10\.20\.10\.251:80 -> 10\.20\.10\.\d+:(80|8080)/);
  });

  it('reach follows the VIP from the LAN to a server in rotation; the internet has no way to a private VIP', () => {
    const e = vip();
    const r = runLine(e, 'reach app-01 10.20.10.250 80');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('on-premises load balancer web-vip: 10.20.10.250:80 -> ');
    expect(runLine(e, 'reach internet 10.20.10.250 80').stdout).toContain(
      'decided by: 10.20.10.250 is a private address: nothing routes to it from the internet',
    );
  });

  it('says what is wrong: a VIP on no network, a cloud VM as a server, a bad interval, an unknown workload or name', () => {
    const e = vip();
    const err = (line: string) => runLine(e, line).stderr.trimEnd();
    expect(err('lb create x --vip 1.2.3.4:80')).toBe("lb create: 1.2.3.4 is on no site LAN of the estate (a site's LAN is 10.(20 + 16 x site).(VLAN).0/24)");
    // Not on a cloud subnet, nor where the LAN's DHCP hands out addresses.
    expect(err('lb create x --vip 10.0.0.200:80')).toMatch(/^lb create: 10\.0\.0\.200 is on no site LAN/);
    expect(err('lb create x --vip 10.20.10.100:80')).toMatch(/inside its DHCP scope \(\.10-\.249\)/);
    expect(err('lb create x --vip 10.20.10.251:80 --server shop-web-1')).toBe(
      'lb create: shop-web-1 is a cloud VM: an Azure load balancer fronts those (az network lb create)',
    );
    expect(err('lb create x --vip 10.20.10.251:80 --inter soon')).toBe("lb create: --inter 'soon' is not a duration (2s, 500ms; 100ms to 1h)");
    expect(err('lb create x --vip 10.20.10.250:80')).toBe('lb create: 10.20.10.250:80 is taken');
    expect(err('lb add web-vip nope')).toBe('lb add: no workload nope');
    expect(err('lb delete nope')).toBe('lb: no load balancer nope (there are web-vip)');
    expect(err('lb frobnicate')).toMatch(/^lb: unknown subcommand 'frobnicate'/);
  });

  it('an estate file keeps it; a server whose VM is deleted leaves it', () => {
    const e = vip();
    ok(e, 'govc vm.power -off web-03');
    ok(e, 'govc vm.destroy web-03');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'lb')).toContain('web-01:80,web-02:80 ');
  });
});
