// marked (Markdown to HTML): render a large generated Markdown document with GitHub-flavoured
// extensions. Regular-expression-heavy lexing, a token tree, string building in the renderer.
import { Marked } from 'marked';

export const meta = {
  name: 'marked',
  kind: 'library',
  description: 'marked 18.2.1: render a generated ~1.5 MB GFM document (headings, nested lists, tables, code, links, emphasis) to HTML',
  packages: ['marked'],
};

// A small seeded PRNG (LCG on 32 bits): the document is the same on every run and machine.
function prng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const WORDS = ('update stack frame restore capture module function closure loop value parser token ' +
  'render table list heading quote code link image stream buffer object array string number ' +
  'event handler promise async await generator iterator scope binding reference continuation').split(' ');

function generate(sections, seed) {
  const r = prng(seed);
  const word = () => WORDS[r(WORDS.length)];
  const inline = () => {
    const k = r(12);
    const w = word();
    if (k === 0) return `*${w}*`;
    if (k === 1) return `**${w} ${word()}**`;
    if (k === 2) return `\`${w}()\``;
    if (k === 3) return `[${w}](https://example.org/${w}/${r(1000)} "${word()}")`;
    if (k === 4) return `~~${w}~~`;
    if (k === 5) return `${w} & ${word()} <${word()}>`;
    if (k === 6) return `[${w}][ref${r(20)}]`;
    if (k === 7) return `https://example.com/${w}`;
    return w;
  };
  const sentence = (n) => {
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(inline());
    const s = parts.join(' ');
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const paragraph = () => {
    const lines = [];
    const n = 2 + r(4);
    for (let i = 0; i < n; i++) lines.push(sentence(6 + r(10)));
    return lines.join('\n');
  };
  const out = [];
  for (let s = 0; s < sections; s++) {
    out.push(`${'#'.repeat(1 + r(3))} Section ${s}: ${word()} ${word()}`, '');
    out.push(paragraph(), '');
    // A nested list, bullets or numbers, with task items now and then.
    const ordered = r(2) === 0;
    for (let i = 0; i < 3 + r(4); i++) {
      const marker = ordered ? `${i + 1}.` : '-';
      const task = !ordered && r(4) === 0 ? `[${r(2) ? 'x' : ' '}] ` : '';
      out.push(`${marker} ${task}${sentence(4 + r(6))}`);
      if (r(3) === 0) {
        for (let j = 0; j < 1 + r(3); j++) out.push(`${ordered ? '   ' : '  '}- ${sentence(3 + r(5))}`);
      }
    }
    out.push('');
    const kind = r(5);
    if (kind === 0) {
      out.push('```js');
      for (let i = 0; i < 4 + r(8); i++) out.push(`${'  '.repeat(r(3))}const ${word()}${i} = ${word()}(${r(100)}) < ${r(50)} && "${word()}";`);
      out.push('```', '');
    } else if (kind === 1) {
      const cols = 3 + r(3);
      const head = [];
      const rule = [];
      for (let c = 0; c < cols; c++) {
        head.push(word());
        rule.push(['---', ':--', '--:', ':-:'][r(4)]);
      }
      out.push(`| ${head.join(' | ')} |`, `| ${rule.join(' | ')} |`);
      for (let i = 0; i < 3 + r(6); i++) {
        const row = [];
        for (let c = 0; c < cols; c++) row.push(r(3) === 0 ? `\`${r(1000)}\`` : inline());
        out.push(`| ${row.join(' | ')} |`);
      }
      out.push('');
    } else if (kind === 2) {
      out.push(`> ${sentence(8)}`, `> ${sentence(6)}`, '>', `> > ${sentence(5)}`, '');
    } else if (kind === 3) {
      out.push('    indented code ' + word(), '    second line & <tag>', '', '---', '');
    } else {
      out.push(`![${word()}](/img/${word()}.png) ${sentence(5)}  `, `${sentence(4)}\\`, sentence(3), '');
    }
  }
  for (let i = 0; i < 20; i++) out.push(`[ref${i}]: https://example.net/ref/${i} "Reference ${i}"`);
  return out.join('\n') + '\n';
}

export function setup(size) {
  const markdown = generate(size === 'smoke' ? 20 : 1000, 12345);
  return { markdown, marked: new Marked({ gfm: true }) };
}

function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function run({ markdown, marked }) {
  const html = marked.parse(markdown);
  return `${markdown.length}:${html.length}:${fnv(html)}`;
}
