// Tables looked up by a name a person typed (a command word, a flag, a size, a
// preset, a palette entry) must answer only for their own names: on a plain
// object, "constructor", "toString" or "__proto__" find Object's own members
// and a lookup that should say "no such thing" hands back a function instead.

/** A lookup table with no prototype: `t[name]` is undefined for any name it was not given. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** `record[key]` when `key` is the record's own (for records read from files, which have prototypes). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
