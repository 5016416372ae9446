// A wide name (東京 takes two columns in a terminal) lines up in every native
// table as it does in the real tool, each tool measuring a cell its own way:
// virsh with wcwidth (libvirt tools/vsh-table.c vshTableSafeEncode; the expected
// tables below are libvirt's tests/vshtabletest.c), docker with go-runewidth in
// its fork of text/tabwriter (docker/cli cli/command/formatter/tabwriter) and
// East Asian Width in Ellipsis (displayutils.go; cases from displayutils_test.go),
// az with tabulate's wcwidth (azure-cli pins wcwidth in requirements.py3.*.txt),
// PowerShell with its own DisplayCells table (ILineOutput.cs CharLengthInBufferCells).
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { powershellTable, virshTable } from '../../src/providers/cli/table.js';
import { dockerTable, ellipsis } from '../../src/providers/docker/formatter.js';
import { meterLine } from '../../src/providers/kvm/virt-meter.js';
import { defaultEstate } from '../default-estate.js';

/** The terminal column at which `word` starts on `line`. */
const column = (line: string, word: string) => stringWidth(line.slice(0, line.indexOf(word)));

describe('virsh (libvirt tools/vsh-table.c)', () => {
  it("lays out libvirt's own unicode tables (tests/vshtabletest.c)", () => {
    // testUnicode
    expect(
      `${virshTable(
        ['Id', '名稱', 'государство'],
        [
          ['1', 'fedora28', 'running'],
          ['2', 'つへソrhel7.5つへソ', 'running'],
        ],
      )}\n`,
    ).toBe(
      ' Id   名稱                  государство\n' +
        '-----------------------------------------\n' +
        ' 1    fedora28              running\n' +
        ' 2    つへソrhel7.5つへソ   running\n',
    );
    // testUnicodeZeroWidthChar
    expect(
      `${virshTable(
        ['I\u200Bd', 'Name', '\u200BStatus'],
        [
          ['1\u200B', 'fedora28', 'run\u200Bning'],
          ['2', 'rhel7.5', 'running'],
        ],
      )}\n`,
    ).toBe(' I\u200Bd   Name       \u200BStatus\n' + '--------------------------\n' + ' 1\u200B    fedora28   run\u200Bning\n' + ' 2    rhel7.5    running\n');
    // testUnicodeCombiningChar
    expect(
      `${virshTable(
        ['Id', 'Na\u0301me', 'Ⓢtatus'],
        [
          ['1', 'fe\u030Cdora28', 'running'],
          ['2', 'rhel', 'running'],
        ],
      )}\n`,
    ).toBe(' Id   Na\u0301me       Ⓢtatus\n' + '--------------------------\n' + ' 1    fe\u030Cdora28   running\n' + ' 2    rhel       running\n');
  });

  it('virsh list keeps the State column straight under a domain named 東京', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'virt-install --name 東京 --memory 1024 --vcpus 1 --disk size=10 --os-variant debian12 --import --noautoconsole').exitCode).toBe(0);
    const lines = runLine(e, 'virsh list --all').stdout.split('\n');
    const tokyo = lines.find((l) => l.includes('東京'))!;
    const dev = lines.find((l) => l.includes('dev-01'))!;
    expect(column(tokyo, 'running')).toBe(column(lines[0], 'State'));
    expect(column(dev, 'running')).toBe(column(lines[0], 'State'));
  });
});

