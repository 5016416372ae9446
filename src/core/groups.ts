// Affinity and anti-affinity groups: for each group, the hosts its members are on
// and how many members each. Placement reads it; claims keep it current.

export class Groups {
  private readonly members = new Map<string, Map<number, number>>();

  add(group: string, host: number): void {
    let hosts = this.members.get(group);
    if (!hosts) this.members.set(group, (hosts = new Map()));
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
  }

  remove(group: string, host: number): void {
    const hosts = this.members.get(group);
    const n = hosts?.get(host) ?? 0;
    if (!hosts || n === 0) throw new RangeError(`group ${group} has no member on host ${host}`);
    if (n === 1) hosts.delete(host);
    else hosts.set(host, n - 1);
  }

  hostsOf(group: string): ReadonlyMap<number, number> | undefined {
    return this.members.get(group);
  }
}
