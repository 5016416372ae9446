// Where `hyperpane import` reads each command's output: the real tool, run by
// execa with no shell and a timeout (the live path), or a file saved earlier
// (--from-dir, for machines the tools cannot reach). Either says plainly why an
// output is missing: a tool not installed, not allowed, too slow, or failing.
import { join } from 'node:path';
import { execa } from 'execa';
import { visibleText } from '../../core/visible.js';
import { readTextFile } from '../../files/read.js';
import type { ReadOnlyCommand } from './commands.js';

/** The most an output may hold: a large host's docker inspect is a few megabytes. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export type Outcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly why: 'missing' | 'denied' | 'timeout' | 'failed'; readonly message: string };

export interface Source {
  /** What the source is, for messages: "the tools on PATH", "DIR". */
  readonly describe: string;
  run(c: ReadOnlyCommand): Promise<Outcome>;
}

/** The command as messages name it. */
export const commandLine = (c: ReadOnlyCommand) => c.shown ?? [c.program, ...c.args].join(' ');

/** The real tools, each run with no shell, no input and `timeoutMs` to answer. */
export function liveSource(timeoutMs: number): Source {
  return {
    describe: 'the tools on PATH',
    async run(c) {
      // Its own process group, so a timeout ends it and whatever it started (a wrapper's child holding the pipe open).
      const sub = execa(c.program, [...c.args], {
        shell: false,
        reject: false,
        stdin: 'ignore',
        detached: true,
        maxBuffer: MAX_OUTPUT_BYTES,
        // Outputs in the C locale: numbers and words as the parsers read them.
        env: { LC_ALL: 'C' },
        stripFinalNewline: false,
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (sub.pid !== undefined) process.kill(-sub.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }, timeoutMs);
      const r = await sub;
      clearTimeout(timer);
      const code = (r as { code?: string }).code;
      if (code === 'ENOENT') return { ok: false, why: 'missing', message: `${c.program} is not installed here (not on PATH)` };
      if (code === 'EACCES') return { ok: false, why: 'denied', message: `${c.program} may not be run here (permission denied)` };
      if (timedOut) return { ok: false, why: 'timeout', message: `${commandLine(c)} did not answer within ${timeoutMs / 1000} s` };
      if ((r as { isMaxBuffer?: boolean }).isMaxBuffer)
        return { ok: false, why: 'failed', message: `${commandLine(c)} answered more than ${MAX_OUTPUT_BYTES / 1048576} MB` };
      if (r.exitCode !== 0) {
        const said = visibleText(
          String(r.stderr ?? '')
            .trim()
            .split('\n')[0] ?? '',
        );
        return { ok: false, why: 'failed', message: `${commandLine(c)} failed (exit ${r.exitCode ?? '?'})${said ? `: ${said}` : ''}` };
      }
      return { ok: true, text: String(r.stdout ?? '') };
    },
  };
}

/** Outputs saved earlier, a file each under `dir` (commands.ts names them). */
export function dirSource(dir: string): Source {
  return {
    describe: dir,
    async run(c) {
      const path = join(dir, c.file);
      // Saved on Windows, an output may be UTF-16 (Windows PowerShell's >) or start with UTF-8's mark.
      const read = readTextFile(path, MAX_OUTPUT_BYTES, true);
      if (read.ok) return { ok: true, text: read.text };
      return read.reason === 'missing'
        ? { ok: false, why: 'missing', message: `no ${c.file} (the output of ${commandLine(c)})` }
        : { ok: false, why: 'failed', message: `${c.file}: ${read.message}` };
    },
  };
}
