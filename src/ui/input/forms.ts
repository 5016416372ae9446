// The small forms: a new workload (provider, name, size, image, where) with a
// live placement preview, a clone and a snapshot's name, each with the native
// command that does the same, made again as the fields change. Fields are text;
// they are read and checked when the form is sent, and a mistake says which
// field and why.
import { PLATFORMS, type Platform } from '../../core/model.js';
import { formatMiB, parseSizeMiB } from '../../core/units.js';
import { SIZES } from '../../providers/azure/defaults.js';
import { quoteWord } from '../../providers/cli/tokenize.js';
import type { CreateRequest, PerformArgs, Provider } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import { line } from '../line-edit.js';
import { PROVIDER_LABEL } from '../panes/labels.js';
import type { FormField, Overlay } from '../state.js';
import { previewCreate } from './create-preview.js';

type Form = Extract<Overlay, { type: 'form' }>;

const field = (id: string, label: string, value: string, extra: Partial<FormField> = {}): FormField => ({ id, label, edit: line(value), ...extra });

/** The platform a new workload defaults to from where the user is. */
function defaultPlatform(ctl: Controller): Platform {
  const pane = ctl.state.pane;
  if (pane === 'containers') return 'docker';
  if (pane === 'cloud') return 'azure';
  const t = ctl.target();
  if (t?.type === 'host') return ctl.estate.sim.host(t.id)?.platform ?? 'vmware';
  if (t?.type === 'workload') return ctl.estate.sim.workload(t.id)?.platform ?? 'vmware';
  return 'vmware';
}

function freeName(ctl: Controller, prefix: string): string {
  // Names through a cursor: building a view of every workload costs seconds at 100,000.
  const sim = ctl.estate.sim;
  const row = sim.workloadCursor();
  const names = new Set<string>();
  for (let w = 0; w < sim.workloadCount; w++) names.add(row.at(w).name);
  for (let n = 1; ; n++) if (!names.has(`${prefix}-${String(n).padStart(2, '0')}`)) return `${prefix}-${String(n).padStart(2, '0')}`;
}

function fieldsFor(ctl: Controller, platform: Platform): FormField[] {
  const provider = field('provider', 'Provider', PROVIDER_LABEL[platform], { choices: PLATFORMS.map((p) => PROVIDER_LABEL[p]), fixed: true });
  if (platform === 'docker') {
    const hosts = ctl.estate.providers.docker.hosts().map((h) => h.id);
    return [
      provider,
      field('name', 'Name', freeName(ctl, 'app')),
      field('image', 'Image', 'nginx:latest'),
      field('host', 'Docker host', ctl.estate.providers.docker.currentHost() ?? hosts[0] ?? '', { choices: hosts }),
      field('memory', 'Memory limit', '', { hint: 'e.g. 512m; blank: none' }),
      field('cpus', 'CPUs', '', { hint: 'e.g. 0.5; blank: no limit' }),
    ];
  }
  if (platform === 'azure') {
    const groups = [...ctl.estate.providers.azure.groups.values()].map((g) => g.name);
    return [
      provider,
      field('name', 'Name', freeName(ctl, 'cloud-vm')),
      field('size', 'Size', 'Standard_B2s', { choices: SIZES.map((s) => s.name) }),
      field('group', 'Resource group', groups[0] ?? 'demo-rg', { choices: groups }),
      field('image', 'Image', 'Ubuntu2404'),
    ];
  }
  const templates: string[] = [];
  const sim = ctl.estate.sim;
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).platform === platform && row.template && row.state !== 'deleted') templates.push(row.id);
  return [
    provider,
    field('name', 'Name', freeName(ctl, 'vm')),
    ...(templates.length > 0 ? [field('template', 'From template', '', { choices: ['', ...templates], fixed: true, hint: 'blank: a new, empty VM' })] : []),
    field('vcpus', 'vCPUs', '2'),
    field('memory', 'Memory', '4GiB'),
    field('disk', 'Disk (GiB)', '40'),
    field('image', 'Image', '', { hint: "blank: the provider's default" }),
    field('host', 'Host', '', {
      hint: 'blank: placement chooses',
      choices: [
        '',
        ...ctl.estate.sim
          .hostViews()
          .filter((h) => h.platform === platform)
          .map((h) => h.id),
      ],
    }),
  ];
}

