// az network lb: create, list, show and delete, and its probes, rules and
// backend address pools; az network nic ip-config address-pool add|remove to
// put a NIC in a pool. Arguments as azure-cli declares them (network/_params.py
// for lb create, aaz/latest/network/lb/{probe,rule,address-pool}/_create.py),
// defaults as its templates and the service fill them (network/_template_builder.py
// build_load_balancer_resource; test_network_lb_probes.yaml, test_network_lb_rules.yaml).
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type Args, type Command, isError, NO_WAIT, RG, str } from './az-command.js';
import { childOfId, fault, groupOf, LOCATION, listed, locationOf, NAME, notFound, referenceMissing, TAGS } from './az-network-common.js';
import { frontendObject, lbCreated, lbId, lbObject, lbRuleId, lbRuleObject, poolId, poolObject, probeId, probeObject } from './lb-objects.js';
import {
  type AzureLoadBalancer,
  type LbProbe,
  type LbRule,
  NUMBER_OF_PROBES_DEFAULT,
  PROBE_INTERVAL_DEFAULT,
  PROBE_INTERVAL_MIN,
  PROBE_THRESHOLD_DEFAULT,
  ruleConflict,
} from './load-balancers.js';
import { nicObject } from './network-objects.js';
import { isFault, same } from './networks.js';
import { badResourceName } from './vm-networking.js';

const LB_NAME = { dest: 'lb-name', options: ['--lb-name'], required: true } as const;
/** What AAZ's selector raises for a child that is not there (azure/cli/core/aaz/_selector.py): the bare words. */
const childMissing = (): ExecResult => failure('ERROR: ResourceNotFoundError', 1);

function lbFrom(azure: Parameters<Command['run']>[0], a: Args, key = 'lb-name'): AzureLoadBalancer | ExecResult {
  const g = groupOf(azure, a);
  if (isError(g)) return g;
  const name = str(a, key)!;
  return azure.networks.lb(g.name, name) ?? notFound('loadBalancers', name, g.name);
}

/** An integer argument in a range, or argparse's complaint (its "invalid int value", and the range AAZ's format declares). */
function int(a: Args, key: string, min: number, max: number): number | undefined | ExecResult {
  const text = str(a, key);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) return failure(`ERROR: argument --${key}: invalid int value: '${text}'`, 2);
  const n = Number(text);
  if (n < min || n > max) return failure(`ERROR: argument --${key}: ${n} is not in the range ${min}-${max}`, 2);
  return n;
}

