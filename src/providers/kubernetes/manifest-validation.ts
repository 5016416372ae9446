// The API server's validation of what the orchestrator models beyond names and
// labels (pkg/apis/core/validation, pkg/apis/apps/validation), each message in
// its words; and hyperpane's own refusals of what it does not model, said
// plainly. Whatever passes here is what an estate file can hold.
import type { Deployment, LabelSelector, PodSpec, ServicePort } from '../../orchestrator/objects.js';
import { DNS1123_SUBDOMAIN, validateLabelKey, validateLabels, validateLabelValue } from './manifest-labels.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const supported = (values: readonly string[]) => `supported values: ${values.map((v) => `"${v}"`).join(', ')}`;

export function validatePodExtras(spec: PodSpec, path: string, errs: string[]): void {
  if (spec.containers.length > 1)
    errs.push(`${path}.containers: Too many: ${spec.containers.length}: hyperpane runs pods of one container (sidecars are not modelled yet)`);
  spec.containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy))
      errs.push(`${p}.imagePullPolicy: Unsupported value: ${JSON.stringify(c.imagePullPolicy)}: ${supported(['Always', 'IfNotPresent', 'Never'])}`);
    if (c.image.length > 1000 || /\s/.test(c.image) || CONTROL.test(c.image))
      errs.push(`${p}.image: Invalid value: ${JSON.stringify(c.image)}: not a valid image reference`);
    for (const [j, a] of [...(c.command ?? []), ...(c.args ?? [])].entries())
      if (CONTROL.test(a) || a.length > 10_000)
        errs.push(
          `${p}.${j < (c.command?.length ?? 0) ? 'command' : 'args'}: Invalid value: hyperpane keeps no control characters but line breaks and tabs, and at most 10,000 characters an argument`,
        );
    (c.ports ?? []).forEach((port, j) => {
      const pp = `${p}.ports[${j}]`;
      if (!(Number.isInteger(port.containerPort) && port.containerPort >= 1 && port.containerPort <= 65535))
        errs.push(`${pp}.containerPort: Invalid value: ${port.containerPort}: must be between 1 and 65535, inclusive`);
      if (!['TCP', 'UDP', 'SCTP'].includes(port.protocol))
        errs.push(`${pp}.protocol: Unsupported value: ${JSON.stringify(port.protocol)}: ${supported(['SCTP', 'TCP', 'UDP'])}`);
      if (port.name !== undefined && (port.name.length > 15 || !IANA_SVC_NAME.test(port.name)))
        errs.push(`${pp}.name: Invalid value: ${JSON.stringify(port.name)}: must be no more than 15 characters and an IANA service name`);
    });
  });
  spec.tolerations.forEach((t, i) => {
    const p = `${path}.tolerations[${i}]`;
    if (t.operator !== undefined && t.operator !== 'Exists' && t.operator !== 'Equal')
      errs.push(`${p}.operator: Unsupported value: ${JSON.stringify(t.operator)}: ${supported(['Equal', 'Exists'])}`);
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(`${p}.effect: Unsupported value: ${JSON.stringify(t.effect)}: ${supported(['NoExecute', 'NoSchedule', 'PreferNoSchedule'])}`);
    if (t.operator === 'Exists' && t.value) errs.push(`${p}.operator: Invalid value: "${t.value}": value must be empty when \`operator\` is 'Exists'`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(`${p}.effect: Invalid value: ${JSON.stringify(t.effect ?? '')}: effect must be 'NoExecute' when \`tolerationSeconds\` is set`);
  });
  if (spec.affinity !== undefined) validateAffinity(spec.affinity as unknown, `${path}.affinity`, errs);
  if (spec.terminationGracePeriodSeconds < 0)
    errs.push(`${path}.terminationGracePeriodSeconds: Invalid value: ${spec.terminationGracePeriodSeconds}: must be greater than or equal to 0`);
  if (spec.nodeName !== undefined && (spec.nodeName.length > 253 || !DNS1123_SUBDOMAIN.test(spec.nodeName)))
    errs.push(`${path}.nodeName: Invalid value: ${JSON.stringify(spec.nodeName)}: a lowercase RFC 1123 subdomain is required`);
}

/** ValidateLabelSelectorRequirement, a requirement at a time: its operator and values, then its key, then its values as labels. */
export function validateSelector(s: LabelSelector, path: string, errs: string[]): void {
  (s.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator))
      errs.push(`${p}.operator: Invalid value: ${JSON.stringify(e.operator)}: not a valid selector operator`);
    else if ((e.operator === 'In' || e.operator === 'NotIn') && !(e.values ?? []).length)
      errs.push(`${p}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && (e.values ?? []).length)
      errs.push(`${p}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
    requirementKeys([e], `${path}.matchExpressions`, errs, true, i);
  });
}

