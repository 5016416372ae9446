// Reading a tool's JSON output field by field: a value of the type wanted, or
// undefined (an output from another version, or a hostile one, may hold anything).

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** An object's fields, or none. */
export const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** What JSON text holds, or why it cannot be read, in the tool's name ("docker inspect is not JSON (...)"). */
export function parseJson(text: string, what: string): { readonly value: unknown } | string {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return `${what} is not JSON (${(e as Error).message})`;
  }
}

/** A JSON array's items, or a problem. */
export function jsonArray(text: string, what: string): unknown[] | string {
  const r = parseJson(text, what);
  if (typeof r === 'string') return r;
  return Array.isArray(r.value) ? r.value : `${what} is not a JSON array`;
}

/** A JSON object's fields, or a problem. */
export function jsonObject(text: string, what: string): Record<string, unknown> | string {
  const r = parseJson(text, what);
  if (typeof r === 'string') return r;
  return r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value) ? (r.value as Record<string, unknown>) : `${what} is not a JSON object`;
}
