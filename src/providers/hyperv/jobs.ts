// -AsJob: the cmdlet returns at once with the background job it started, which
// Windows PowerShell 5.1 shows in its job table: Id, Name, PSJobTypeName, State,
// HasMoreData, Location and Command in columns of fixed width, a longer value cut
// to end in "..." (Microsoft Learn, windows-powershell-docs and azure-powershell
// docs: the New-AzResourceGroupDeployment -AsJob example; about_Remote_Jobs, the
// Get-WmiObject -AsJob example). A job is named Job<Id> unless given a name
// (about_Jobs). The job runs on in the simulation; Get-Job and Receive-Job are
// not answered here.

/** Column widths of the job view; the last column takes what it needs. */
const COLUMNS: readonly (readonly [string, number])[] = [
  ['Id', 6],
  ['Name', 15],
  ['PSJobTypeName', 15],
  ['State', 13],
  ['HasMoreData', 15],
  ['Location', 20],
  ['Command', 0],
];

function fit(text: string, width: number): string {
  if (width === 0) return text;
  return text.length > width ? `${text.slice(0, width - 3)}...` : text.padEnd(width);
}

/** The table a cmdlet run with -AsJob prints: its job, just started. */
export function jobTable(id: number, command: string): string {
  // The job type the Hyper-V module gives its jobs is left blank: no capture of one was found.
  const cells = [String(id), `Job${id}`, '', 'Running', 'True', 'localhost', command];
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => fit(v, COLUMNS[i][1]))
      .join(' ')
      .trimEnd();
  return ['', line(COLUMNS.map(([h]) => h)), line(COLUMNS.map(([h]) => '-'.repeat(h.length))), line(cells), ''].join('\n');
}