/** apps/v1 ValidateDeploymentSpec's numbers and its rolling update's bounds. */
export function validateDeploymentExtras(spec: Deployment['spec'], errs: string[]): void {
  if (spec.revisionHistoryLimit < 0) errs.push(`spec.revisionHistoryLimit: Invalid value: ${spec.revisionHistoryLimit}: must be greater than or equal to 0`);
  if (spec.minReadySeconds < 0) errs.push(`spec.minReadySeconds: Invalid value: ${spec.minReadySeconds}: must be greater than or equal to 0`);
  if (spec.progressDeadlineSeconds <= spec.minReadySeconds)
    errs.push(`spec.progressDeadlineSeconds: Invalid value: ${spec.progressDeadlineSeconds}: must be greater than minReadySeconds`);
  if (spec.strategy.type !== 'RollingUpdate') return;
  const { maxSurge, maxUnavailable } = spec.strategy.rollingUpdate;
  for (const [f, v] of [
    ['maxSurge', maxSurge],
    ['maxUnavailable', maxUnavailable],
  ] as const) {
    const n = typeof v === 'number' ? v : Number(String(v).slice(0, -1));
    if (n < 0) errs.push(`spec.strategy.rollingUpdate.${f}: Invalid value: ${JSON.stringify(v)}: must be greater than or equal to 0`);
    if (f === 'maxUnavailable' && typeof v === 'string' && n > 100)
      errs.push(`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "${v}": must not be greater than 100%`);
  }
  const zero = (v: number | string) => (typeof v === 'number' ? v === 0 : Number(String(v).slice(0, -1)) === 0);
  if (zero(maxSurge) && zero(maxUnavailable))
    errs.push(`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ${JSON.stringify(maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`);
}

/** The node-port range the API server allocates from (--service-node-port-range). */
const NODE_PORTS: readonly [number, number] = [30000, 32767];

export function validateServiceExtras(ports: readonly ServicePort[], sessionAffinity: string, errs: string[]): void {
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined && !(p.nodePort >= NODE_PORTS[0] && p.nodePort <= NODE_PORTS[1]))
      errs.push(
        `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORTS[0]}-${NODE_PORTS[1]}`,
      );
    if (typeof p.targetPort === 'number' && !(p.targetPort >= 1 && p.targetPort <= 65535))
      errs.push(`spec.ports[${i}].targetPort: Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive`);
    if (typeof p.targetPort === 'string' && (p.targetPort.length > 15 || !IANA_SVC_NAME.test(p.targetPort)))
      errs.push(
        `spec.ports[${i}].targetPort: Invalid value: ${JSON.stringify(p.targetPort)}: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      );
    if (p.name !== undefined && !IANA_SVC_NAME.test(p.name))
      errs.push(`spec.ports[${i}].name: Invalid value: ${JSON.stringify(p.name)}: a lowercase RFC 1123 label is required`);
  });
  if (!['None', 'ClientIP'].includes(sessionAffinity))
    errs.push(`spec.sessionAffinity: Unsupported value: ${JSON.stringify(sessionAffinity)}: ${supported(['ClientIP', 'None'])}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (v: Record<string, unknown>, keys: readonly string[]) => Object.keys(v).every((k) => keys.includes(k));
const AFFINITY_MODELLED =
  'hyperpane models node affinity (matchExpressions with In, NotIn, Exists, DoesNotExist) and pod affinity and anti-affinity on kubernetes.io/hostname, required and preferred';

/**
 * A requirement of the shape modelled. A label selector's keys and values are then checked as labels
 * (requirementKeys); a node selector's values the API leaves alone, and the simulation holds up to 63
 * characters of text without control characters.
 */
function validRequirement(r: unknown, nodeSelector = false): boolean {
  if (!isObj(r) || !onlyKeys(r, ['key', 'operator', 'values']) || typeof r.key !== 'string') return false;
  if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(r.operator))) return false;
  const values = r.values === undefined ? [] : r.values;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || (nodeSelector && (v.length > 63 || CONTROL.test(v))))) return false;
  return (r.operator === 'In' || r.operator === 'NotIn') === values.length > 0;
}

const nodeRequirement = (r: unknown) => validRequirement(r, true);

/** The affinity the scheduler models, and nothing else (matchFields, other topologies, namespaces and namespaceSelector are refused plainly). */
function validateAffinity(a: unknown, path: string, errs: string[]): void {
  const refuse = (where: string) => errs.push(`${path}${where}: Unsupported value: ${AFFINITY_MODELLED}`);
  if (!isObj(a) || !onlyKeys(a, ['nodeAffinity', 'podAffinity', 'podAntiAffinity'])) return void refuse('');
  if (a.nodeAffinity !== undefined) validateNodeAffinity(a.nodeAffinity, `${path}.nodeAffinity`, errs, refuse);
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) if (a[kind] !== undefined) validatePodAffinity(a[kind], `${path}.${kind}`, errs, refuse);
}

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

/** Each requirement's key as a label key (ValidateLabelName), and for a label selector its values as label values. */
function requirementKeys(reqs: readonly unknown[], path: string, errs: string[], values: boolean, first = 0): void {
  for (const [at, r] of reqs.entries()) {
    const j = first + at;
    const req = r as { key: string; values?: string[] };
    validateLabelKey(req.key, `${path}[${j}].key`, errs);
    if (values) for (const [k, v] of (req.values ?? []).entries()) validateLabelValue(v, `${path}[${j}].values[${k}]`, errs);
  }
}

