// `hyperpane exec LINE...`: native commands (virsh, docker, az, govc, Hyper-V
// cmdlets) against one estate, each answered as the real command would answer
// it; `-` reads lines from standard input. With --estate FILE the estate is read
// from the file and saved back if a line changed it.
import { readsStdin, runScript } from '../estate/script.js';
import { saveOrRecover } from '../estate/store.js';
import { estateFromFlags } from './estate-flags.js';
import { readArgs, readStdin, StdinTooLarge, usageError, writeErr, writeOut } from './io.js';

export const EXEC_HELP = `
  Usage
    $ hyperpane exec [options] LINE...

  Runs each LINE against one estate, in order, and prints what the real command
  would print. Quote each line. A LINE of - reads lines from standard input;
  otherwise a line that reads a file from - (kubectl apply -f -) gets it.
  Words of hyperpane's own: "sleep 90s" moves the simulated clock on, "as USER"
  acts as another user from there on, and "#" starts a comment.

  Options
    --estate FILE   read the estate from FILE, and save it back if a line changed it
                    (the built-in estate otherwise)
    --seed N        seed of the built-in estate (default 1)
    --as USER       run the lines as USER of the estate (a line "as USER" switches,
                    which only an administrator may)
    --echo          print each line, after "$ ", before its answer
    --verbose       when a line finds no host for what it asks for, also print
                    why each host refused it
    --help          print this help

  Examples
    $ hyperpane exec 'virsh list --all' 'docker ps'
    $ hyperpane exec --estate lab.json 'az vm deallocate -g shop-rg -n reports' 'sleep 2m' 'az vm list -d -o table'
    $ printf 'govc ls /dc-east/vm\\nGet-VM\\n' | hyperpane exec -
    $ hyperpane exec 'kubectl apply -f -' 'sleep 30' 'kubectl get pods' < demo/web-app.yaml
`;

export async function execCommand(args: string[]): Promise<number> {
  const parsed = readArgs(args, {
    estate: { type: 'string' },
    seed: { type: 'string' },
    as: { type: 'string' },
    echo: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (typeof parsed === 'string') return usageError('exec', `${parsed} (quote each line: hyperpane exec "virsh list --all")`);
  const { values, positionals } = parsed;
  if (values.help) {
    writeOut(EXEC_HELP.slice(1));
    return 0;
  }
  if (positionals.length === 0) return usageError('exec', 'give at least one command line, or - to read them from standard input');
  const opened = estateFromFlags('exec', values);
  if ('code' in opened) return opened.code;
  const { estate } = opened;

  const lines: string[] = [];
  for (const p of positionals) {
    if (p !== '-') lines.push(p);
    else {
      try {
        lines.push(...(await readStdin()).split(/\r?\n/));
      } catch (e) {
        if (!(e instanceof StdinTooLarge)) throw e;
        writeErr(`hyperpane exec: ${e.message}\n`);
        return 1;
      }
    }
  }
  // A line that reads standard input as a file (kubectl apply -f -) gets it, when the lines came as arguments.
  let stdin: string | undefined;
  if (!positionals.includes('-') && lines.some(readsStdin) && !process.stdin.isTTY) {
    try {
      stdin = await readStdin();
    } catch (e) {
      if (!(e instanceof StdinTooLarge)) throw e;
      writeErr(`hyperpane exec: ${e.message}\n`);
      return 1;
    }
  }
  const audited = estate.providers.access.audit.count;
  const { changed: estateChanged, exitCode } = runScript(
    estate,
    lines,
    (r) => {
      if (values.echo && r.line.trim() !== '') writeOut(`$ ${r.line}\n`);
      writeOut(r.stdout);
      writeErr(r.stderr);
      if (values.verbose && r.refused)
        writeErr(
          `hyperpane: ${r.refused.message}\n${r.refused
            .perHost()
            .map((l) => `  ${l}\n`)
            .join('')}`,
        );
    },
    stdin,
  );
  // A refusal changes nothing but the audit trail, which the file keeps too.
  const changed = estateChanged || estate.providers.access.audit.count !== audited;
  if (changed && values.estate !== undefined) {
    // A file changed by another program meanwhile is left as it is, and this run's estate saved beside it.
    const saved = saveOrRecover(estate, values.estate);
    if (!saved.ok) {
      writeErr(`hyperpane exec: ${saved.message}\n`);
      return 1;
    }
    if (saved.warning) writeErr(`hyperpane exec: saved ${values.estate}, but ${saved.warning}\n`);
  }
  return exitCode;
}
