// What the samples' checkers share: the error a broken rule throws, and reading a run's output.

/** A run broke one of a checker's rules: the message says which. */
export class CheckError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CheckError';
  }
}

export const fail = (message) => { throw new CheckError(message); };

/** The run's result: its output's last line of JSON, parsed (an object is taken as it is). */
export function parseOutput(output) {
  if (typeof output !== 'string') return output;
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  if (lines.length === 0) fail('the output holds no JSON line');
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch (e) {
    return fail(`the output's last JSON line does not parse: ${e.message}`);
  }
}
