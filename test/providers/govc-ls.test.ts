// govc ls: each PATH's children, a leaf as itself, and wildcards matched against
// the inventory (govmomi cli/ls.go: finder.ManagedObjectListChildren for each
// argument; find/finder.go matches * and ? path by path).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';

const ls = (line: string) => runLine(defaultEstate(1), line).stdout.trim().split('\n');

describe('govc ls', () => {
  it('lists the hosts of each cluster a wildcard matches', () => {
    expect(ls('govc ls /dc-east/host/*')).toEqual([
      '/dc-east/host/vsphere-prod/esx-01',
      '/dc-east/host/vsphere-prod/esx-02',
      '/dc-east/host/vsphere-prod/esx-03',
      '/dc-east/host/vsphere-prod/esx-04',
      '/dc-east/host/vsphere-prod/Resources',
    ]);
  });

  it('lists a leaf as itself, and the leaves a pattern matches', () => {
    expect(ls('govc ls /dc-east/vm/db-01')).toEqual(['/dc-east/vm/db-01']);
    expect(ls('govc ls /dc-east/vm/web-*')).toEqual(['/dc-east/vm/web-01', '/dc-east/vm/web-02', '/dc-east/vm/web-03']);
    expect(ls('govc ls /dc-east/host/vsphere-prod/esx-0?')).toHaveLength(4);
  });

  it('lists each path given, in order', () => {
    const out = ls('govc ls /dc-east/datastore/prod-* /dc-east/vm/db-02');
    expect(out).toEqual(['/dc-east/datastore/prod-lun01', '/dc-east/datastore/prod-nfs01', '/dc-east/vm/db-02']);
  });
});