const LB: Readonly<Record<string, Command>> = {
  create: {
    args: [
      NAME,
      { ...RG, required: true },
      LOCATION,
      TAGS,
      { dest: 'sku', options: ['--sku'], choices: ['Basic', 'Gateway', 'Standard'], caseless: true },
      { dest: 'frontend-ip-name', options: ['--frontend-ip-name'] },
      { dest: 'backend-pool-name', options: ['--backend-pool-name'] },
      { dest: 'public-ip-address', options: ['--public-ip-address'] },
      { dest: 'subnet', options: ['--subnet'] },
      { dest: 'vnet-name', options: ['--vnet-name'] },
      { dest: 'private-ip-address', options: ['--private-ip-address'] },
      NO_WAIT,
    ],
    noWait: true,
    run: (azure, a) => {
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      const name = str(a, 'name')!;
      const frontendName = str(a, 'frontend-ip-name') ?? 'LoadBalancerFrontEnd';
      const poolName = str(a, 'backend-pool-name') ?? `${name}bepool`;
      const bad = badResourceName(name) ?? badResourceName(frontendName) ?? badResourceName(poolName);
      if (bad) return fault(bad);
      if (str(a, 'subnet') !== undefined && str(a, 'public-ip-address') !== undefined)
        return failure('ERROR: incorrect usage: --subnet NAME --vnet-name NAME | --subnet ID | --public-ip-address NAME_OR_ID', 2);
      if (str(a, 'subnet') !== undefined || str(a, 'vnet-name') !== undefined || str(a, 'private-ip-address') !== undefined)
        return failure('ERROR: (hyperpane: internal load balancers, on a subnet, are not simulated yet; give a public IP or none for a new one)', 1);
      const sku = str(a, 'sku') ?? 'Standard';
      if (sku === 'Gateway') return failure('ERROR: (hyperpane: Gateway load balancers are not simulated; use Standard)', 1);
      // Basic load balancers were retired on 30 September 2025 (load-balancer/skus.md); none is made since.
      if (sku === 'Basic')
        return failure('ERROR: (hyperpane: Basic load balancers were retired on 30 September 2025 and are not simulated; use --sku Standard)', 1);
      const location = locationOf(a, g);
      if (isError(location)) return location;
      const net = azure.networks;
      const existing = net.lb(g.name, name);
      if (existing) return { result: () => lbCreated(net, existing) };
      // A public IP named PublicIP<name> is made when none is given (_validators.py process_lb_create_namespace).
      const pipName = str(a, 'public-ip-address') ?? `PublicIP${name}`;
      const given = str(a, 'public-ip-address') !== undefined;
      let pip = net.publicIp(g.name, pipName);
      if (given && !pip) return notFound('publicIPAddresses', pipName, g.name);
      if (pip && (net.holderOf(pip) || net.lbHolding(pip)))
        return fault({
          code: 'PublicIPAddressInUse',
          message: `Resource ${pipName} is referenced by another resource and cannot be used as the frontend of load balancer ${name}.`,
        });
      if (!pip) {
        const made = net.createPublicIp(g.name, location, pipName);
        if (isFault(made)) return fault(made);
        pip = made;
      }
      const lb: AzureLoadBalancer = {
        name,
        group: g.name,
        location,
        sku: sku as 'Standard' | 'Basic',
        frontend: { name: frontendName, publicIp: pip.name },
        pools: [{ name: poolName, nics: [] }],
        probes: [],
        rules: [],
      };
      net.putLb(lb);
      const warnings = [
        ...(given ? [] : ['WARNING: Please note that the default public IP used for creation will be changed from Basic to Standard in the future.']),
        ...(sku === 'Basic'
          ? ["WARNING: It's recommended to create with `--sku standard`. Please be aware that Basic option will be removed in the future."]
          : []),
      ];
      return { result: () => lbCreated(net, lb), changed: true, ...(warnings.length ? { stderr: `${warnings.join('\n')}\n` } : {}) };
    },
  },
  list: {
    args: [RG],
    // No table transformer is registered for lb list: knack's default table keeps the scalar fields (a real capture's columns).
    run: (azure, a) => listed(azure, a, azure.networks.lbs.values(), (lb) => lbObject(azure.networks, lb)),
  },
  show: {
    args: [{ ...RG, required: true }, NAME],
    run: (azure, a) => {
      const lb = lbFrom(azure, a, 'name');
      return isError(lb) ? lb : { result: () => lbObject(azure.networks, lb) };
    },
  },
  delete: {
    args: [{ ...RG, required: true }, NAME, NO_WAIT],
    run: (azure, a) => {
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      // ARM deletes what is not there without complaint; the LB's public IP stays, free again.
      const lb = azure.networks.lb(g.name, str(a, 'name')!);
      if (!lb) return { result: () => null };
      azure.networks.deleteLb(lb);
      return { result: () => null, changed: true };
    },
  },
};

/** A child list, show and delete: by name, with case, as AAZ's selectors find them. */
function children<T extends { name: string }>(
  of: (lb: AzureLoadBalancer) => T[],
  show: (azure: Parameters<Command['run']>[0], lb: AzureLoadBalancer, x: T) => unknown,
  inUse?: (lb: AzureLoadBalancer, x: T) => ExecResult | undefined,
): Record<'list' | 'show' | 'delete', Command> {
  const target = [{ ...RG, required: true }, LB_NAME];
  return {
    list: {
      args: target,
      run: (azure, a) => {
        const lb = lbFrom(azure, a);
        return isError(lb) ? lb : { result: () => of(lb).map((x) => show(azure, lb, x)) };
      },
    },
    show: {
      args: [...target, NAME],
      run: (azure, a) => {
        const lb = lbFrom(azure, a);
        if (isError(lb)) return lb;
        const x = of(lb).find((c) => c.name === str(a, 'name'));
        return x ? { result: () => show(azure, lb, x) } : childMissing();
      },
    },
    delete: {
      args: [...target, NAME],
      run: (azure, a) => {
        const lb = lbFrom(azure, a);
        if (isError(lb)) return lb;
        const list = of(lb);
        const at = list.findIndex((c) => c.name === str(a, 'name'));
        if (at < 0) return childMissing();
        const busy = inUse?.(lb, list[at]!);
        if (busy) return busy;
        list.splice(at, 1);
        return { result: () => null, changed: true };
      },
    },
  };
}

