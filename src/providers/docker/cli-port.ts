// docker port: a container's published ports, in the words of docker/cli
// cli/command/container/port.go (v29): every mapping as "80/tcp -> 0.0.0.0:8080",
// or one container port's host addresses, sorted naturally as whole lines
// (fvbommel/sortorder NaturalLess; naturalCompare differs from it only where a
// digit meets a character below '0', which no such line holds); a container that is not running has none
// (the daemon drops its port map when it stops, daemon/container_operations.go).
import { naturalCompare } from '../../core/natural-compare.js';
import { failure } from '../exec-result.js';
import type { DockerCommand } from './cli-command.js';
import { noSuchContainer } from './cli-command.js';
import { bindingsShown, bindsPorts, joinHostPort } from './ports.js';

export const port: DockerCommand = {
  flags: {},
  run: (docker, f) => {
    const [name, wanted] = f.positionals;
    const c = docker.find(name);
    // The daemon's answer comes before the port is read (inspect first).
    if (!c) return failure(noSuchContainer(name), 1);
    const mappings = bindsPorts(docker.sim.workloadRow(c.id)!) ? bindingsShown(String(c.attrs.ports ?? '')) : [];
    // port.go: an empty PRIVATE_PORT is none (if opts.port != "").
    if (wanted === undefined || wanted === '') {
      const lines = mappings.map((m) => `${m.privatePort}/${m.proto} -> ${joinHostPort(m.ip, String(m.port))}`).sort(naturalCompare);
      return { exitCode: 0, stdout: lines.length > 0 ? `${lines.join('\n')}\n` : '', stderr: '', changed: false };
    }
    const asked = parsePort(wanted);
    if ('error' in asked) return failure(asked.error, 1);
    const frontends = mappings.filter((m) => m.privatePort === asked.port && m.proto === asked.proto);
    if (frontends.length === 0) return failure(`no public port '${wanted}' published for ${name}`, 1);
    const lines = frontends.map((m) => joinHostPort(m.ip, String(m.port))).sort(naturalCompare);
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '', changed: false };
  },
};

/**
 * PRIVATE_PORT[/PROTO] as moby's api/types/network ParsePort reads it: a port of
 * 0-65535, the protocol lower-cased (tcp when none); its errors in its words.
 */
function parsePort(spec: string): { port: number; proto: string } | { error: string } {
  const slash = spec.indexOf('/');
  const digits = slash < 0 ? spec : spec.slice(0, slash);
  const proto = slash < 0 ? 'tcp' : spec.slice(slash + 1).toLowerCase() || 'tcp';
  if (digits === '') return { error: `invalid port '${digits}': value is empty` };
  if (!/^\d+$/.test(digits)) return { error: `invalid port '${digits}': invalid syntax` };
  if (Number(digits) > 65535) return { error: `invalid port '${digits}': value out of range` };
  return { port: Number(digits), proto };
}
