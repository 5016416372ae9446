// Flags a real command takes that mean nothing in the simulation are kept on the
// workload, so `inspect` and the detail view show what was asked for.
import type { CreateRequest } from './provider.js';

export function recordedAttrs(request: CreateRequest): { attrs?: Record<string, string> } {
  return request.recorded?.length ? { attrs: { recorded: request.recorded.join(' ') } } : {};
}
