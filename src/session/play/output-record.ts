// A record of the files tapes have written (by real path, with the size and a
// SHA-256 of what was written), kept beside the user's settings. A file whose
// content is still exactly what a tape wrote there is an earlier output, which
// playing the tape again may replace; anything else there (the user's own file,
// or a recording they edited since) is not replaced without --force.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { writeAtomically } from '../../files/atomic-write.js';
import { readTextFile } from '../../files/read.js';

/** The most outputs remembered (the oldest are forgotten first). */
const MAX_ENTRIES = 2000;
/** A recording larger than this is not compared byte for byte (it is not one a tape of at most 1 MB makes). */
const MAX_COMPARED_BYTES = 256 * 1024 * 1024;

const recordFile = z.object({
  version: z.literal(1),
  files: z.array(z.tuple([z.string().max(4096), z.number().int().nonnegative(), z.string().regex(/^[0-9a-f]{64}$/)])).max(MAX_ENTRIES),
});

export class OutputRecord {
  private readonly files = new Map<string, { size: number; sha256: string }>();
  private dirty = false;

  private constructor(readonly path: string | undefined) {}

  /** The record at `path` (an empty one if it is missing or unreadable); undefined: remember nothing. */
  static open(path: string | undefined): OutputRecord {
    const record = new OutputRecord(path);
    if (!path) return record;
    const read = readTextFile(path, 16 * 1024 * 1024);
    if (!read.ok) return record;
    try {
      const parsed = recordFile.safeParse(JSON.parse(read.text));
      if (parsed.success) for (const [file, size, sha256] of parsed.data.files) record.files.set(file, { size, sha256 });
    } catch {
      // not JSON: start again (nothing is replaced that the record cannot vouch for)
    }
    return record;
  }

  /** Whether the file at `real` is exactly what a tape last wrote there. */
  wrote(real: string): boolean {
    const known = this.files.get(real);
    if (!known) return false;
    const read = readTextFile(real, Math.min(MAX_COMPARED_BYTES, known.size));
    return read.ok && Buffer.byteLength(read.text) === known.size && sha256(read.text) === known.sha256;
  }

  note(real: string, text: string): void {
    this.files.delete(real);
    this.files.set(real, { size: Buffer.byteLength(text), sha256: sha256(text) });
    while (this.files.size > MAX_ENTRIES) this.files.delete(this.files.keys().next().value!);
    this.dirty = true;
  }

  /** Writes the record back if it changed; a record that cannot be written only costs a --force later. */
  save(): void {
    if (!this.path || !this.dirty) return;
    const files = [...this.files].map(([file, { size, sha256 }]) => [file, size, sha256]);
    writeAtomically(this.path, `${JSON.stringify({ version: 1, files })}\n`, { keepPrevious: false, makeFolders: true });
    this.dirty = false;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
