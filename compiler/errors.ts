/**
 * User-facing compile errors: `file:line:col: message` and a code frame, so the user sees the
 * line. The CLI prints `message` as is and exits 1.
 */
import { codeFrameColumns } from '@babel/code-frame';

export class CompileError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number, readonly column?: number, readonly frame?: string) {
    super(message);
    this.name = 'CompileError';
  }
}

/** Did the compiler run out of stack (a RangeError V8 throws, or Babel's parser passed on)? */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /Maximum call stack size exceeded/.test(e.message);
}

/**
 * The input nests deeper than the compiler's stack allows (Babel recurses deeper per level than
 * V8's parser): `stackOverflow` tells the CLI to try again with a larger stack.
 */
export function tooDeep(file: string): CompileError {
  const e = new CompileError(`${file}: nests too deeply for the compiler at this stack size (expressions or blocks nested hundreds of levels deep); ` +
    'run restack with a larger stack: node --stack-size=<KB> bin/restack.js ...', file);
  (e as CompileError & { stackOverflow: boolean }).stackOverflow = true;
  return e;
}

/** An error located in the source; `loc.column` is 0-based as Babel reports it. */
export function errorAt(source: string, file: string, err: { message: string; loc?: { line: number; column: number } | null }): CompileError {
  const text = err.message.replace(/ \(\d+:\d+\)$/, '');
  if (!err.loc) return new CompileError(`${file}: ${text}`, file);
  const { line, column } = err.loc;
  const frame = codeFrameColumns(source, { start: { line, column: column + 1 } }, { highlightCode: false });
  return new CompileError(`${file}:${line}:${column + 1}: ${text}\n${frame}`, file, line, column + 1, frame);
}
