// The console's estate and the file it is kept in: :w, :w!, autosave, saving on
// the way out, and :open's save of the estate being left. A save that would
// replace a file this estate did not come from asks first; a file another
// program changed since it was read is not replaced unless forced; on the way
// out, an estate whose file cannot take it is saved where it can be, and the
// user told where, so quitting never costs work.
import { resolve } from 'node:path';
import { liveWorkloads } from '../estate/counts.js';
import type { Estate } from '../estate/estate.js';
import { fileBytes, loadEstate, megabytes, overwriteQuestion, SLOW_LOAD_BYTES, saveEstate, saveOrRecover, tooBigToSave } from '../estate/store.js';

export interface SaveAnswer {
  readonly ok: boolean;
  readonly message: string;
  /** Nothing saved yet: the file is one this estate did not come from; the question to ask. */
  readonly ask?: string;
}

/**
 * Estates at least this big may take longer than a frame to save, so the console
 * says it is saving before it starts: saving takes 9-10 us a workload on a 2-core
 * machine (100,000 workloads in 885-986 ms in `npm run bench`'s save.100k), so a
 * 60 Hz frame, 16 ms, is 1,600-1,800 workloads. This was set when a save took
 * 14-17 us a workload (1.5-1.7 s right after loading, when the code is cold) and
 * is kept: a notice a little early costs nothing, one missing leaves a frozen screen.
 */
export const SLOW_SAVE_WORKLOADS = 900;

export class EstateSaver {
  private savedVersion: number;

  constructor(
    public estate: Estate,
    public file: string | undefined,
    private readonly readonly: boolean,
  ) {
    this.savedVersion = estate.sim.version;
  }

  /** Another estate in its place (:open), as it was read. */
  replace(estate: Estate, file: string | undefined): void {
    this.estate = estate;
    this.file = file;
    this.savedVersion = estate.sim.version;
  }

  /** Whether the estate changed since it was opened or last saved to its own file. */
  unsaved(): boolean {
    return this.file !== undefined && !this.readonly && this.estate.sim.version !== this.savedVersion;
  }

  /** Whether saving this estate takes longer than a frame (see SLOW_SAVE_WORKLOADS). */
  slow(): boolean {
    // By the workloads written: a deleted one's slot costs the save nothing (counted only when the slots reach it).
    const { sim } = this.estate;
    return sim.workloadCount >= SLOW_SAVE_WORKLOADS && liveWorkloads(sim) >= SLOW_SAVE_WORKLOADS;
  }

  /** What :w [FILE] would do without writing: where it writes, or why not, or the question to ask first. */
  check(target: string | undefined, options: { force?: boolean } = {}): { path: string } | SaveAnswer {
    const path = target ?? this.file;
    if (!path) return { ok: false, message: 'this estate has no file yet: :w FILE saves it to one' };
    const tooBig = tooBigToSave(this.estate, path);
    if (tooBig) return { ok: false, message: tooBig };
    if (target !== undefined && !options.force) {
      const ask = overwriteQuestion(this.estate, path);
      if (ask) return { ok: false, message: ask, ask };
    }
    return { path };
  }

  /** :w [FILE] (force: :w! [FILE]). */
  save(target: string | undefined, options: { force?: boolean } = {}): SaveAnswer {
    const checked = this.check(target, options);
    if (!('path' in checked)) return checked;
    const { path } = checked;
    const r = saveEstate(this.estate, path, { force: options.force });
    if (!r.ok) return { ok: false, message: r.conflict ? `${r.message}: :w! replaces it with this estate, :w FILE saves this one elsewhere` : r.message };
    if (this.isOwnFile(path)) this.savedVersion = this.estate.sim.version;
    return { ok: true, message: `saved ${path}${r.warning ? ` (${r.warning})` : ''}` };
  }

  /** Saves to its own file if it changed; undefined when there was nothing to save. */
  saveIfChanged(): SaveAnswer | undefined {
    return this.unsaved() ? this.save(undefined) : undefined;
  }

  /**
   * :open FILE: the estate in FILE, once this one is saved if it changed; nothing
   * changes if either cannot be done (a file that will not load, a save that fails).
   */
  open(path: string): { ok: true; message: string; next: { estate: Estate; file: string } } | { ok: false; message: string } {
    // Saved first, then read: :open of this estate's own file reads what was just saved.
    const r = this.saveIfChanged();
    if (r && !r.ok) return { ok: false, message: `${path} is not opened: this estate could not be saved first (${r.message})` };
    const loaded = loadEstate(path);
    if (!loaded.ok) return { ok: false, message: loaded.error.message };
    return { ok: true, message: `opening ${path}`, next: { estate: loaded.value, file: path } };
  }

  /** On the way out: its own file if it changed, else a copy where one can be saved; undefined if nothing changed. */
  saveOnExit(): SaveAnswer | undefined {
    if (!this.unsaved()) return undefined;
    const r = saveOrRecover(this.estate, this.file!);
    if (r.ok) this.savedVersion = this.estate.sim.version;
    return r;
  }