/** validation.go's check of a preferred term's weight. */
function weightProblem(t: Record<string, unknown>, at: string): string | undefined {
  const w = t.weight;
  return typeof w === 'number' && Number.isInteger(w) && w >= 1 && w <= 100
    ? undefined
    : `${at}.weight: Invalid value: ${JSON.stringify(w ?? 0)}: must be in the range 1-100`;
}

function validateNodeAffinity(n: unknown, at: string, errs: string[], refuse: (where: string) => void): void {
  const where = at.slice(at.indexOf('.nodeAffinity'));
  if (!isObj(n) || !onlyKeys(n, [REQUIRED, PREFERRED])) return void refuse(where);
  if (n[REQUIRED] !== undefined) {
    const req = n[REQUIRED];
    if (!isObj(req) || !onlyKeys(req, ['nodeSelectorTerms'])) return void refuse(where);
    const terms = req.nodeSelectorTerms;
    if (!Array.isArray(terms) || terms.length === 0)
      return void errs.push(`${at}.${REQUIRED}.nodeSelectorTerms: Required value: must have at least one node selector term`);
    for (const [i, t] of terms.entries()) {
      if (!isObj(t) || !onlyKeys(t, ['matchExpressions']) || !Array.isArray(t.matchExpressions) || !t.matchExpressions.every(nodeRequirement))
        return void refuse(`${where}.${REQUIRED}.nodeSelectorTerms`);
      requirementKeys(t.matchExpressions, `${at}.${REQUIRED}.nodeSelectorTerms[${i}].matchExpressions`, errs, false);
    }
  }
  if (n[PREFERRED] !== undefined) {
    const pref = n[PREFERRED];
    if (!Array.isArray(pref)) return void refuse(where);
    for (const [i, t] of pref.entries()) {
      const p = isObj(t) ? t.preference : undefined;
      if (!isObj(t) || !onlyKeys(t, ['weight', 'preference']) || !isObj(p) || !onlyKeys(p, ['matchExpressions'])) return void refuse(`${where}.${PREFERRED}`);
      if (!Array.isArray(p.matchExpressions) || !p.matchExpressions.every(nodeRequirement)) return void refuse(`${where}.${PREFERRED}`);
      requirementKeys(p.matchExpressions, `${at}.${PREFERRED}[${i}].preference.matchExpressions`, errs, false);
      const w = weightProblem(t, `${at}.${PREFERRED}[${i}]`);
      if (w) errs.push(w);
    }
  }
}

function validatePodAffinity(p: unknown, at: string, errs: string[], refuse: (where: string) => void): void {
  const where = at.slice(at.lastIndexOf('.'));
  if (!isObj(p) || !onlyKeys(p, [REQUIRED, PREFERRED])) return void refuse(where);
  const term = (t: unknown, tAt: string): boolean => {
    const sel = isObj(t) ? t.labelSelector : undefined;
    if (!isObj(t) || !onlyKeys(t, ['labelSelector', 'topologyKey']) || !isObj(sel) || !onlyKeys(sel, ['matchLabels', 'matchExpressions'])) return false;
    if (t.topologyKey === undefined || t.topologyKey === '') {
      errs.push(`${tAt}.topologyKey: Required value: can not be empty`);
      return true;
    }
    if (t.topologyKey !== 'kubernetes.io/hostname') return false;
    if (sel.matchLabels !== undefined && (!isObj(sel.matchLabels) || Object.values(sel.matchLabels).some((v) => typeof v !== 'string'))) return false;
    if (sel.matchExpressions !== undefined && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.every((r) => validRequirement(r)))) return false;
    // ValidateLabelSelector: its labels, and each requirement's key and values, as labels are checked.
    if (sel.matchLabels !== undefined) validateLabels(sel.matchLabels as Record<string, string>, `${tAt}.labelSelector.matchLabels`, errs);
    if (sel.matchExpressions !== undefined) requirementKeys(sel.matchExpressions as unknown[], `${tAt}.labelSelector.matchExpressions`, errs, true);
    return true;
  };
  if (p[REQUIRED] !== undefined) {
    const req = p[REQUIRED];
    if (!Array.isArray(req)) return void refuse(where);
    for (const [i, t] of req.entries()) if (!term(t, `${at}.${REQUIRED}[${i}]`)) return void refuse(`${where}.${REQUIRED}`);
  }
  if (p[PREFERRED] !== undefined) {
    const pref = p[PREFERRED];
    if (!Array.isArray(pref)) return void refuse(where);
    for (const [i, t] of pref.entries()) {
      if (!isObj(t) || !onlyKeys(t, ['weight', 'podAffinityTerm'])) return void refuse(`${where}.${PREFERRED}`);
      if (!term(t.podAffinityTerm, `${at}.${PREFERRED}[${i}].podAffinityTerm`)) return void refuse(`${where}.${PREFERRED}`);
      const w = weightProblem(t, `${at}.${PREFERRED}[${i}]`);
      if (w) errs.push(w);
    }
  }
}
