// One line in the event log for a change to the estate's shape, and the change signal.
import type { SubjectType } from '../event-log.js';
import type { Core } from '../state.js';

export function note(core: Core, kind: string, subjectType: SubjectType, subjectId: string, message: string): void {
  core.log.append({ kind, subjectType, subjectId, severity: 'info', message });
  core.changed();
}
