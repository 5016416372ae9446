// docker context ls, show and use (docker/cli cli/command/context/{cmd,list,show,use}.go,
// cli/command/formatter/context.go, testdata/list.golden). In the simulation each
// Docker host of the estate is a context, reached at tcp://HOST:2376.
import { createHash } from 'node:crypto';
import { bool, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import type { DockerCommand } from './cli-command.js';
import { argsError, help, unknownSubcommand } from './cli-usage.js';
import type { DockerDriver } from './driver.js';
import { formattedList, goContext } from './format-flag.js';
import { dockerTable } from './formatter.js';

/** formatter/context.go: the default table, the headers (Current has none), and clientContextContext's fields. */
const CONTEXT_LIST = {
  type: '*formatter.clientContextContext',
  defaultTable: 'table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}',
  headers: { Name: 'NAME', Description: 'DESCRIPTION', DockerEndpoint: 'DOCKER ENDPOINT', Error: 'ERROR' },
};

const SUBCOMMANDS: Readonly<Record<string, (docker: DockerDriver, args: readonly string[], quiet: boolean, format: string) => ExecResult>> = {
  ls: (docker, _args, quiet, format) => {
    const current = docker.currentHost();
    const names = docker.hosts().map((h) => h.id);
    // list.go sorts by name (sortorder.NaturalLess).
    names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    // -q wins over any format.
    if (quiet) return { exitCode: 0, stdout: names.map((n) => `${n}\n`).join(''), stderr: '', changed: false };
    if (format !== '')
      return formattedList(
        format,
        names.map((n) => goContext({ Current: n === current, Description: '', DockerEndpoint: `tcp://${n}:2376`, Error: '', Name: n })),
        CONTEXT_LIST,
      );
    // ClientContextTableFormat: "{{.Name}}{{if .Current}} *{{end}}", then description, endpoint and error.
    const rows = names.map((n) => [n === current ? `${n} *` : n, '', `tcp://${n}:2376`, '']);
    return { exitCode: 0, stdout: dockerTable(['NAME', 'DESCRIPTION', 'DOCKER ENDPOINT', 'ERROR'], rows), stderr: '', changed: false };
  },
  list: (docker, args, quiet, format) => SUBCOMMANDS.ls(docker, args, quiet, format),
  show: (docker) => ({ exitCode: 0, stdout: `${docker.currentHost() ?? ''}\n`, stderr: '', changed: false }),
  use: (docker, args) => {
    const name = args[0];
    const known = contextProblem(docker, name);
    if (known) return { exitCode: 1, stdout: '', stderr: `${known}\n`, changed: false };
    docker.context = name;
    return { exitCode: 0, stdout: `${name}\n`, stderr: `Current context is now "${name}"\n`, changed: true };
  },
};

/** Why `name` is not a context (cli/context/store: ValidateContextName, metadatastore.go getByID), or undefined. */
export function contextProblem(docker: DockerDriver, name: string): string | undefined {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name))
    return `context name ${JSON.stringify(name)} is invalid, names are validated against regexp "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$"`;
  if (docker.hosts().some((h) => h.id === name)) return undefined;
  // The store keeps a context's metadata in a folder named by the SHA-256 of its name (store.go contextdirOf).
  const dir = createHash('sha256').update(name).digest('hex');
  return `context ${JSON.stringify(name)}: context not found: open /root/.docker/contexts/meta/${dir}/meta.json: no such file or directory`;
}

export const context: DockerCommand = {
  flags: { quiet: { type: 'boolean', aliases: ['q'] }, format: { type: 'string' } },
  run: (docker, f) => {
    const [sub, ...rest] = f.positionals;
    // cmd.go: the bare command shows its help (on stderr, exit 0); an unknown word is an unknown command.
    if (sub === undefined) return { ...help('context'), stdout: '', stderr: help('context').stdout };
    const run = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!run) return unknownSubcommand('context', sub);
    const key = `context ${sub === 'list' ? 'ls' : sub}`;
    const wrong = argsError(key, rest.length);
    if (wrong) return wrong;
    return run(docker, rest, bool(f, 'quiet'), str(f, 'format') ?? '');
  },
};
