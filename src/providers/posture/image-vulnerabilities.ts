// Known vulnerabilities of the images containers run: a small, fixed catalogue of
// scans people published for these tags (or the release the floating tag stood
// for on the scan's day), each with its scanner, date and source, so that every
// run finds the same. An image not in it is not judged (unknown is not clean).
// A scan is only as good as its day: these are history, not today's images.
import type { Check } from '../../access/posture.js';
import { parseRef, refText } from '../docker/images.js';
import type { Providers } from '../registry.js';

export interface ImageScan {
  /** The tag as containers name it ("nginx:1.27"). */
  readonly image: string;
  /** What was scanned, when it is a release of that tag ("redis:7.4.2"). */
  readonly scanned: string;
  readonly scanner: string;
  readonly date: string;
  readonly total: number;
  /** Critical, high, medium, low, where the report gave them. */
  readonly bySeverity?: readonly [number, number, number, number];
  readonly source: string;
}

export const IMAGE_SCANS: readonly ImageScan[] = [
  { image: 'nginx:1.27', scanned: 'nginx:1.27', scanner: 'Snyk', date: '2024-07-25', total: 92, source: 'github.com/shieldproject/shield/pull/758' },
  {
    image: 'node:22-alpine',
    scanned: 'node:22.8.0-alpine3.20',
    scanner: 'Snyk',
    date: '2024-09-08',
    total: 0,
    source: 'github.com/ICTU/quality-time/pull/9657',
  },
  { image: 'redis:7', scanned: 'redis:7.4.2', scanner: 'Snyk', date: '2025-01-08', total: 33, source: 'github.com/kanisterio/kanister/pull/3314' },
  {
    image: 'python:3.12-slim',
    scanned: 'python:3.12.10-slim-bookworm',
    scanner: 'Docker Scout',
    date: '2025-08-28',
    total: 6,
    bySeverity: [0, 1, 5, 0],
    source: 'github.com/docker-library/python/issues/1075',
  },
  {
    image: 'prom/prometheus:v2',
    scanned: 'prom/prometheus:v2.43.0',
    scanner: 'Grype',
    date: '2023-09-21',
    total: 14,
    bySeverity: [0, 6, 8, 0],
    source: 'github.com/linkerd/linkerd2/pull/11404',
  },
  {
    image: 'ubuntu:22.04',
    scanned: 'ubuntu:22.04',
    scanner: 'Snyk',
    date: '2024-07-03',
    total: 19,
    source: 'github.com/devops-infra/action-format-hcl/pull/111',
  },
  {
    image: 'alpine:3.20',
    scanned: 'alpine:3.20.3',
    scanner: 'Grype',
    date: '2025-01-06',
    total: 2,
    bySeverity: [0, 0, 2, 0],
    source: 'github.com/temporalio/docker-builds/issues/249',
  },
  {
    image: 'debian:12',
    scanned: 'debian:12.6',
    scanner: 'Trivy',
    date: '2024-07-09',
    total: 72,
    bySeverity: [1, 1, 13, 57],
    source: 'github.com/apache/druid/issues/16710',
  },
];

const severities = (s: ImageScan) =>
  s.bySeverity
    ? ` (${s.bySeverity
        .map((n, i) => `${n} ${['critical', 'high', 'medium', 'low'][i]}`)
        .filter((x) => !x.startsWith('0 '))
        .join(', ')})`
    : '';

export function imageVulnerabilityChecks(p: Providers): Check[] {
  const out: Check[] = [];
  for (const c of p.docker.workloads()) {
    if (c.state !== 'running' || c.name.startsWith('k8s_')) continue;
    const given = typeof c.attrs.imageAsGiven === 'string' ? c.attrs.imageAsGiven : c.image;
    const ref = parseRef(given);
    const scan = ref && IMAGE_SCANS.find((s) => s.image === refText(ref));
    if (!scan) continue;
    out.push(
      scan.total === 0
        ? { control: 'vulnerabilities', resource: c.name, healthy: true }
        : {
            control: 'vulnerabilities',
            resource: c.name,
            healthy: false,
            finding: `${given}: ${scan.total} known vulnerabilities${severities(scan)} in ${scan.scanned} (${scan.scanner}, ${scan.date}; ${scan.source})`,
          },
    );
  }
  return out;
}
