// hyperpane's own commands (reach, traffic, lb, router, guest ... ufw, patch,
// and the access commands user and localgroup): those that only look are anyone's;
// those that change the estate are its administrators' (the Administrators
// group), as a lab's own tooling would be.
import type { AccessRequest } from '../../access/policy.js';
import { failure } from '../exec-result.js';
import type { LineAccess } from './line-access.js';

/** The verbs of hyperpane's own commands that only look. */
const LOOKING = new Set(['ls', 'list', 'show', 'status', 'info', 'groups', 'explain', 'audit']);

export function ownAccess(words: readonly string[]): LineAccess | undefined {
  const [command, ...rest] = words;
  if (command === 'reach' || command === 'traffic') return undefined;
  // guest NAME ufw VERB: its verb is its fourth word; lb, router, user and localgroup's their second; patch HOST changes.
  const verb = command === 'guest' ? rest[2] : command === 'patch' ? 'patch' : rest[0];
  if (verb === undefined || verb === '--help' || LOOKING.has(verb) || (command === 'guest' && rest[2] === 'status')) return undefined;
  const request: AccessRequest = { kind: 'hyperpane', what: command === 'patch' ? `patch ${rest[0] ?? 'a host'}` : `run ${command} ${verb}` };
  return {
    requests: [request],
    changes: true,
    object: command === 'guest' || command === 'patch' ? (rest[0] ?? '') : (rest[1] ?? command),
    refuse: (_r, d) => failure(`${command}: permission denied: ${d.because[0] ?? 'not allowed'}`),
  };
}
