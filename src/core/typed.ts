// Growing the typed arrays that hold the hot state: growing by half keeps appends
// cheap without leaving a third of a 100,000-workload table empty.

type Typed =
  | Float64Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Int16Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>;

/** A copy of `a` at least `length` long (growing by half), or `a` itself if it is long enough. */
export function ensureLength<T extends Typed>(a: T, length: number, fill = 0): T {
  if (length <= a.length) return a;
  const size = Math.max(length, Math.ceil(a.length * 1.5), 16);
  const b = new (a.constructor as new (n: number) => T)(size);
  if (fill !== 0) b.fill(fill);
  b.set(a as never);
  return b;
}
