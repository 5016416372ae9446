// `hyperpane report posture`: the estate's security posture in plain text (the
// secure score, each control's points, each finding with its fix), for scripts
// and reviews; the console's :posture shows the same.
import { parseArgs } from 'node:util';
import { estateFromFlags } from './estate-flags.js';
import { usageError, writeErr, writeOut } from './io.js';

export const REPORT_HELP = `
  Usage
    $ hyperpane report posture [options]

  Prints the estate's security posture: its secure score (the points of each
  control won over those possible, as Microsoft Defender for Cloud scores it),
  then each finding with the commands that fix it.

  Options
    --estate FILE   the estate to report on (the built-in estate otherwise)
    --seed N        seed of the built-in estate (default 1)
    --as USER       report as USER (only an administrator may read it)
    --help          print this help
`;

export async function reportCommand(args: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: parseArgs's result type follows its options; the compiler infers it from the assignment below.
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { estate: { type: 'string' }, seed: { type: 'string' }, as: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    return usageError('report', (e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    writeOut(REPORT_HELP.slice(1));
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'posture')
    return usageError('report', positionals.length === 0 ? 'say which report: hyperpane report posture' : `no report "${positionals[0]}" (there is: posture)`);
  const opened = estateFromFlags('report', values);
  if ('code' in opened) return opened.code;
  const { estate } = opened;
  // The same report `posture` gives at the prompt, with its refusal for a user who is no administrator.
  const r = estate.providers.exec('posture');
  if (r.exitCode !== 0) {
    writeErr(r.stderr.replace(/^posture: /, 'hyperpane report: '));
    return 1;
  }
  writeOut(r.stdout);
  return 0;
}
