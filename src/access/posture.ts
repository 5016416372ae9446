// Security posture: checks of the estate's resources, each healthy or not,
// grouped into controls, scored as Microsoft Defender for Cloud scores its
// secure score (secure-score-access-and-track.md: a control's score is its max
// score / (healthy + unhealthy resources) x healthy ones; the secure score is the
// sum of the controls' scores over the sum of their max scores, x 100). Pure: the
// checks come from the providers (providers/posture/).

export type ControlId = 'management-ports' | 'system-updates' | 'vulnerabilities' | 'access' | 'network';

export interface Control {
  readonly id: ControlId;
  readonly title: string;
  /** Its most points. */
  readonly max: number;
}

export interface Check {
  readonly control: ControlId;
  /** The resource checked ("jumpbox", "esx-01", "user dev"). */
  readonly resource: string;
  readonly healthy: boolean;
  /** What is wrong, when it is not healthy. */
  readonly finding?: string;
  /** The commands that put it right, in order, when it is not healthy and the console can. */
  readonly fix?: readonly string[];
}

export interface ControlScore extends Control {
  readonly healthy: number;
  readonly total: number;
  /** Points won: max x healthy / total (none when it has no resources: then it counts for nothing either way). */
  readonly points: number;
}

export interface Posture {
  readonly controls: readonly ControlScore[];
  /** Points won over points possible, 0-100. */
  readonly percent: number;
  readonly findings: readonly Check[];
}

export function score(controls: readonly Control[], checks: readonly Check[]): Posture {
  const scored = controls.map((c) => {
    const mine = checks.filter((x) => x.control === c.id);
    const healthy = mine.filter((x) => x.healthy).length;
    return { ...c, healthy, total: mine.length, points: mine.length === 0 ? 0 : (c.max * healthy) / mine.length };
  });
  // A control with nothing to check has no score to count (Defender's: max / (healthy + unhealthy) x healthy).
  const max = scored.reduce((n, c) => n + (c.total > 0 ? c.max : 0), 0);
  const won = scored.reduce((n, c) => n + c.points, 0);
  return { controls: scored, percent: max === 0 ? 100 : Math.round((won / max) * 100), findings: checks.filter((x) => !x.healthy) };
}
