// A host that evaluates global scripts in one realm, in order, as a browser's classic scripts.
const vm = require('node:vm');
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
for (const file of process.argv.slice(2)) {
  const filename = resolve(file);
  new vm.Script(readFileSync(filename, 'utf8'), { filename }).runInThisContext();
}
