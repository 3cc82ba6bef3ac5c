// The similarity measures patchgen matches functions and aligns continuation points with
// (patchgen/similarity.ts): each is in [0, 1], 1 for identical inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bigrams, editDistance, lcsLength, nameSimilarity, sequenceSimilarity, squash, textSimilarity, tokens,
} from '../../dist/patchgen/similarity.js';

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('sitting', 'kitten'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(editDistance('flaw', 'lawn'), 2);
});

test('nameSimilarity ignores case and credits shared words', () => {
  assert.equal(nameSimilarity('total', 'total'), 1);
  assert.equal(nameSimilarity('Total', 'total'), 1);
  assert.equal(nameSimilarity('', ''), 1);
  // 'computeMax' -> 'largestValue' shares neither letters in place nor words.
  assert.ok(nameSimilarity('computeMax', 'largestValue') < 0.2);
  // Two of three words shared: 2 * 2 / (3 + 3), more than the edits alone give.
  assert.equal(nameSimilarity('read_user_record', 'readUserEntry'), 2 / 3);
  assert.ok(nameSimilarity('total', 'totalOf') > nameSimilarity('total', 'count'));
});

test('lcsLength and sequenceSimilarity', () => {
  assert.equal(lcsLength(['a', 'b', 'c', 'd'], ['b', 'd', 'a']), 2);
  assert.equal(lcsLength([], ['a']), 0);
  assert.equal(lcsLength([1, 2, 3], [10, 20, 30], (x, y) => x * 10 === y), 3);
  assert.equal(sequenceSimilarity([], []), 1);
  assert.equal(sequenceSimilarity(['a'], []), 0);
  assert.equal(sequenceSimilarity(['a', 'b', 'c'], ['a', 'c']), 4 / 5);
});

test('tokens drop comments and keep strings, numbers and punctuation whole', () => {
  assert.deepEqual(tokens('let x = f("a b", 1.5e3); // note\n/* block */ y += `t ${z}`;'),
    ['let', 'x', '=', 'f', '(', '"a b"', ',', '1.5e3', ')', ';', 'y', '+', '=', '`t ${z}`', ';']);
});

test('textSimilarity compares token pairs: the same words in another order score low', () => {
  const a = bigrams(tokens('total = total + price * count;'));
  assert.equal(textSimilarity(a, a), 1);
  assert.equal(textSimilarity(new Map(), new Map()), 1);
  const reordered = bigrams(tokens('count * price + total = total;'));
  // Of 7 pairs each, only `total =` and `= total` are shared.
  assert.equal(textSimilarity(a, reordered), (2 * 2) / (7 + 7));
  const edited = bigrams(tokens('total = total + price * count * tax;'));
  // 6 of the 7 pairs kept, among 9.
  assert.equal(textSimilarity(a, edited), (2 * 6) / (7 + 9));
  // A single token is its own fingerprint.
  assert.deepEqual([...bigrams(['x'])], [['x', 1]]);
  assert.equal(bigrams(['a', 'b', 'a', 'b']).get('a\u0000b'), 2);
});

test('squash removes all whitespace', () => {
  assert.equal(squash(' a  =\n\tb ; '), 'a=b;');
});