/** The provider refuses to delete a child a rule still points at. (Its code and words for this are not in any source found; these say the fact.) */
const referenced = (what: string, id: (lb: AzureLoadBalancer, name: string) => string, uses: (r: LbRule, name: string) => boolean) => {
  return (lb: AzureLoadBalancer, x: { name: string }) => {
    const user = lb.rules.find((r) => uses(r, x.name));
    return user
      ? fault({
          code: 'InUseByLoadBalancingRule',
          message: `${what} ${id(lb, x.name)} cannot be deleted because it is referenced by load balancing rule ${lbRuleId(lb, user.name)}.`,
        })
      : undefined;
  };
};

const PROBE: Readonly<Record<string, Command>> = {
  create: {
    args: [
      { ...RG, required: true },
      LB_NAME,
      NAME,
      { dest: 'protocol', options: ['--protocol'], required: true, choices: ['Http', 'Https', 'Tcp'], caseless: true },
      { dest: 'port', options: ['--port'], required: true },
      { dest: 'interval', options: ['--interval', '--interval-in-seconds'] },
      { dest: 'threshold', options: ['--threshold', '--number-of-probes'] },
      { dest: 'probe-threshold', options: ['--probe-threshold'] },
      { dest: 'path', options: ['--path', '--request-path'] },
    ],
    run: (azure, a) => {
      const lb = lbFrom(azure, a);
      if (isError(lb)) return lb;
      const name = str(a, 'name')!;
      const bad = badResourceName(name);
      if (bad) return fault(bad);
      const port = int(a, 'port', 1, 65535);
      const interval = int(a, 'interval', PROBE_INTERVAL_MIN, 2147483647);
      const numberOfProbes = int(a, 'threshold', 1, 2147483647);
      const threshold = int(a, 'probe-threshold', 1, 100);
      for (const x of [port, interval, numberOfProbes, threshold]) if (isError(x)) return x;
      const protocol = str(a, 'protocol') as 'Http' | 'Https' | 'Tcp';
      if (protocol !== 'Tcp' && (str(a, 'path') ?? '') === '')
        return fault({ code: 'ProbeRequestPathRequired', message: `Probe ${name} of protocol ${protocol} must have a request path.` });
      const probe: LbProbe = {
        name,
        protocol,
        port: port as number,
        intervalS: (interval as number | undefined) ?? PROBE_INTERVAL_DEFAULT,
        threshold: (threshold as number | undefined) ?? PROBE_THRESHOLD_DEFAULT,
        numberOfProbes: (numberOfProbes as number | undefined) ?? NUMBER_OF_PROBES_DEFAULT,
        // LBProbeCreate maps --path "" to none; a Tcp probe has no path.
        ...(protocol !== 'Tcp' && str(a, 'path') ? { path: str(a, 'path')! } : {}),
      };
      // A probe of the same name is replaced (LBProbeCreate._set: the existing entry, else a new one).
      const at = lb.probes.findIndex((p) => p.name === name);
      if (at >= 0) lb.probes[at] = probe;
      else lb.probes.push(probe);
      const preview =
        threshold === undefined
          ? undefined
          : 'WARNING: Please note that the parameter --probe-threshold is currently in preview and is not recommended for production workloads. ' +
            'For most scenarios, we recommend maintaining the default value of 1 by not specifying the value of the property.\n';
      return { result: () => probeObject(lb, name), changed: true, ...(preview ? { stderr: preview } : {}) };
    },
  },
  ...children(
    (lb) => lb.probes,
    (_azure, lb, p) => probeObject(lb, p.name),
    referenced('Probe', probeId, (r, n) => r.probe === n),
  ),
};

