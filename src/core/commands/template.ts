// Templates: a powered-off VM marked as a master copy. It cannot be powered on;
// new VMs are deployed from it by cloning (full, or linked to a snapshot of it).
// The mark is an attribute, so estate files keep it.
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { note } from './note.js';

export const TEMPLATE_ATTR = 'template';

export function isTemplate(core: Core, w: number): boolean {
  return core.workloads.records[w].attrs[TEMPLATE_ATTR] === true;
}

export function setTemplate(core: Core, id: string, on: boolean): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const r = wl.records[w];
  if (r.kind !== 'vm') return fail('unsupported', `${r.name} is not a VM: only VMs become templates`);
  if (on === isTemplate(core, w)) return fail('invalid-state', on ? `${r.name} is already a template` : `${r.name} is not a template`);
  if (on && wl.stateOf(w) !== 'stopped')
    return fail('invalid-state', `power ${r.name} off first: a template is a powered-off VM (it is ${wl.stateOf(w)})`, undefined, { state: wl.stateOf(w) });
  const { [TEMPLATE_ATTR]: _was, ...rest } = r.attrs;
  r.attrs = on ? { ...rest, [TEMPLATE_ATTR]: true } : rest;
  note(
    core,
    on ? 'workload.template' : 'workload.untemplate',
    'workload',
    id,
    on ? `${r.name} is now a template: deploy VMs from it by cloning` : `${r.name} is a VM again`,
  );
  return ok(undefined);
}
