// Types for lint-checks.mjs, which test/lint.test.ts imports.
export declare const MAX_LINE: number;
export declare function isChecked(path: string): boolean;
export declare function longLines(files: ReadonlyMap<string, string>, max?: number): string[];
export interface PackageJson {
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}
export declare function unusedPackages(pkg: PackageJson, files: ReadonlyMap<string, string>): string[];