/** A form is at most this wide; its border and padding take FORM_CHROME columns, a field's mark and label FIELD_LABEL. */
export const FORM_WIDTH = 90;
const FORM_CHROME = 6;
const FIELD_LABEL = 18;

/** The columns a field's text has in a form on a terminal `width` wide (choices take ◂ and ▸ around it). */
export function formFieldRoom(width: number, f: FormField): number {
  return Math.max(1, Math.min(width, FORM_WIDTH) - FORM_CHROME - FIELD_LABEL - (f.choices ? 4 : 0));
}

export function newForm(ctl: Controller, platform = defaultPlatform(ctl)): Form {
  const form: Form = { type: 'form', purpose: 'new', title: 'New workload', fields: fieldsFor(ctl, platform), focus: 1, preview: '', previewOk: false };
  return withPreview(ctl, form);
}

export function snapshotForm(ctl: Controller, provider: Provider, workload: string): Form {
  const row = ctl.estate.sim.workloadRow(workload)!;
  const name = row.name;
  const taken = row.snapshots.list.length;
  const form: Form = {
    type: 'form',
    purpose: 'snapshot',
    workload,
    title: `${provider.terms.snapshot[0].toUpperCase()}${provider.terms.snapshot.slice(1)} of ${name}`,
    fields: [field('name', 'Name', `${name}-snap-${taken + 1}`)],
    focus: 0,
    preview: '',
    previewOk: false,
  };
  return withPreview(ctl, form);
}

/** Clone: a name, full or linked (where the platform makes linked clones), from which snapshot, where, powered on or not. */
export function cloneForm(ctl: Controller, provider: Provider, workload: string): Form {
  const sim = ctl.estate.sim;
  const v = sim.workload(workload)!;
  const tree = sim.workloadRow(workload)!.snapshots;
  const snapshots = [...tree.list].reverse().map((s) => s.name);
  const fields: FormField[] = [field('name', 'Name', provider.defaultCloneName(v))];
  if (provider.linkedClones)
    fields.push(field('type', 'Type', 'full', { choices: ['full', 'linked'], fixed: true, hint: "linked: shares a snapshot's disk, ready in seconds" }));
  if (snapshots.length > 0)
    fields.push(
      field('snapshot', 'From snapshot', '', {
        choices: ['', ...snapshots],
        fixed: true,
        hint: provider.linkedClones ? 'blank: as it is now; linked: the current one' : 'blank: as it is now',
      }),
    );
  const hosts = sim
    .hostViews()
    .filter((h) => h.platform === v.platform && h.state === 'connected')
    .map((h) => h.id);
  fields.push(field('host', 'Host', '', { choices: ['', ...hosts], fixed: true, hint: 'blank: placement chooses' }));
  fields.push(field('power', 'Power on', 'no', { choices: ['no', 'yes'], fixed: true }));
  const form: Form = { type: 'form', purpose: 'clone', workload, title: `Clone ${v.name}`, fields, focus: 0, preview: '', previewOk: false };
  return withPreview(ctl, form);
}

/** What a clone form asks for, or which field is wrong. */
export function readClone(form: Form): PerformArgs | { error: string } {
  const v = (id: string) => form.fields.find((f) => f.id === id)?.edit.text.trim() ?? '';
  const name = v('name');
  if (!name) return { error: 'Name: required' };
  return {
    cloneName: name,
    linked: v('type') === 'linked',
    snapshot: v('snapshot') || undefined,
    targetHost: v('host') || undefined,
    powerOn: v('power') === 'yes',
  };
}

export function platformOf(form: Form): Platform {
  const label = form.fields.find((f) => f.id === 'provider')?.edit.text;
  return PLATFORMS.find((p) => PROVIDER_LABEL[p] === label) ?? 'vmware';
}

/** The form after its provider changed: the other fields are those of the new provider. */
export function switchProvider(ctl: Controller, form: Form, platform: Platform): Form {
  return withPreview(ctl, { ...form, fields: fieldsFor(ctl, platform), focus: 0 });
}

