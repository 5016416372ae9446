// A manifest's document as the API server takes it: strict decoding against
// the kind's fields (manifest-fields.ts), defaulting (core/v1 and apps/v1
// defaults.go), then validation (pkg/apis/*/validation), each failure in the
// server's words. What comes out is the object's desired state; the server
// side (kubectl-apply.ts) gives it its identity and status.

import type { Desired } from '../../orchestrator/api-server.js';
import { selectorMatches } from '../../orchestrator/labels.js';
import type { Container, ContainerPort, Deployment, LabelSelector, PodSpec, PodTemplate, ServicePort, ServiceType } from '../../orchestrator/objects.js';
import { parseQuantity } from '../../orchestrator/quantity.js';
import { checkShape, SHAPES } from './manifest-fields.js';
import { DNS1123_SUBDOMAIN, SUBDOMAIN_MSG, validateLabels } from './manifest-labels.js';
import { validateDeploymentExtras, validatePodExtras, validateSelector, validateServiceExtras } from './manifest-validation.js';

type Json = Record<string, unknown>;

const API_VERSIONS: Readonly<Record<string, string>> = {
  Pod: 'v1',
  Service: 'v1',
  Namespace: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

/** Why a document was refused: where kubectl says it comes from, and the text after it. */
export type Refusal =
  | { readonly stage: 'client'; readonly message: string }
  | { readonly stage: 'server'; readonly reason: 'BadRequest' | 'Invalid'; readonly message: string };

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric " +
  "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an " +
  "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Go's %#v of a map[string]string, keys in order. */
function goMap(m: Record<string, string>): string {
  return `map[string]string{${Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ')}}`;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const strMap = (v: unknown): Record<string, string> => ({ ...(obj(v) as Record<string, string>) });

/** kubectl's own check before sending: kind and apiVersion set. */
export function clientCheck(doc: unknown, source: string): Refusal | undefined {
  const d = obj(doc);
  const missing = !d.kind ? 'kind' : !d.apiVersion ? 'apiVersion' : undefined;
  if (missing)
    return {
      stage: 'client',
      message: `error validating "${source}": error validating data: ${missing} not set; if you choose to ignore these errors, turn validation off with --validate=false`,
    };
  const kind = String(d.kind);
  if (API_VERSIONS[kind] !== d.apiVersion) {
    const m = obj(d.metadata);
    return {
      stage: 'client',
      message:
        `resource mapping not found for name: "${m.name ?? ''}" namespace: "${m.namespace ?? ''}" from ` +
        `"${source}": no matches for kind "${kind}" in version "${d.apiVersion}"\nensure CRDs are installed first`,
    };
  }
  return undefined;
}

function container(c: Json): Container {
  const image = String(c.image ?? '');
  const tag = image.includes('@') ? 'digest' : (/:([^/]+)$/.exec(image)?.[1] ?? 'latest');
  const ports = Array.isArray(c.ports) ? c.ports.map((p) => ({ ...obj(p), protocol: obj(p).protocol ?? 'TCP' }) as unknown as ContainerPort) : undefined;
  const res = obj(c.resources);
  const resources = { ...(res.requests ? { requests: strMap(res.requests) } : {}), ...(res.limits ? { limits: strMap(res.limits) } : {}) };
  return {
    name: String(c.name ?? ''),
    image,
    ...(ports ? { ports } : {}),
    resources,
    ...(Array.isArray(c.command) ? { command: c.command.map(String) } : {}),
    ...(Array.isArray(c.args) ? { args: c.args.map(String) } : {}),
    // core/v1 defaults.go: Always for :latest or no tag, IfNotPresent otherwise.
    imagePullPolicy: (c.imagePullPolicy as Container['imagePullPolicy']) ?? (tag === 'latest' ? 'Always' : 'IfNotPresent'),
  };
}

function podSpec(spec: Json): PodSpec {
  return {
    containers: (Array.isArray(spec.containers) ? spec.containers : []).map((c) => container(obj(c))),
    ...(spec.nodeSelector ? { nodeSelector: strMap(spec.nodeSelector) } : {}),
    // Kept as given; validatePodExtras admits only the required terms the scheduler models.
    ...(spec.affinity && typeof spec.affinity === 'object' ? { affinity: structuredClone(spec.affinity) as PodSpec['affinity'] } : {}),
    tolerations: (Array.isArray(spec.tolerations) ? spec.tolerations : []).map((x) => {
      const t = obj(x);
      return {
        ...(typeof t.key === 'string' ? { key: t.key } : {}),
        ...(typeof t.operator === 'string' ? { operator: t.operator as 'Exists' } : {}),
        ...(typeof t.value === 'string' ? { value: t.value } : {}),
        ...(typeof t.effect === 'string' ? { effect: t.effect as 'NoExecute' } : {}),
        ...(typeof t.tolerationSeconds === 'number' ? { tolerationSeconds: t.tolerationSeconds } : {}),
      };
    }),
    ...(typeof spec.nodeName === 'string' ? { nodeName: spec.nodeName } : {}),
    restartPolicy: (spec.restartPolicy as PodSpec['restartPolicy']) ?? 'Always',
    terminationGracePeriodSeconds: (spec.terminationGracePeriodSeconds as number) ?? 30,
    schedulerName: (spec.schedulerName as string) ?? 'default-scheduler',
  };
}

/** The API server's checks of a Deployment's pod template after a change (kubectl set resources): its errors. */
export function templateProblems(spec: PodSpec): string[] {
  const errs: string[] = [];
  validatePodSpec(spec, 'spec.template.spec', errs, true);
  return errs;
}

function validatePodSpec(spec: PodSpec, path: string, errs: string[], onlyAlways: boolean): void {
  if (spec.containers.length === 0) errs.push(`${path}.containers: Required value`);
  spec.containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) errs.push(`${p}.name: Required value`);
    else if (!DNS1123_LABEL.test(c.name)) errs.push(`${p}.name: Invalid value: ${JSON.stringify(c.name)}: ${LABEL_MSG}`);
    if (!c.image) errs.push(`${p}.image: Required value`);
    for (const [which, m] of [
      ['requests', c.resources.requests],
      ['limits', c.resources.limits],
    ] as const)
      for (const [r, q] of Object.entries(m ?? {})) {
        // ValidateResourceName: a standard resource, or a domain-qualified one (example.com/gpu).
        if (
          !/^(cpu|memory|ephemeral-storage|hugepages-[0-9A-Za-z]+)$/.test(r) &&
          !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(r)
        )
          errs.push(`${p}.resources.${which}[${r}]: Invalid value: ${JSON.stringify(r)}: must be a standard resource type or fully qualified`);
        const parsed = parseQuantity(String(q));
        if (parsed.ok && parsed.value.nanos < 0n) errs.push(`${p}.resources.${which}[${r}]: Invalid value: "${q}": must be greater than or equal to 0`);
      }
    for (const r of ['cpu', 'memory']) {
      const req = c.resources.requests?.[r];
      const lim = c.resources.limits?.[r];
      if (req !== undefined && lim !== undefined) {
        const a = parseQuantity(req);
        const b = parseQuantity(lim);
        if (a.ok && b.ok && a.value.nanos > b.value.nanos)
          errs.push(`${p}.resources.requests: Invalid value: "${req}": must be less than or equal to ${r} limit of ${lim}`);
      }
    }
  });
  validatePodExtras(spec, path, errs);
  if (spec.nodeSelector) validateLabels(spec.nodeSelector, `${path}.nodeSelector`, errs);
  if (onlyAlways && spec.restartPolicy !== 'Always')
    errs.push(`${path}.restartPolicy: Unsupported value: ${JSON.stringify(spec.restartPolicy)}: supported values: "Always"`);
  else if (!['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy))
    errs.push(`${path}.restartPolicy: Unsupported value: ${JSON.stringify(spec.restartPolicy)}: supported values: "Always", "OnFailure", "Never"`);
}

/** A bad quantity fails decoding, before validation (resource.Quantity's UnmarshalJSON). */
function badQuantity(spec: PodSpec): string | undefined {
  for (const c of spec.containers)
    for (const m of [c.resources.requests, c.resources.limits])
      for (const q of Object.values(m ?? {})) {
        const r = parseQuantity(String(q));
        if (!r.ok) return r.error;
      }
  return undefined;
}

function selectorOf(v: unknown): LabelSelector | undefined {
  if (!v) return undefined;
  const o = obj(v);
  return {
    ...(o.matchLabels ? { matchLabels: strMap(o.matchLabels) } : {}),
    ...(Array.isArray(o.matchExpressions)
      ? {
          matchExpressions: o.matchExpressions.map((x) => {
            const e = obj(x);
            // A null in a []string decodes as "" (encoding/json).
            const values = Array.isArray(e.values) ? e.values.map((v) => (v === null || v === undefined ? '' : String(v))) : undefined;
            return { key: String(e.key ?? ''), operator: String(e.operator ?? '') as 'In', ...(values ? { values } : {}) };
          }),
        }
      : {}),
  };
}

function template(v: unknown): PodTemplate {
  const t = obj(v);
  const m = obj(t.metadata);
  return { metadata: { labels: strMap(m.labels), ...(m.annotations ? { annotations: strMap(m.annotations) } : {}) }, spec: podSpec(obj(t.spec)) };
}

/** Decodes, defaults and validates one document whose kind and apiVersion kubectl accepted. */
export function decode(doc: unknown, defaultNamespace: string): { ok: true; value: Desired } | { ok: false; refusal: Refusal } {
  const d = obj(doc);
  const kind = String(d.kind) as Desired['kind'];
  const version = String(d.apiVersion).split('/').pop();
  const problems = { unknown: [] as string[], typeError: undefined as string | undefined };
  checkShape(d, SHAPES[kind], '', kind, problems);
  const cannot = (why: string): { ok: false; refusal: Refusal } => ({
    ok: false,
    refusal: { stage: 'server', reason: 'BadRequest', message: `${kind} in version "${version}" cannot be handled as a ${kind}: ${why}` },
  });
  if (problems.typeError) return cannot(problems.typeError);
  if (problems.unknown.length) return cannot(`strict decoding error: ${problems.unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
  const meta = obj(d.metadata);
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = kind === 'Namespace' ? undefined : typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace;
  const errs: string[] = [];
  if (!name) errs.push('metadata.name: Required value: name or generateName is required');
  else if (kind === 'Service' && !DNS1035_LABEL.test(name)) errs.push(`metadata.name: Invalid value: ${JSON.stringify(name)}: ${DNS1035_MSG}`);
  else if (kind === 'Namespace' && !DNS1123_LABEL.test(name)) errs.push(`metadata.name: Invalid value: ${JSON.stringify(name)}: ${LABEL_MSG}`);
  else if (!DNS1123_SUBDOMAIN.test(name)) errs.push(`metadata.name: Invalid value: ${JSON.stringify(name)}: ${SUBDOMAIN_MSG}`);
  validateLabels(strMap(meta.labels), 'metadata.labels', errs);
  for (const [k, v] of Object.entries(strMap(meta.annotations)))
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(k + v) || k.length > 317 || v.length > 256 * 1024)
      errs.push(
        `metadata.annotations: Invalid value: ${JSON.stringify(k)}: hyperpane keeps annotations without control characters (but line breaks and tabs), keys of at most 317 characters`,
      );
  if (namespace !== undefined && !DNS1123_LABEL.test(namespace)) errs.push(`metadata.namespace: Invalid value: ${JSON.stringify(namespace)}: ${LABEL_MSG}`);
  const spec = obj(d.spec);
  let out: unknown;
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const t = template(spec.template);
    const bad = badQuantity(t.spec);
    if (bad) return cannot(bad);
    validateLabels(t.metadata.labels, 'spec.template.metadata.labels', errs);
    const selector = selectorOf(spec.selector);
    if (selector?.matchLabels) validateLabels({ ...selector.matchLabels }, 'spec.selector.matchLabels', errs);
    if (selector) validateSelector(selector, 'spec.selector', errs);
    const replicas = (spec.replicas as number | undefined) ?? 1;
    if (replicas < 0) errs.push(`spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
    if (!selector) errs.push('spec.selector: Required value');
    else if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
      errs.push('spec.selector: Invalid value: "null": empty selector is invalid for deployment');
    else if (!selectorMatches(selector, t.metadata.labels))
      errs.push(`spec.template.metadata.labels: Invalid value: ${goMap(t.metadata.labels)}: \`selector\` does not match template \`labels\``);
    validatePodSpec(t.spec, 'spec.template.spec', errs, true);
    if (kind === 'ReplicaSet') out = { replicas, selector, template: t, minReadySeconds: (spec.minReadySeconds as number) ?? 0 };
    else {
      const strategy = obj(spec.strategy);
      const type = (strategy.type as string) ?? 'RollingUpdate';
      const ru = obj(strategy.rollingUpdate);
      if (type !== 'RollingUpdate' && type !== 'Recreate')
        errs.push(`spec.strategy.type: Unsupported value: ${JSON.stringify(type)}: supported values: "Recreate", "RollingUpdate"`);
      for (const f of ['maxSurge', 'maxUnavailable'] as const) {
        const v = ru[f];
        if (typeof v === 'string' && !/^\d+%$/.test(v))
          errs.push(
            `spec.strategy.rollingUpdate.${f}: Invalid value: ${JSON.stringify(v)}: a valid percent string must be a ` +
              `numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
          );
      }
      const built: Deployment['spec'] = {
        replicas,
        selector: selector ?? {},
        template: t,
        strategy:
          type === 'Recreate'
            ? { type: 'Recreate' }
            : {
                type: 'RollingUpdate',
                rollingUpdate: { maxSurge: (ru.maxSurge as number | string) ?? '25%', maxUnavailable: (ru.maxUnavailable as number | string) ?? '25%' },
              },
        revisionHistoryLimit: (spec.revisionHistoryLimit as number) ?? 10,
        progressDeadlineSeconds: (spec.progressDeadlineSeconds as number) ?? 600,
        minReadySeconds: (spec.minReadySeconds as number) ?? 0,
        ...(spec.paused ? { paused: true } : {}),
      };
      validateDeploymentExtras(built, errs);
      out = built;
    }
  } else if (kind === 'Pod') {
    const p = podSpec(spec);
    const bad = badQuantity(p);
    if (bad) return cannot(bad);
    validatePodSpec(p, 'spec', errs, false);
    out = p;
  } else if (kind === 'HorizontalPodAutoscaler') {
    const ref = obj(spec.scaleTargetRef);
    // ValidateCrossVersionObjectReference: kind and name are path segments; hyperpane scales Deployments and ReplicaSets.
    if (!ref.kind) errs.push('spec.scaleTargetRef.kind: Required value');
    else if (ref.kind !== 'Deployment' && ref.kind !== 'ReplicaSet')
      errs.push(`spec.scaleTargetRef.kind: Unsupported value: ${JSON.stringify(ref.kind)}: hyperpane scales "Deployment" and "ReplicaSet"`);
    if (!ref.name) errs.push('spec.scaleTargetRef.name: Required value');
    else if (String(ref.name).length > 253 || !DNS1123_SUBDOMAIN.test(String(ref.name)))
      errs.push(`spec.scaleTargetRef.name: Invalid value: ${JSON.stringify(ref.name)}: ${SUBDOMAIN_MSG}`);
    if (ref.apiVersion !== undefined && ref.apiVersion !== 'apps/v1')
      errs.push(`spec.scaleTargetRef.apiVersion: Unsupported value: ${JSON.stringify(ref.apiVersion)}: supported values: "apps/v1"`);
    if (spec.behavior !== undefined) errs.push('spec.behavior: Unsupported value: hyperpane models the default scaling behavior only');
    if (Array.isArray(spec.metrics) && spec.metrics.length > 20) errs.push(`spec.metrics: Too many: ${spec.metrics.length}: hyperpane keeps at most 20`);
    const min = (spec.minReplicas as number | undefined) ?? 1;
    const max = (spec.maxReplicas as number | undefined) ?? 0;
    if (min < 1) errs.push(`spec.minReplicas: Invalid value: ${min}: must be greater than or equal to 1`);
    if (max < 1) errs.push(`spec.maxReplicas: Invalid value: ${max}: must be greater than or equal to 1`);
    else if (min > max) errs.push(`spec.minReplicas: Invalid value: ${min}: must be less than or equal to maxReplicas`);
    const metrics = (Array.isArray(spec.metrics) ? spec.metrics : []).map((x, i) => {
      const m = obj(x);
      const r = obj(m.resource);
      const t = obj(r.target);
      if (m.type !== 'Resource' || (r.name !== 'cpu' && r.name !== 'memory') || t.type !== 'Utilization' || typeof t.averageUtilization !== 'number')
        errs.push(`spec.metrics[${i}]: Unsupported value: hyperpane models Resource metrics of cpu or memory with a Utilization target`);
      else if (t.averageUtilization <= 0 || t.averageUtilization > 100_000)
        errs.push(
          `spec.metrics[${i}].resource.target.averageUtilization: Invalid value: ${t.averageUtilization}: must be greater than 0 (and, here, at most 100000)`,
        );
      return { type: 'Resource', resource: { name: r.name, target: { type: 'Utilization', averageUtilization: t.averageUtilization } } };
    });
    // With no metrics the controller scales on 80% CPU (podautoscaler's defaultTargetCPUUtilizationPercentage).
    out = {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: String(ref.kind ?? ''), name: String(ref.name ?? '') },
      minReplicas: min,
      maxReplicas: max,
      metrics: metrics.length ? metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    };
  } else if (kind === 'Service') {
    if (spec.selector) validateLabels(strMap(spec.selector), 'spec.selector', errs);
    const type = ((spec.type as string) ?? 'ClusterIP') as ServiceType;
    if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(type))
      errs.push(
        (type as string) === 'ExternalName'
          ? 'spec.type: Unsupported value: "ExternalName": not modelled by hyperpane yet'
          : `spec.type: Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
      );
    const ports: ServicePort[] = (Array.isArray(spec.ports) ? spec.ports : []).map((x) => {
      const p = obj(x);
      return {
        ...(p.name ? { name: String(p.name) } : {}),
        protocol: ((p.protocol as string) ?? 'TCP') as ServicePort['protocol'],
        port: Number(p.port ?? 0),
        targetPort: (p.targetPort as number | string) ?? Number(p.port ?? 0),
        ...(p.nodePort ? { nodePort: Number(p.nodePort) } : {}),
      };
    });
    if (ports.length === 0) errs.push('spec.ports: Required value');
    validateServiceExtras(ports, String(spec.sessionAffinity ?? 'None'), errs);
    ports.forEach((p, i) => {
      if (!(p.port >= 1 && p.port <= 65535)) errs.push(`spec.ports[${i}].port: Invalid value: ${p.port}: must be between 1 and 65535, inclusive`);
      if (ports.length > 1 && !p.name) errs.push(`spec.ports[${i}].name: Required value`);
      if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol))
        errs.push(`spec.ports[${i}].protocol: Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"`);
    });
    out = { type, ...(spec.selector ? { selector: strMap(spec.selector) } : {}), ports, sessionAffinity: (spec.sessionAffinity as string) ?? 'None' };
  }
  if (errs.length)
    return {
      ok: false,
      refusal: { stage: 'server', reason: 'Invalid', message: `The ${kind} "${name}" is invalid: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}` },
    };
  return { ok: true, value: { kind, name, namespace, labels: strMap(meta.labels), annotations: strMap(meta.annotations), spec: out } };
}
