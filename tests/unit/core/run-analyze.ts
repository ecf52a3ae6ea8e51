// Runs the analyze CLI in this process: a string stdin, and stdout/stderr collected into strings.
import { Readable, Writable } from 'node:stream';
import { runAnalyze } from '../../../core/cli/analyze.ts';

function collector(add: (s: string) => void): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      add(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      cb();
    },
  });
}

/** analyze with `args`, `input` on its stdin: its exit code, stdout, stderr and non-empty stdout lines. */
export async function analyze(args: string[], input?: string | Buffer): Promise<{ code: number; out: string; err: string; lines: string[] }> {
  let out = '';
  let err = '';
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input)]);
  const code = await runAnalyze(args, { stdin, stdout: collector((s) => (out += s)), stderr: collector((s) => (err += s)) });
  return { code, out, err, lines: out.split('\n').filter(Boolean) };
}