  private isOwnFile(path: string): boolean {
    return this.file !== undefined && resolve(path) === resolve(this.file);
  }
}

/** "100,000 workloads": how big an estate is, for a line that says a save will take a while. */
export function workloadCount(estate: Estate): string {
  const n = liveWorkloads(estate.sim);
  return `${n.toLocaleString('en-US')} workload${n === 1 ? '' : 's'}`;
}

/** A save said on the status line and not done yet, and what follows it once done. */
interface PendingSave {
  readonly what: string;
  readonly save: () => SaveAnswer | undefined;
  readonly after: (r: SaveAnswer | undefined) => void;
}

/**
 * :w, autosave and :open's save in the console. A save that takes longer than a
 * frame (see SLOW_SAVE_WORKLOADS) is said on the status line first and done a
 * moment later, once that line is drawn: a save holds the screen still while it
 * writes, and without the line a console frozen for seconds looks hung. One such
 * save at a time; the console runs one still pending at once (flush) before it
 * quits or another estate takes this one's place.
 */
export class SavingNotice {
  private pendingSave: PendingSave | undefined;

  constructor(
    private readonly saver: EstateSaver,
    private readonly ui: {
      say(text: string, tone: 'info' | 'error'): void;
      /** Runs fn after the status line has been drawn. */
      later(fn: () => void): void;
    },
  ) {}

  /** :w [FILE]: the answer now, or "saving ..." now and the answer when it is done. */
  save(target: string | undefined, options: { force?: boolean } = {}): SaveAnswer {
    if (this.pendingSave) return { ok: false, message: `${this.pendingSave.what}: wait for it to finish` };
    // A quick save checks and saves in one go; a slow one checks now, to say where it saves or ask first.
    if (!this.saver.slow()) return this.saver.save(target, options);
    const checked = this.saver.check(target, options);
    if (!('path' in checked)) return checked;
    const what = `saving ${checked.path} (${workloadCount(this.saver.estate)})...`;
    this.schedule({
      what,
      save: () => this.saver.save(target, options),
      after: (r) => r && this.ui.say(r.message, r.ok ? 'info' : 'error'),
    });
    return { ok: true, message: what };
  }

  /** Every few minutes: its own file, if it changed. */
  autosave(): void {
    if (this.pendingSave || !this.saver.unsaved()) return;
    const after = (r: SaveAnswer | undefined) => {
      if (r && !r.ok) this.ui.say(`autosave: ${r.message}`, 'error');
      else if (r && this.saver.slow()) this.ui.say(`autosaved ${this.saver.file}`, 'info');
    };
    if (!this.saver.slow()) return after(this.saver.saveIfChanged());
    this.schedule({ what: `autosaving ${this.saver.file} (${workloadCount(this.saver.estate)})...`, save: () => this.saver.saveIfChanged(), after });
  }

  /**
   * :open FILE: `open` runs once the estate being left is saved (if it changed),
   * at once, or after a line that says so when the save or reading FILE takes a
   * while; the answer to show now.
   */
  beforeOpen(path: string, open: () => SaveAnswer): SaveAnswer {
    const flushed = this.flush();
    if (flushed && !flushed.ok) return { ok: false, message: `${path} is not opened: this estate could not be saved first (${flushed.message})` };
    const saving = this.saver.unsaved() && this.saver.slow();
    const bytes = fileBytes(path);
    const reading = bytes !== undefined && bytes >= SLOW_LOAD_BYTES;
    if (!saving && !reading) return open();
    const save = `saving ${this.saver.file} (${workloadCount(this.saver.estate)})`;
    const read = `opening ${path}${reading ? ` (${megabytes(bytes)})` : ''}`;
    const what = saving && reading ? `${save}, then ${read}...` : saving ? `${save} before ${read}...` : `${read}...`;
    this.schedule({
      what,
      // The estate being left is saved here when that is slow; open() saves it otherwise (saver.open).
      save: () => (saving ? this.saver.saveIfChanged() : undefined),
      after: (r) => {
        if (r && !r.ok) return this.ui.say(`${path} is not opened: this estate could not be saved first (${r.message})`, 'error');
        const opened = open();
        if (!opened.ok) this.ui.say(opened.message, 'error');
      },
    });
    return { ok: true, message: what };
  }

  /** What the save said and not done yet said ("saving FILE (N workloads)..."), if there is one. */
  pending(): string | undefined {
    return this.pendingSave?.what;
  }

  /**
   * Does the save still pending now, without what was to follow it (the console is
   * quitting, or another estate is taking this one's place); its answer, if one was pending.
   */
  flush(): SaveAnswer | undefined {
    const job = this.pendingSave;
    if (!job) return undefined;
    this.pendingSave = undefined;
    return job.save();
  }

  private schedule(job: PendingSave): void {
    this.pendingSave = job;
    this.ui.say(job.what, 'info');
    this.ui.later(() => {
      // Done already, by flush.
      if (this.pendingSave !== job) return;
      this.pendingSave = undefined;
      job.after(job.save());
    });
  }
}
