// Completion after docker: the containers of the Docker host the command talks
// to (-H, --context, else the current context), filtered as docker/cli's own
// completion does (cli/command/container/*.go ValidArgsFunction with
// completion.ContainerNames(dockerCLI, all, filters...)): start offers exited
// and created containers; stop, kill and stats running ones (all=false: what
// docker ps lists); pause running ones not paused; unpause paused ones;
// restart, rm and inspect all. run and pull offer the host's images
// (completion.ImageNames, first argument only); context use the contexts
// (completeContextNames). Names given already are not offered again (Unique).

import { DOCKER_FLAGS, DOCKER_GLOBAL_FLAGS } from '../../providers/docker/docker-cli.js';
import { refText } from '../../providers/docker/images.js';
import { dockerState } from '../../providers/docker/status.js';
import type { Controller } from '../controller.js';
import { flagValue, flagWords, place } from './complete-args.js';
import { notGiven } from './complete-common.js';

type State = ReturnType<typeof dockerState>;
/** docker ps without -a: running, paused and restarting containers. */
const LISTED: readonly State[] = ['running', 'paused', 'restarting'];
const CONTAINERS: Readonly<Record<string, (s: State) => boolean>> = {
  start: (s) => s === 'exited' || s === 'created',
  stop: (s) => LISTED.includes(s),
  kill: (s) => LISTED.includes(s),
  stats: (s) => LISTED.includes(s),
  pause: (s) => LISTED.includes(s) && s !== 'paused',
  unpause: (s) => s === 'paused',
  restart: () => true,
  rm: () => true,
  inspect: () => true,
};

/** docker context's subcommands answered here (docker-cli's context.ts). */
const CONTEXT_SUBCOMMANDS = ['ls', 'show', 'use'];

export function completeDocker(ctl: Controller, words: readonly string[], last: string): string[] {
  const docker = ctl.estate.providers.docker;
  const hosts = docker.hosts().map((h) => h.id);
  const global = place(words.slice(1), DOCKER_GLOBAL_FLAGS, 'gnu');
  if (global.flag) return hosts;
  const name = global.operands[0];
  if (name === undefined) return last.startsWith('-') ? flagWords(DOCKER_GLOBAL_FLAGS, 'gnu') : Object.keys(DOCKER_FLAGS);
  const flags = DOCKER_FLAGS[name];
  if (!flags) return [];
  const host =
    flagValue(global.values, 'context') ??
    flagValue(global.values, 'host')
      ?.replace(/^tcp:\/\//, '')
      .replace(/:\d+$/, '') ??
    docker.currentHost();
  const p = place(words.slice(words.indexOf(name, 1) + 1), flags, 'gnu');
  if (p.flag) return [];
  if (last.startsWith('-')) return flagWords(flags, 'gnu');
  const which = CONTAINERS[name];
  if (which) {
    const sim = docker.sim;
    const names = docker
      .containers(host)
      .filter((c) => which(dockerState(sim.workloadRow(c.id)!)))
      .map((c) => c.name);
    return notGiven(names, p.operands);
  }
  if ((name === 'run' || name === 'pull') && p.operands.length === 0) return host ? docker.images.list(host).map((i) => refText(i.ref)) : [];
  if (name === 'context') return p.operands.length === 0 ? CONTEXT_SUBCOMMANDS : p.operands[0] === 'use' && p.operands.length === 1 ? hosts : [];
  return [];
}
