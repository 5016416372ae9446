// The text charts (ui/chart-text.ts): an area's cells fill from the bottom in
// eighths, a bar's from the left; the threshold rule and the forecast's dots sit
// where their values fall.
import { describe, expect, it } from 'vitest';
import { areaChart, bar, resample } from '../../src/ui/chart-text.js';

describe('text charts', () => {
  it('a bar of 12 cells: 50% is six full cells, 54% adds a partial one, the rest light shade', () => {
    expect(bar(50, 12)).toBe('██████░░░░░░');
    expect(bar(54, 12)).toBe('██████▌░░░░░');
    expect(bar(100, 4)).toBe('████');
    expect(bar(0, 4)).toBe('░░░░');
    expect(bar(150, 4)).toBe('████');
  });

  it('resamples by mean when there are more points than columns, by nearest when fewer', () => {
    expect(resample([0, 10, 20, 30], 2)).toEqual([5, 25]);
    expect(resample([1, 2], 4)).toEqual([1, 1, 2, 2]);
  });

  it('draws the area, the threshold rule where no value reaches, and the forecast as dots after now', () => {
    const lines = areaChart([50, 50, 50, 50], {
      width: 8,
      height: 4,
      max: 100,
      threshold: { value: 75, label: '75%' },
      forecast: [90, 100],
      from: '-4m',
      to: '+2m',
    });
    // Four rows, the axis, the labels. 50% of 4 rows is two full rows; the rule at 75% is row 3 (from the bottom, 0-based).
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(' 100% │      ··');
    expect(lines[1]).toBe('  75% │────────');
    expect(lines[2]).toBe('      │██████  ');
    expect(lines[3]).toBe('   0% │██████  ');
    expect(lines[4]).toBe('      └────────');
    expect(lines[5]).toMatch(/^ {7}-4m +now +\+2m$/);
  });
});
