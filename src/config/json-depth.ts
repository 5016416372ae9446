// Hand-written or generated JSON nested deeper than any real file would be:
// refused up front with the path where it goes too deep, because a structure a
// thousand levels deep passes a loose schema and then overflows the stack in
// whatever walks it next (saving, cloning).

/** Deeper than this is not a file a person or a tool would write for hyperpane. */
export const MAX_JSON_DEPTH = 64;

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly key: string | number;
  readonly parent: Frame | undefined;
}

/** The path of the first value nested deeper than `max` levels, or undefined. Iterative, so it cannot overflow itself. */
export function tooDeep(data: unknown, max = MAX_JSON_DEPTH): string | undefined {
  const stack: Frame[] = [{ value: data, depth: 0, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) return pathOf(frame);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i];
        if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: depth + 1, key: i, parent: frame });
      }
    } else {
      for (const k in value) {
        const v: unknown = (value as Record<string, unknown>)[k];
        if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: depth + 1, key: k, parent: frame });
      }
    }
  }
  return undefined;
}

/** "events[0].x.a" from the frames that led there. */
function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  let path = '';
  for (const k of keys.reverse()) path += typeof k === 'number' ? `[${k}]` : path ? `.${k}` : k;
  if (!path) return '(top level)';
  // Sixty-odd keys make a long line; where it starts and where it ends say enough.
  return path.length > 120 ? `${path.slice(0, 80)}…${path.slice(-30)}` : path;
}
