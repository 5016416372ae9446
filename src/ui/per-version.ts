// A value read from the estate, made again only when the estate has changed
// (its version moved): what every frame asks for, computed once per change.
export class PerVersion<T> {
  private version = -1;
  private value: T | undefined;

  constructor(
    private readonly current: () => number,
    private readonly make: () => T,
  ) {}

  get(): T {
    const version = this.current();
    if (version !== this.version || this.value === undefined) {
      this.value = this.make();
      this.version = version;
    }
    return this.value;
  }
}
