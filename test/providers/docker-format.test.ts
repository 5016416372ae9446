// How docker prints sizes, durations, tables, commands and ports: the ports of
// docker/go-units and docker/cli's formatter, checked against their own tests:
//   docker/go-units size_test.go, duration_test.go
//   docker/cli cli/command/formatter/container_test.go (TestContainerContextWrite,
//     TestDisplayablePorts, Command), cli/command/container/formatter_stats_test.go
import { describe, expect, it } from 'vitest';
import { dockerTable, ellipsis, goQuote } from '../../src/providers/docker/formatter.js';
import { bytesSize, formatF, humanDuration, humanSize, humanSizeWithPrecision } from '../../src/providers/docker/go-units.js';
import { displayablePorts } from '../../src/providers/docker/ports.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('go-units, ported (docker/go-units size.go, duration.go)', () => {
  it('BytesSize: binary units, %.4g (size_test.go TestBytesSize)', () => {
    const KiB = 1024,
      MiB = KiB ** 2,
      GiB = KiB ** 3,
      TiB = KiB ** 4,
      PiB = KiB ** 5;
    expect([KiB, MiB, 2 * MiB, 3.42 * GiB, 5.372 * TiB, 2.22 * PiB, KiB ** 5 * PiB].map(bytesSize)).toEqual([
      '1KiB',
      '1MiB',
      '2MiB',
      '3.42GiB',
      '5.372TiB',
      '2.22PiB',
      '1.049e+06YiB',
    ]);
    // docker stats MEM USAGE / LIMIT: the brief's examples.
    expect([GiB, 14.02 * MiB, 7.629 * GiB, 0].map(bytesSize)).toEqual(['1GiB', '14.02MiB', '7.629GiB', '0B']);
  });

  it('HumanSize and HumanSizeWithPrecision: decimal units (size_test.go TestHumanSize; formatter_stats_test.go NetIO, BlockIO)', () => {
    expect([1000, 1024, 1e6, 1048576, 2e6, 3.42e9, 5.372e12, 2.22e15, 1e13 * 1e15].map(humanSize)).toEqual([
      '1kB',
      '1.024kB',
      '1MB',
      '1.049MB',
      '2MB',
      '3.42GB',
      '5.372TB',
      '2.22PB',
      '1e+04YB',
    ]);
    expect([0.31, 12.3, 0.1, 2.3, 0, 188e6, 7.8e6, 1.2e9, 1200].map((b) => humanSizeWithPrecision(b, 3))).toEqual([
      '0.31B',
      '12.3B',
      '0.1B',
      '2.3B',
      '0B',
      '188MB',
      '7.8MB',
      '1.2GB',
      '1.2kB',
    ]);
    // Go's %.3g: 999.95 rounds to 1.00e+03 and is written in exponent form; exact ties round half to even (strconv ftoa.go).
    expect(humanSizeWithPrecision(999_950, 3)).toBe('1e+03kB');
    expect(humanSizeWithPrecision(1125, 3)).toBe('1.12kB');
    // formatter_stats.go formatPercentage: FormatFloat 'f', 2 (formatter_stats_test.go "5.50%", "10.20%").
    expect([5.5, 10.2, 0.125, 0.135].map((v) => formatF(v, 2))).toEqual(['5.50', '10.20', '0.12', '0.14']);
  });

  it('HumanDuration (duration_test.go TestHumanDuration)', () => {
    const week = 7 * DAY,
      month = 30 * DAY,
      year = 365 * DAY;
    const cases: [number, string][] = [
      [450, 'Less than a second'],
      [SEC, '1 second'],
      [45 * SEC, '45 seconds'],
      [59 * SEC, '59 seconds'],
      [60 * SEC, 'About a minute'],
      [3 * MIN, '3 minutes'],
      [35 * MIN + 40 * SEC, '35 minutes'],
      [59 * MIN, '59 minutes'],
      [HOUR, 'About an hour'],
      [HOUR + 29 * MIN, 'About an hour'],
      [HOUR + 31 * MIN, '2 hours'],
      [3 * HOUR + 29 * MIN, '3 hours'],
      [3 * HOUR + 31 * MIN, '4 hours'],
      [24 * HOUR, '24 hours'],
      [DAY + 12 * HOUR, '36 hours'],
      [2 * DAY, '2 days'],
      [13 * DAY + 5 * HOUR, '13 days'],
      [2 * week, '2 weeks'],
      [4 * week + 3 * DAY, '4 weeks'],
      [month, '4 weeks'],
      [month + 2 * week, '6 weeks'],
      [2 * month, '2 months'],
      [5 * month + 2 * week, '5 months'],
      [24 * month, '24 months'],
      [24 * month + 2 * week, '2 years'],
      [3 * year + 2 * month, '3 years'],
    ];
    expect(cases.map(([ms]) => humanDuration(ms))).toEqual(cases.map(([, s]) => s));
  });
});

describe('layout (docker/cli cli/command/formatter)', () => {
  it('tables through its tabwriter: columns at least 10 wide, 3 spaces of padding, the last one bare (container_test.go TestContainerContextWrite)', () => {
    const rows = [
      ['containerID1', 'ubuntu', '""', '24 hours ago', '', '', 'foobar_baz'],
      ['containerID2', 'ubuntu', '""', '24 hours ago', '', '', 'foobar_bar'],
    ];
    expect(dockerTable(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows)).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED        STATUS    PORTS     NAMES\n' +
        'containerID1   ubuntu    ""        24 hours ago                       foobar_baz\n' +
        'containerID2   ubuntu    ""        24 hours ago                       foobar_bar\n',
    );
  });

  it('commands quoted as strconv.Quote, cut to 20 with an ellipsis (container_test.go; displayutils.go Ellipsis)', () => {
    expect(goQuote("sh -c 'ls -la'")).toBe(`"sh -c 'ls -la'"`);
    expect(goQuote('sh -c echo "hi"\t')).toBe('"sh -c echo \\"hi\\"\\t"');
    expect(goQuote(ellipsis('/docker-entrypoint.sh nginx -g daemon off;', 20))).toBe('"/docker-entrypoint.…"');
  });

  it('ports as DisplayablePorts shows them (container_test.go TestDisplayablePorts)', () => {
    expect(displayablePorts([{ privatePort: 9988, proto: 'tcp' }])).toEqual(['9988/tcp']);
    expect(displayablePorts([{ ip: '0.0.0.0', privatePort: 9988, proto: 'tcp' }])).toEqual(['0.0.0.0:0->9988/tcp']);
    expect(displayablePorts([{ ip: '::', privatePort: 9988, proto: 'tcp' }])).toEqual(['[::]:0->9988/tcp']);
    expect(displayablePorts([{ ip: '4.3.2.1', publicPort: 8899, privatePort: 9988, proto: 'tcp' }])).toEqual(['4.3.2.1:8899->9988/tcp']);
    expect(displayablePorts([{ ip: '::1', publicPort: 9988, privatePort: 9988, proto: 'tcp' }])).toEqual(['[::1]:9988->9988/tcp']);
    expect(
      displayablePorts([
        { privatePort: 9988, proto: 'udp' },
        { privatePort: 9988, proto: 'udp' },
      ]),
    ).toEqual(['9988/udp', '9988/udp']);
    expect(
      displayablePorts([
        { ip: '1.2.3.4', publicPort: 9998, privatePort: 9998, proto: 'udp' },
        { ip: '1.2.3.4', publicPort: 9999, privatePort: 9999, proto: 'udp' },
      ]),
    ).toEqual(['1.2.3.4:9998-9999->9998-9999/udp']);
  });
});