/** Every form's preview, made again from its fields whenever one changes (the native command follows what is typed). */
export function withPreview(ctl: Controller, form: Form): Form {
  if (form.purpose === 'snapshot') {
    const name = form.fields[0].edit.text.trim();
    if (!name) return { ...form, preview: 'Name: required', previewOk: false };
    const v = ctl.estate.sim.workload(form.workload!);
    if (!v) return { ...form, preview: `${form.workload} no longer exists`, previewOk: false };
    return {
      ...form,
      preview: `same as: ${ctl.estate.providers.get(v.platform).nativeCommand(v.id, 'snapshot', { snapshot: quoteWord(name) })}`,
      previewOk: true,
    };
  }
  if (form.purpose === 'clone') {
    const args = readClone(form);
    if ('error' in args) return { ...form, preview: args.error, previewOk: false };
    const v = ctl.estate.sim.workload(form.workload!);
    if (!v) return { ...form, preview: `${form.workload} no longer exists`, previewOk: false };
    const provider = ctl.estate.providers.get(v.platform);
    const tree = ctl.estate.sim.workloadRow(v.id)!.snapshots;
    if (args.linked && !args.snapshot && !tree.current)
      return { ...form, preview: `a linked clone shares a snapshot's disk: ${v.name} has none (t takes one)`, previewOk: false };
    const how = args.linked ? `linked to ${args.snapshot ?? tree.current}: a delta disk, ready in seconds` : `full: copies ${formatMiB(v.diskMiB)} of disk`;
    // Typed names are quoted as a shell would need them, so the command shown can be typed as it reads.
    const shown = { ...args, cloneName: quoteWord(args.cloneName!), ...(args.snapshot ? { snapshot: quoteWord(args.snapshot) } : {}) };
    return { ...form, preview: `${how}; same as: ${provider.nativeCommand(v.id, 'clone', shown)}`, previewOk: true };
  }
  if (form.purpose !== 'new') return form;
  const request = readRequest(form);
  if ('error' in request) return { ...form, preview: request.error, previewOk: false };
  const p = previewCreate(ctl.estate, platformOf(form), request);
  return { ...form, preview: p.text, previewOk: p.ok };
}

/** The request a new-workload form describes, or which field is wrong. */
export function readRequest(form: Form): CreateRequest | { error: string } {
  const v = (id: string) => form.fields.find((f) => f.id === id)?.edit.text.trim() ?? '';
  const name = v('name');
  if (!name) return { error: 'Name: required' };
  const platform = platformOf(form);
  const optional = (id: string) => (v(id) ? v(id) : undefined);
  if (platform === 'azure') return { name, size: v('size'), group: v('group'), image: optional('image') };
  const memory = v('memory') ? parseSizeMiB(v('memory')) : undefined;
  if (memory === null || (memory !== undefined && !(memory > 0)))
    return { error: `${platform === 'docker' ? 'Memory limit' : 'Memory'}: not a size: ${v('memory')} (try 4GiB or 512m)` };
  const cpus = v(platform === 'docker' ? 'cpus' : 'vcpus');
  const vcpus = cpus ? Number(cpus) : undefined;
  if (vcpus !== undefined && !(Number.isFinite(vcpus) && vcpus > 0 && vcpus <= 1024))
    return { error: `${platform === 'docker' ? 'CPUs' : 'vCPUs'}: a number above 0, got ${cpus}` };
  if (platform === 'docker') return { name, image: optional('image'), host: optional('host'), memoryMiB: memory, vcpus };
  if (vcpus !== undefined && !Number.isInteger(vcpus)) return { error: `vCPUs: a whole number, got ${cpus}` };
  const disk = v('disk') ? Number(v('disk')) : undefined;
  if (disk !== undefined && !(Number.isFinite(disk) && disk > 0)) return { error: `Disk (GiB): a number above 0, got ${v('disk')}` };
  if (v('template')) return { name, template: v('template'), host: optional('host'), powerOn: true };
  return { name, vcpus, memoryMiB: memory, diskGiB: disk, image: optional('image'), host: optional('host'), powerOn: true };
}
