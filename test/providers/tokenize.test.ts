// Command lines split into words: a shell's rules (a backslash escapes), but a
// PowerShell line's escape is the backtick (about_Special_Characters), so Windows
// paths typed without quotes keep their backslashes.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/providers/cli/tokenize.js';

const words = (line: string) => {
  const t = tokenize(line);
  if (!t.ok) throw new Error(t.error);
  return t.words;
};

describe('tokenize', () => {
  it('keeps a shell line’s escapes', () => {
    expect(words('virt-install --name a\\ b "x \\"y\\""')).toEqual(['virt-install', '--name', 'a b', 'x "y"']);
  });

  it('keeps a cmdlet line’s backslashes, and escapes with the backtick', () => {
    expect(words('Move-VMStorage web C:\\ClusterStorage\\Volume2\\web')).toEqual(['Move-VMStorage', 'web', 'C:\\ClusterStorage\\Volume2\\web']);
    expect(words('get-vhd -Path "\\\\server\\share\\a.vhdx"')).toEqual(['get-vhd', '-Path', '\\\\server\\share\\a.vhdx']);
    expect(words('New-VM -Name a`b "x`"y"')).toEqual(['New-VM', '-Name', 'ab', 'x"y']);
  });

  it('splits a cmdlet line at an unquoted |, spaces round it or not, and keeps a quoted one in its word', () => {
    // about_Pipelines: Get-VHD x|fl is a pipeline; about_Quoting_Rules: inside quotes | is a character.
    expect(words('Get-VHD C:\\a.vhdx|fl Path')).toEqual(['Get-VHD', 'C:\\a.vhdx', '|', 'fl', 'Path']);
    expect(words('Get-VHD x |fl')).toEqual(['Get-VHD', 'x', '|', 'fl']);
    expect(words(`Get-VHD 'a|b' "c|d"`)).toEqual(['Get-VHD', 'a|b', 'c|d']);
    // A shell line keeps its words as before.
    expect(words('virsh list|x')).toEqual(['virsh', 'list|x']);
  });
});
