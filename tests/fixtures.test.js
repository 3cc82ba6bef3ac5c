// Exact compiler output for small inputs, where the shape of the code matters: evaluation order,
// where checks and saves go, how restore functions re-enter. OVERWRITE=1 regenerates output.js;
// review the diff before committing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../dist/index.js';
import { root } from './helpers/run.js';

const dir = join(root, 'tests/fixtures');
for (const name of readdirSync(dir).sort()) {
  if (name.startsWith('.')) continue;
  test(`fixture ${name}`, () => {
    const input = readFileSync(join(dir, name, 'input.js'), 'utf8');
    const optionsFile = join(dir, name, 'options.json');
    const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    const { code } = compile(input, { filename: `${name}.js`, sourceType: 'module', ...options });
    const expectedFile = join(dir, name, 'output.js');
    if (process.env.OVERWRITE === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, code + '\n');
    assert.equal(code + '\n', readFileSync(expectedFile, 'utf8'));
  });
}