describe('docker (docker/cli cli/command/formatter)', () => {
  it('Ellipsis counts a wide character as two columns (displayutils_test.go TestEllipsis)', () => {
    const cases: [string, number, string][] = [
      ['t🐳ststring', 0, ''],
      ['t🐳ststring', 1, 't'],
      ['t🐳ststring', 2, 't…'],
      ['t🐳ststring', 6, 't🐳st…'],
      ['t🐳ststring', 20, 't🐳ststring'],
      ['你好世界teststring', 0, ''],
      ['你好世界teststring', 1, '你'],
      ['你好世界teststring', 3, '你…'],
      ['你好世界teststring', 6, '你好…'],
      ['你好世界teststring', 20, '你好世界teststring'],
    ];
    expect(cases.map(([s, w]) => ellipsis(s, w))).toEqual(cases.map(([, , out]) => out));
  });

  it('the tabwriter pads a cell by its display width (its fork measures with go-runewidth)', () => {
    expect(
      dockerTable(
        ['NAME', 'DESCRIPTION', 'DOCKER ENDPOINT'],
        [
          ['東京-01 *', '', 'tcp://東京-01:2376'],
          ['osaka', '', 'tcp://osaka:2376'],
        ],
      ),
    ).toBe('NAME        DESCRIPTION   DOCKER ENDPOINT\n' + '東京-01 *                 tcp://東京-01:2376\n' + 'osaka                     tcp://osaka:2376\n');
  });

  it('docker ps keeps its columns straight under a command in wide characters, cut to 20 columns', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'docker run -d --name tokyo alpine echo 東京東京東京東京東京東京').exitCode).toBe(0);
    const lines = runLine(e, 'docker ps -a').stdout.split('\n');
    const tokyo = lines.find((l) => l.endsWith('tokyo'))!;
    expect(tokyo).toContain('"echo 東京東京東京東…"');
    // CREATED starts where its header does: after the quoted command and its padding.
    const created = /"[^"]*" +/.exec(tokyo)!;
    expect(stringWidth(tokyo.slice(0, created.index + created[0].length))).toBe(column(lines[0], 'CREATED'));
    expect(column(tokyo, 'tokyo')).toBe(column(lines[0], 'NAMES'));
  });
});

describe('az -o table (knack _TableOutput, tabulate)', () => {
  it('a wide cell is padded by its display width', () => {
    const r = runLine(defaultEstate(1), `az group list --query "[].{Where:'東京', Name:name}" -o table`);
    expect(r.stdout).toBe('Where    Name\n-------  -------\n東京     shop-rg\n');
  });
});

describe("PowerShell's Format-Table (Hyper-V cmdlets)", () => {
  it("pads by PowerShell's cells: two for each wide character, one for each other UTF-16 unit, combining marks too", () => {
    expect(
      powershellTable(
        ['Name', 'State'],
        [
          ['大阪', 'Off'],
          ['Rene\u0301', 'Off'],
          ['ad-01', 'Running'],
        ],
      ),
    ).toBe('\nName  State\n----  -----\n大阪  Off\nRene\u0301 Off\nad-01 Running\n');
  });

  it('Get-VMSnapshot lines up a VM and a checkpoint with wide names', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'New-VM -Name 大阪 -MemoryStartupBytes 1GB').exitCode).toBe(0);
    expect(runLine(e, 'Checkpoint-VM -Name 大阪 -SnapshotName 起動前').exitCode).toBe(0);
    expect(runLine(e, 'Get-VMSnapshot -VMName 大阪').stdout).toBe(
      '\nVMName Name   SnapshotType CreationTime        ParentSnapshotName\n' +
        '------ ----   ------------ ------------        ------------------\n' +
        '大阪   起動前 Production   1/1/2026 1:00:00 AM\n',
    );
  });
});

describe("virt-install's progress meter (virt-manager virtinst/_progresspriv.py)", () => {
  it('cuts and pads its text by code points, as Python\'s "%-*.*s" does', () => {
    // TextMeter._do_end: the text in the room left of 80 columns, " | %5sB", "  MM:SS" and five spaces.
    const line = meterLine("Allocating '🐳-01.qcow2'", 10 * 1024 ** 3, 0);
    expect(line).toBe(`Allocating '🐳-01.qcow2'${' '.repeat(59 - 23)} |  10 GB  00:00     \n`);
    expect([...meterLine(`Allocating '${'🐳'.repeat(70)}'`, 0, 0)].length).toBe(81);
  });
});