const RULE: Readonly<Record<string, Command>> = {
  create: {
    args: [
      { ...RG, required: true },
      LB_NAME,
      NAME,
      { dest: 'protocol', options: ['--protocol'], required: true, choices: ['All', 'Tcp', 'Udp'], caseless: true },
      { dest: 'frontend-port', options: ['--frontend-port'], required: true },
      { dest: 'backend-port', options: ['--backend-port'], required: true },
      { dest: 'frontend-ip', options: ['--frontend-ip', '--frontend-ip-name'] },
      { dest: 'backend-pool-name', options: ['--backend-pool-name', '--backend-pools-name'] },
      { dest: 'probe', options: ['--probe', '--probe-name'] },
      { dest: 'idle-timeout', options: ['--idle-timeout', '--idle-timeout-in-minutes'] },
      { dest: 'floating-ip', options: ['--floating-ip', '--enable-floating-ip'], choices: ['true', 'false'], caseless: true },
      { dest: 'enable-tcp-reset', options: ['--enable-tcp-reset'], choices: ['true', 'false'], caseless: true },
      { dest: 'disable-outbound-snat', options: ['--disable-outbound-snat'], choices: ['true', 'false'], caseless: true },
      { dest: 'load-distribution', options: ['--load-distribution'], choices: ['Default', 'SourceIP', 'SourceIPProtocol'], caseless: true },
    ],
    run: (azure, a) => {
      const lb = lbFrom(azure, a);
      if (isError(lb)) return lb;
      const name = str(a, 'name')!;
      const bad = badResourceName(name);
      if (bad) return fault(bad);
      const frontendPort = int(a, 'frontend-port', 0, 65534);
      const backendPort = int(a, 'backend-port', 0, 65535);
      const idle = int(a, 'idle-timeout', 4, 30);
      for (const x of [frontendPort, backendPort, idle]) if (isError(x)) return x;
      // One frontend and one pool are taken when none is named; with more, the CLI asks (LBRuleCreate.pre_operations).
      const pool = str(a, 'backend-pool-name')?.split('/').pop() ?? (lb.pools.length === 1 ? lb.pools[0]!.name : undefined);
      if (pool === undefined && lb.pools.length > 1)
        return failure('ERROR: Multiple BackendAddressPools found in loadbalancer. Specify --backend-pool-name explicitly.', 1);
      if (pool === undefined)
        return failure(
          'ERROR: (hyperpane: a rule here sends to a backend pool, and the load balancer has none: az network lb address-pool create makes one)',
          1,
        );
      // A name or a resource ID (the CLI takes either).
      const frontend = str(a, 'frontend-ip')?.split('/').pop() ?? lb.frontend.name;
      const ruleId = lbRuleId(lb, name);
      const missing = (type: string, what: string) => referenceMissing(`${lbId(lb)}/${type}/${what}`, ruleId);
      if (frontend !== lb.frontend.name) return missing('frontendIPConfigurations', frontend);
      if (!lb.pools.some((p) => p.name === pool)) return missing('backendAddressPools', pool);
      const probe = str(a, 'probe')?.split('/').pop();
      if (probe !== undefined && !lb.probes.some((p) => p.name === probe)) return missing('probes', probe);
      const rule: LbRule = {
        name,
        protocol: str(a, 'protocol') as LbRule['protocol'],
        frontendPort: frontendPort as number,
        backendPort: backendPort as number,
        frontend,
        pool,
        ...(probe !== undefined ? { probe } : {}),
        // The service's defaults in the recorded response: idle timeout 4 minutes, floating IP and TCP reset off.
        idleTimeout: (idle as number | undefined) ?? 4,
        floatingIp: str(a, 'floating-ip') === 'true',
        tcpReset: str(a, 'enable-tcp-reset') === 'true',
        disableOutboundSnat: str(a, 'disable-outbound-snat') === 'true',
        loadDistribution: (str(a, 'load-distribution') ?? 'Default') as LbRule['loadDistribution'],
      };
      const clash = ruleConflict(
        lb,
        rule,
        (n) => lbRuleId(lb, n),
        (n) => poolId(lb, n),
      );
      if (clash) return fault(clash);
      const at = lb.rules.findIndex((r) => r.name === name);
      if (at >= 0) lb.rules[at] = rule;
      else lb.rules.push(rule);
      return { result: () => lbRuleObject(lb, rule), changed: true };
    },
  },
  ...children(
    (lb) => lb.rules,
    (_azure, lb, r) => lbRuleObject(lb, r),
  ),
};

