// The words of a `docker logs` or `kubectl logs` line as the logs view needs
// them: whether it follows (-f, --follow, -tf; --follow=false does not), the
// rest without it, and its positionals (the flags that take a value are each
// tool's own: docker/cli container/logs.go, kubectl pkg/cmd/logs/logs.go).

const VALUES: Readonly<Record<'docker' | 'kubectl', ReadonlySet<string>>> = {
  docker: new Set(['--since', '--until', '--tail', '-n']),
  kubectl: new Set([
    '--tail',
    '-c',
    '--container',
    '-l',
    '--selector',
    '--since',
    '--since-time',
    '--limit-bytes',
    '--pod-running-timeout',
    '--max-log-requests',
    '-n',
    '--namespace',
    '--context',
    '--request-timeout',
  ]),
};

export interface LogArgs {
  /** True for -f, false for --follow=false, undefined when not said. */
  readonly follow: boolean | undefined;
  /** The words but the follow flag, in order. */
  readonly rest: readonly string[];
  readonly positionals: readonly string[];
}

export function logArgs(tool: 'docker' | 'kubectl', words: readonly string[]): LogArgs {
  const values = VALUES[tool];
  let follow: boolean | undefined;
  const rest: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    if (w === '-f' || w === '--follow' || w === '--follow=true') {
      follow = true;
      continue;
    }
    if (w === '--follow=false') {
      follow = false;
      continue;
    }
    // Short flags run together (-tf, -fn 5): the follow taken out, the others kept as they were.
    if (/^-[a-zA-Z]{2,}$/.test(w) && w.includes('f')) {
      follow = true;
      w = w.replaceAll('f', '');
      if (w === '-') continue;
    }
    rest.push(w);
    const valued = values.has(w) || (/^-[a-zA-Z]{2,}$/.test(w) && values.has(`-${w.at(-1)}`));
    if (valued && i + 1 < words.length) rest.push(words[++i]);
    else if (!w.startsWith('-')) positionals.push(w);
  }
  return { follow, rest, positionals };
}

/** What a kubectl logs source is called in the view: its pod or TYPE/NAME, or its selector. */
export function kubectlLabel(args: string): string {
  const words = args.split(' ');
  const parsed = logArgs('kubectl', words);
  if (parsed.positionals[0] !== undefined) return parsed.positionals[0];
  const l = words.findIndex((w) => w === '-l' || w === '--selector');
  return l >= 0 && words[l + 1] !== undefined ? `-l ${words[l + 1]}` : args;
}
