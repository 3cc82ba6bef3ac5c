// js-yaml (YAML 1.2 parser and dumper): round-trip a large generated document: load the YAML text,
// dump the result, load that again. Character-by-character scanning, scalar resolution by regular
// expressions, recursive composition and serialisation.
import * as yaml from 'js-yaml';

export const meta = {
  name: 'jsyaml',
  kind: 'library',
  description: 'js-yaml 5.5.0: load + dump + load of a generated ~1 MB nested YAML document',
  packages: ['js-yaml'],
};

// A small seeded PRNG (LCG on 32 bits): the document is the same on every run and machine.
function prng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const WORDS = ('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho ' +
  'sigma tau upsilon phi chi psi omega').split(' ');
// Strings a YAML dumper must quote or fold to keep them strings.
const TRICKY = ['yes', 'no', 'null', '~', 'true', '0x1F', '1e3', '12:30', '- dash', 'key: value', '#hash', "it's", '"quoted"', '', ' padded ', 'tab\there', 'ünïcødé ✓', '@at', '%pct', '[not a list]'];

function build(r, depth) {
  const word = () => WORDS[r(WORDS.length)];
  const scalar = () => {
    switch (r(10)) {
      case 0: return r(100000) - 50000;
      case 1: return (r(2000000) - 1000000) / 1024;
      case 2: return r(2) === 0;
      case 3: return null;
      case 4: return TRICKY[r(TRICKY.length)];
      case 5: {
        const lines = [];
        for (let i = 0; i < 2 + r(4); i++) lines.push(`${word()} ${word()} ${word()}`);
        return lines.join('\n') + (r(2) ? '\n' : '');
      }
      case 6: return `${word()}-${r(1000)}@example.org`;
      default: return `${word()} ${word()}${r(3) === 0 ? ' ' + word() : ''}`;
    }
  };
  if (depth === 0) return scalar();
  if (r(3) === 0) {
    const arr = [];
    for (let i = 0; i < 2 + r(5); i++) arr.push(r(3) === 0 ? build(r, depth - 1) : scalar());
    return arr;
  }
  const obj = {};
  for (let i = 0; i < 2 + r(5); i++) {
    const key = r(8) === 0 ? TRICKY[r(TRICKY.length)] || 'empty' : `${word()}_${i}`;
    obj[key] = r(4) === 0 ? scalar() : build(r, depth - 1);
  }
  return obj;
}

export function setup(size) {
  const r = prng(20240611);
  const records = [];
  const n = size === 'smoke' ? 8 : 600;
  for (let i = 0; i < n; i++) records.push({ id: i, name: `record ${i}`, tags: [WORDS[i % WORDS.length], WORDS[(i * 7) % WORDS.length]], body: build(r, 4) });
  const text = yaml.dump({ version: 1, records });
  return { text };
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function run({ text }) {
  const first = yaml.load(text);
  const again = yaml.dump(first);
  const second = yaml.load(again);
  // The second load is checked through a JSON rendering of it, so every value counts.
  const json = JSON.stringify(second);
  return `${text.length}:${again.length}:${fnv(again)}:${second.records.length}:${json.length}:${fnv(json)}`;
}
