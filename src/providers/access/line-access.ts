// What a native command line asks of the policy point (access/policy.ts): the
// requests it needs granted, whether it changes the estate, what it acts on
// (for the audit trail), and how the platform words a refusal. Each vocabulary
// works its own out (vmware/govc-access.ts, azure/az-access.ts,
// access/local-access.ts, ...); the registry asks before it runs a line, and a
// key's action is asked as the native command it stands for.
import type { AccessRequest, Decision } from '../../access/policy.js';
import type { ExecResult } from '../provider.js';

export interface LineAccess {
  readonly requests: readonly AccessRequest[];
  readonly changes: boolean;
  /** What it acts on, as the audit trail names it ("/dc-east/vm/web-01"). */
  readonly object: string;
  /** The platform's answer when `request` is refused. */
  refuse(request: AccessRequest, decision: Decision): ExecResult;
}
