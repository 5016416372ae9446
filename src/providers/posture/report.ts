// The security posture report: every check of the estate (providers/posture/*),
// scored by control (access/posture.ts), as the Posture view, `posture` (the
// prompt, exec) and `hyperpane report posture` show it.
import { type Check, type Control, type Posture, score } from '../../access/posture.js';
import type { Providers } from '../registry.js';
import { containerChecks } from './containers.js';
import { flatNetworkChecks } from './flat-networks.js';
import { imageVulnerabilityChecks } from './image-vulnerabilities.js';
import { managementPortChecks } from './management-ports.js';
import { systemUpdateChecks } from './system-updates.js';
import { unusedRightChecks } from './unused-rights.js';

/**
 * The controls and their most points, as Microsoft Defender for Cloud weighs its security controls of these
 * names in its secure score (azure-security-docs defender-for-cloud secure-score-security-controls.md, ms.date
 * 11/17/2025: Secure management ports 8, Apply system updates 6, Remediate vulnerabilities 6, Manage access and
 * permissions 4, Restrict unauthorized network access 4). Defender's own list of what each holds
 * (security-control-recommendations.md, 08/22/2023) puts "Privileged containers should be avoided" and "Running
 * containers as root user should be avoided" under Manage access and permissions, with unused permissions.
 */
export const CONTROLS: readonly Control[] = [
  { id: 'management-ports', title: 'Secure management ports', max: 8 },
  { id: 'system-updates', title: 'Apply system updates', max: 6 },
  { id: 'vulnerabilities', title: 'Remediate vulnerabilities', max: 6 },
  { id: 'access', title: 'Manage access and permissions', max: 4 },
  { id: 'network', title: 'Restrict unauthorized network access', max: 4 },
];

export function postureChecks(p: Providers): Check[] {
  const topo = p.topology();
  return [
    ...managementPortChecks(p, topo),
    ...systemUpdateChecks(p),
    ...imageVulnerabilityChecks(p),
    ...containerChecks(p),
    ...unusedRightChecks(p),
    ...flatNetworkChecks(p, topo),
  ];
}

export function posture(p: Providers): Posture {
  return score(CONTROLS, postureChecks(p));
}

/** The report as text: the score, each control's points, then each finding with its fix. */
export function postureText(p: Posture): string {
  const lines = [`Secure score: ${p.percent}% (${p.findings.length} finding${p.findings.length === 1 ? '' : 's'})`, ''];
  for (const c of p.controls)
    lines.push(
      c.total === 0
        ? `${c.title.padEnd(38)}    - of ${c.max}  (nothing to check)`
        : `${c.title.padEnd(38)} ${c.points.toFixed(1).padStart(4)} of ${c.max}  (${c.healthy} of ${c.total} healthy)`,
    );
  for (const c of p.controls) {
    const mine = p.findings.filter((f) => f.control === c.id);
    if (mine.length === 0) continue;
    lines.push('', `${c.title}:`);
    for (const f of mine) {
      lines.push(`  ${f.resource}: ${f.finding ?? ''}`);
      for (const line of f.fix ?? []) lines.push(`    fix: ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
