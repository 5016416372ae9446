// What the command-line modes share: printing a usage error the same way, and
// reading standard input whole.
export function usageError(command: string, message: string): number {
  process.stderr.write(`hyperpane${command ? ` ${command}` : ''}: ${message}\nRun hyperpane ${command ? `${command} ` : ''}--help for usage.\n`);
  return 2;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
