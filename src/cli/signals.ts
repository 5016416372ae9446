// Routes the signals that end a process (SIGTERM, SIGHUP, SIGINT, SIGQUIT and the
// like) to whatever should stop now (the tour, the console), so it stops as q
// does. Why not plain process.on/off: atomically (under conf, through when-exit)
// hooks these signals at import and, after its own clean-up, sends the signal again; a
// console that had already taken its listener off would be killed by that echo
// (exit 143, the estate file unsaved). So the listeners stay for the life of the
// process: a signal after the first one that was handled is ignored, as the
// process is already on its way out; one with nothing to stop ends it as usual.
// The ones when-exit echoes, less those a process in trouble gets from itself (SIGABRT, SIGTRAP, SIGSYS)
// and SIGXFSZ: that one means a write went past the file-size limit (ulimit -f). Node ignores it, so
// the write fails with EFBIG and the save says so; taking it as "stop and save" would save again, into
// the same limit, and cut FILE.bak short too.
const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR2', 'SIGALRM', 'SIGVTALRM', 'SIGXCPU', 'SIGPWR'] as const;
type Name = (typeof SIGNALS)[number];

let current: (() => void) | undefined;
let handled = false;
let installed = false;

/** Sends the next stop signal to `stop` until the returned function is called. */
export function onStopSignal(stop: () => void): () => void {
  install();
  current = stop;
  return () => {
    if (current === stop) current = undefined;
  };
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const name of SIGNALS) process.on(name, () => route(name));
}

function route(name: Name): void {
  if (current) {
    handled = true;
    current();
    return;
  }
  if (handled) return;
  // Nothing to stop and nothing stopping: end as the signal's default would.
  for (const signal of SIGNALS) process.removeAllListeners(signal);
  process.kill(process.pid, name);
}