const POOL: Readonly<Record<string, Command>> = {
  create: {
    args: [{ ...RG, required: true }, LB_NAME, NAME],
    run: (azure, a) => {
      const lb = lbFrom(azure, a);
      if (isError(lb)) return lb;
      const name = str(a, 'name')!;
      const bad = badResourceName(name);
      if (bad) return fault(bad);
      let pool = lb.pools.find((p) => p.name === name);
      if (!pool) {
        pool = { name, nics: [] };
        lb.pools.push(pool);
      }
      const made = pool;
      return { result: () => poolObject(azure.networks, lb, made), changed: true };
    },
  },
  ...children(
    (lb) => lb.pools,
    (azure, lb, p) => poolObject(azure.networks, lb, p),
    referenced(
      'Backend address pool',
      (lb, n) => poolId(lb, n),
      (r, n) => r.pool === n,
    ),
  ),
};

/** az network nic ip-config address-pool add|remove: the NIC's IP configuration joins or leaves a load balancer's pool. */
function membership(join: boolean): Command {
  return {
    args: [
      { ...RG, required: true },
      { dest: 'nic-name', options: ['--nic-name'], required: true },
      { dest: 'ip-config-name', options: ['--ip-config-name', '-n'], required: true },
      { dest: 'address-pool', options: ['--address-pool'], required: true },
      { dest: 'lb-name', options: ['--lb-name'] },
      { dest: 'gateway-name', options: ['--gateway-name'] },
    ],
    run: (azure, a) => {
      // _validators.py validate_address_pool_name_or_id: a pool's ID alone, or its name with --lb-name.
      const byId = childOfId(str(a, 'address-pool')!, 'loadBalancers', 'backendAddressPools');
      const usage = 'ERROR: usage error: --address-pool ID | --lb-name NAME --address-pool NAME | --gateway-name NAME --address-pool NAME';
      if (str(a, 'gateway-name') !== undefined || (byId ? str(a, 'lb-name') !== undefined : str(a, 'lb-name') === undefined)) return failure(usage, 2);
      const g = groupOf(azure, a);
      if (isError(g)) return g;
      const net = azure.networks;
      const nic = net.nic(g.name, str(a, 'nic-name')!);
      if (!nic) return notFound('networkInterfaces', str(a, 'nic-name')!, g.name);
      const lb = byId ? (net.lb(byId[1]!, byId[2]!) ?? notFound('loadBalancers', byId[2]!, byId[1]!)) : lbFrom(azure, a);
      if (isError(lb)) return lb;
      // A pool joins the NICs of its load balancer's group here.
      if (!same(lb.group, nic.group))
        return failure(`ERROR: (hyperpane: a NIC joins a pool of a load balancer in its own resource group here; ${lb.name} is in ${lb.group})`, 1);
      const ipConfig = str(a, 'ip-config-name')!;
      const ipConfigOfNic = (nicObject(net, nic, () => undefined).ipConfigurations as { name: string }[])[0]!.name;
      if (ipConfig !== ipConfigOfNic) return failure('ERROR: ResourceNotFoundError', 1);
      const poolName = byId ? byId[3]! : str(a, 'address-pool')!;
      const pool = lb.pools.find((p) => p.name === poolName);
      if (!pool) return referenceMissing(poolId(lb, poolName), `${nicObject(net, nic, () => undefined).id}/ipConfigurations/${ipConfig}`);
      if (lb.location !== nic.location)
        return fault({
          code: 'InvalidResourceReference',
          message: `Resource ${poolId(lb, pool.name)} is in ${lb.location}, the NIC ${nic.name} in ${nic.location}.`,
        });
      const has = pool.nics.some((n) => same(n, nic.name));
      if (join && !has) pool.nics.push(nic.name);
      if (!join && has)
        pool.nics.splice(
          pool.nics.findIndex((n) => same(n, nic.name)),
          1,
        );
      // It answers with the NIC's first IP configuration, flattened (custom.py add_nic_ip_config_address_pool).
      return { result: () => (nicObject(net, nic, () => undefined).ipConfigurations as unknown[])[0], changed: join !== has };
    },
  };
}

const FRONTEND = children(
  (lb) => [lb.frontend],
  (azure, lb) => frontendObject(azure.networks, lb),
);

export const LB_COMMANDS = { ...LB, probe: PROBE, rule: RULE, 'address-pool': POOL, 'frontend-ip': { list: FRONTEND.list, show: FRONTEND.show } };
export const NIC_POOL_COMMANDS = { 'ip-config': { 'address-pool': { add: membership(true), remove: membership(false) } } };
