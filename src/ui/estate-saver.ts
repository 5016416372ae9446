// The console's estate and the file it is kept in: :w, :w!, autosave, saving on
// the way out, and :open's save of the estate being left. A save that would
// replace a file this estate did not come from asks first; a file another
// program changed since it was read is not replaced unless forced; on the way
// out, an estate whose file cannot take it is saved where it can be, and the
// user told where, so quitting never costs work.
import { resolve } from 'node:path';
import type { Estate } from '../estate/estate.js';
import { loadEstate, overwriteQuestion, saveEstate, saveOrRecover } from '../estate/store.js';

export interface SaveAnswer {
  readonly ok: boolean;
  readonly message: string;
  /** Nothing saved yet: the file is one this estate did not come from; the question to ask. */
  readonly ask?: string;
}

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

  /** :w [FILE] (force: :w! [FILE]). */
  save(target: string | undefined, options: { force?: boolean } = {}): SaveAnswer {
    const path = target ?? this.file;
    if (!path) return { ok: false, message: 'this estate has no file yet: :w FILE saves it to one' };
    if (target !== undefined && !options.force) {
      const ask = overwriteQuestion(this.estate, path);
      if (ask) return { ok: false, message: ask, ask };
    }
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
