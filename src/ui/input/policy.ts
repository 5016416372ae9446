// The console's side of the policy point (access/policy.ts): a key's action is
// judged as the native command it stands for, so `x` on dev-01 is refused
// exactly as `virsh shutdown dev-01` would be; hyperpane's own commands that
// change the estate (:sim, :drs, :backup) are its administrators'. A refusal is
// written to the audit trail, and said in the platform's words.
import { tokenize } from '../../providers/cli/tokenize.js';
import type { Controller } from '../controller.js';

/** The refusal a native line meets for the user acting, or undefined when they may run it. */
export function lineRefusal(ctl: Controller, line: string, record = true): string | undefined {
  const t = tokenize(line);
  if (!t.ok) return undefined;
  const gate = ctl.estate.providers.authorize(t.words, line, record);
  if (!gate.refused) return undefined;
  // The error's own line (govc's vm.power prints "Powering off ..." on stdout before it).
  const said = [...gate.refused.stderr.split('\n'), ...gate.refused.stdout.split('\n')].find((l) => l.trim() !== '') ?? 'permission denied';
  return `${ctl.estate.providers.access.actor}: ${said.trim()}`;
}

/** The refusal one of hyperpane's own changing commands meets, or undefined. */
export function ownRefusal(ctl: Controller, what: string, record = true): string | undefined {
  const providers = ctl.estate.providers;
  const d = providers.access.check({ kind: 'hyperpane', what }, true);
  if (d.allowed) return undefined;
  if (record) providers.audit(what, '', d.as, 'denied', d.because[0] ?? '', false);
  return `${providers.access.actor}: permission denied: ${d.because[0] ?? 'not allowed'}`;
}

/**
 * The refusal an action meets, judged as the command it stands for: a native line by the platform's rules, one
 * of hyperpane's own (":sim fail host ...", or a line no platform answers) as an administrator's.
 */
export function actionRefusal(ctl: Controller, line: string, record = true): string | undefined {
  if (line.startsWith(':')) return ownRefusal(ctl, `run ${line}`, record);
  const t = tokenize(line);
  if (t.ok && ctl.estate.providers.lineAccess(t.words) === undefined) return ownRefusal(ctl, `run ${line}`, record);
  return lineRefusal(ctl, line, record);
}

/** What let the user act on a line, and what it acts on, for the audit trail (asked once it is allowed). */
export function authorizeLine(ctl: Controller, line: string): { as: string; object: string } {
  const t = tokenize(line);
  if (!t.ok || line.startsWith(':')) return { as: ctl.estate.providers.access.administers() ? 'Administrators' : '', object: line.split(' ').pop() ?? '' };
  const gate = ctl.estate.providers.authorize(t.words, line, false);
  return { as: gate.as, object: gate.object };
}

/** Writes one of hyperpane's own changes (:backup, :drs's moves) to the audit trail, as the administrator who made it. */
export function auditOwn(ctl: Controller, command: string, object: string): void {
  const providers = ctl.estate.providers;
  providers.audit(command, object, providers.access.administers() ? 'Administrators' : '', 'succeeded', ctl.state.message?.text ?? '', true);
}
