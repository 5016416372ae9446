// What the official postgres:16 image prints when its container starts. On its
// first start the data directory is empty: the entrypoint runs initdb, starts a
// server on the Unix socket alone, stops it, and starts the real one; on a later
// start it skips all that (docker-library/postgres docker-entrypoint.sh:
// "PostgreSQL Database directory appears to contain a database; Skipping
// initialization", "PostgreSQL init process complete; ready for start up.").
// initdb and pg_ctl write to standard output, the server's LOG lines (the default
// log_line_prefix '%m [%p] ': milliseconds, zone, pid; two spaces after "LOG:")
// to standard error. The lines and pids are a captured postgres:16.4 first start
// and Docker's own guide's later start (docs.docker.com/guides/pre-seeding, [1]
// then [29]); the checkpoint's figures are the captured initialisation's. The
// image is taken to be run as its documentation asks, with POSTGRES_PASSWORD set
// (without it the entrypoint refuses to initialise).
//
// The tag 16 pointed at 16.11 on Debian trixie on 2026-01-01, the simulation's
// first day (docker-library/official-images library/postgres at 3d1409c; PG_VERSION
// 16.11-1.pgdg13+1 in docker-library/postgres 16/trixie/Dockerfile at 59063d8);
// trixie's gcc is 14.2.0-19, as its PostgreSQL builds report.
import { SIM_EPOCH_MS } from '../common.js';
import type { OutputLine, PreviousRun } from './image-output.js';

/** Releases whose start-up is known, by tag. */
export const POSTGRES: Readonly<Record<string, string>> = { '16': '16.11', '16.11': '16.11' };

/** '%m': "2024-09-18 22:50:18.454 UTC". */
function pgTime(ms: number): string {
  const iso = new Date(SIM_EPOCH_MS + ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/**
 * Its start at `at` after `previous`, if it ran before (its data directory is then a database). After a stop
 * that was not clean (killed, its host failed) the startup process says so (xlogrecovery.c "database system was
 * interrupted; last known up at %s", xlog.c "database system was not properly shut down; automatic recovery in
 * progress"); the recovery's WAL positions and its end-of-recovery checkpoint's figures are not known here, so
 * those lines are left out.
 */
export function postgresOutput(release: string, at: number, previous: PreviousRun | undefined): OutputLine[] {
  const out = (text: string): OutputLine => ({ stream: 'stdout', at, text });
  const err = (text: string): OutputLine => ({ stream: 'stderr', at, text });
  const log = (pid: number, text: string) => err(`${pgTime(at)} [${pid}] LOG:  ${text}`);
  const version = `PostgreSQL ${release} (Debian ${release}-1.pgdg13+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`;
  const serve = (startupPid: number, shutDownAt: number) => [
    log(1, `starting ${version}`),
    log(1, 'listening on IPv4 address "0.0.0.0", port 5432'),
    log(1, 'listening on IPv6 address "::", port 5432'),
    log(1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    log(startupPid, `database system was shut down at ${pgTime(shutDownAt).replace(/\.\d{3} /, ' ')}`),
    log(1, 'database system is ready to accept connections'),
  ];
  if (previous !== undefined) {
    const skip = [out(''), out('PostgreSQL Database directory appears to contain a database; Skipping initialization'), out('')];
    if (previous.stoppedAt !== undefined) return [...skip, ...serve(29, previous.endAt)];
    const lines = serve(29, previous.endAt);
    return [
      ...skip,
      ...lines.slice(0, 4),
      log(29, `database system was interrupted; last known up at ${pgTime(previous.upAt).replace(/\.\d{3} /, ' ')}`),
      log(29, 'database system was not properly shut down; automatic recovery in progress'),
      lines[5],
    ];
  }
  return [
    out('The files belonging to this database system will be owned by user "postgres".'),
    out('This user must also own the server process.'),
    out(''),
    out('The database cluster will be initialized with locale "en_US.utf8".'),
    out('The default database encoding has accordingly been set to "UTF8".'),
    out('The default text search configuration will be set to "english".'),
    out(''),
    out('Data page checksums are disabled.'),
    out(''),
    out('fixing permissions on existing directory /var/lib/postgresql/data ... ok'),
    out('creating subdirectories ... ok'),
    out('selecting dynamic shared memory implementation ... posix'),
    out('selecting default max_connections ... 100'),
    out('selecting default shared_buffers ... 128MB'),
    out('selecting default time zone ... Etc/UTC'),
    out('creating configuration files ... ok'),
    out('running bootstrap script ... ok'),
    out('performing post-bootstrap initialization ... ok'),
    out('syncing data to disk ... ok'),
    out(''),
    out(''),
    out('Success. You can now start the database server using:'),
    out(''),
    out('    pg_ctl -D /var/lib/postgresql/data -l logfile start'),
    out(''),
    err('initdb: warning: enabling "trust" authentication for local connections'),
    err('initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.'),
    log(48, `starting ${version}`),
    log(48, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    log(51, `database system was shut down at ${pgTime(at).replace(/\.\d{3} /, ' ')}`),
    log(48, 'database system is ready to accept connections'),
    // pg_ctl writes its dots as it waits and ends the line with " done" once the server answers: after its LOG lines.
    out('waiting for server to start.... done'),
    out('server started'),
    out(''),
    out('/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*'),
    out(''),
    log(48, 'received fast shutdown request'),
    log(48, 'aborting any active transactions'),
    log(48, 'background worker "logical replication launcher" (PID 54) exited with exit code 1'),
    log(49, 'shutting down'),
    log(49, 'checkpoint starting: shutdown immediate'),
    log(
      49,
      'checkpoint complete: wrote 922 buffers (5.6%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.039 s, sync=0.170 s, total=0.224 s; ' +
        'sync files=301, longest=0.017 s, average=0.001 s; distance=4255 kB, estimate=4255 kB; lsn=0/1912108, redo lsn=0/1912108',
    ),
    log(48, 'database system is shut down'),
    out('waiting for server to shut down.... done'),
    out('server stopped'),
    out(''),
    out('PostgreSQL init process complete; ready for start up.'),
    out(''),
    ...serve(64, at),
  ];
}
