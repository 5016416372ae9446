import { describe, expect, it } from 'vitest';
import { EventLog } from '../../src/core/event-log.js';

const entry = (i: number) => ({ kind: 'test', subjectType: 'host' as const, subjectId: `h${i % 3}`, severity: 'info' as const, message: `event ${i}` });

describe('EventLog', () => {
  it('stamps entries with the sim time and a running number', () => {
    let now = 5;
    const log = new EventLog(() => now);
    log.append(entry(0));
    now = 9;
    log.append(entry(1));
    expect(log.all().map((e) => [e.seq, e.at])).toEqual([
      [0, 5],
      [1, 9],
    ]);
  });

  it('keeps only the newest entries up to its capacity, while counting all', () => {
    const log = new EventLog(() => 0, 10);
    for (let i = 0; i < 25; i++) log.append(entry(i));
    expect(log.size).toBe(10);
    expect(log.total).toBe(25);
    expect(log.at(0)?.message).toBe('event 15');
    expect(log.recent(2).map((e) => e.message)).toEqual(['event 24', 'event 23']);
  });

  it('finds the recent entries of one subject', () => {
    const log = new EventLog(() => 0);
    for (let i = 0; i < 9; i++) log.append(entry(i));
    expect(log.forSubject('h1', 2).map((e) => e.message)).toEqual(['event 7', 'event 4']);
  });

  it('continues numbering after a restore instead of reusing numbers', () => {
    const a = new EventLog(() => 0, 5);
    for (let i = 0; i < 12; i++) a.append(entry(i));
    const b = new EventLog(() => 0, 5);
    b.restore(a.all());
    expect(b.append(entry(99)).seq).toBe(12);
  });

  it('tells subscribers about each entry', () => {
    const log = new EventLog(() => 0);
    const seen: string[] = [];
    const stop = log.subscribe((e) => seen.push(e.message));
    log.append(entry(1));
    stop();
    log.append(entry(2));
    expect(seen).toEqual(['event 1']);
  });
});
