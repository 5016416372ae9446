// Types for ink-patches.mjs, which vitest.config.ts imports.
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vitest/config';

export interface Mend {
  /** The diff's file name, e.g. 01-wrap-text-cache-key.patch. */
  readonly name: string;
  /** What it mends and, on its "Upstream: " line, the upstream issue. */
  readonly about: string;
  /** The hunks of each file it changes, by path from node_modules/ on. */
  readonly files: ReadonlyMap<string, readonly { readonly old: string; readonly new: string }[]>;
}
export declare const MENDS: readonly Mend[];
export declare const MENDED_FILES: readonly string[];
export declare function packageOf(file: string): string;
export declare const MENDED_PACKAGES: readonly string[];
export declare function mendedFile(path: string): string | undefined;
export declare function mend(file: string, text: string): string;
export declare const inkPatches: EsbuildPlugin;
export declare const inkPatchesVite: VitePlugin;
export declare const INLINED: readonly string[];
