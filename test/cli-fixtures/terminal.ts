import { spawn } from 'node:child_process';
import { CLI, ROOT } from './run.js';

/*
 * The CLI on a pseudo-terminal: util-linux `script` gives the command a terminal (stdin, stdout
 * and stderr all on it), so colours, the hidden password prompt and the progress line happen.
 */
const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

export interface TtyRun {
  status: number | null;
  /** Everything the terminal showed (stdout and stderr interleaved, line ends as the terminal wrote them). */
  output: string;
}

/** Runs the command on a terminal; `answer` is typed once `waitFor` appears on the screen. */
export function onTerminal(args: string[], options: { env?: Record<string, string>; waitFor?: string; answer?: string } = {}): Promise<TtyRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', ...options.env };
  if (!options.env?.NO_COLOR) delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-f', '-c', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    const onData = (d: Buffer): void => {
      output += d.toString('utf8');
      if (options.waitFor && !answered && output.includes(options.waitFor)) {
        answered = true;
        child.stdin.write(options.answer ?? '');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
