// Writes a version of the sample as plain JavaScript without restack: TypeScript types removed by
// Babel and nothing else, so it is the program the compiled one is measured against.
//   node samples/kvstore/native.js <v1|v2|...> <outDir>
import { transformSync } from '@babel/core';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL('.', import.meta.url));

export function buildNative(version, outDir) {
  const src = join(here, version);
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(src)) {
    const file = join(src, name);
    if (!name.endsWith('.ts')) {
      copyFileSync(file, join(outDir, name));
      continue;
    }
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      filename: file,
      babelrc: false,
      configFile: false,
      plugins: [[require.resolve('@babel/plugin-transform-typescript'), { onlyRemoveTypeImports: false }]],
    });
    writeFileSync(join(outDir, name.replace(/\.ts$/, '.js')), code);
  }
  return join(outDir, 'main.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [version, outDir] = process.argv.slice(2);
  if (!version || !outDir) {
    console.error('usage: node samples/kvstore/native.js <version> <outDir>');
    process.exit(2);
  }
  console.log(buildNative(version, outDir));
}
