// The modules compileTree compiles with a cycle-safe header: those in an import cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modulesInCycles } from '../../dist/cli/compileTree.js';

const graph = (edges) => new Map(Object.entries(edges).map(([k, v]) => [k, { edges: v }]));

test('members of import cycles are found; chains, imports outside the tree and acyclic diamonds are not', () => {
  const found = modulesInCycles(graph({
    a: ['b', 'outside.js'], b: ['c'], c: ['a', 'd'], // a -> b -> c -> a
    d: ['e', 'f'], e: ['g'], f: ['g'], g: [], // a diamond below the cycle
    self: ['self'], // a module importing itself
    x: ['y'], y: ['x', 'z'], z: ['y'], // two cycles sharing y
  }));
  assert.deepEqual(found.sort(), ['a', 'b', 'c', 'self', 'x', 'y', 'z']);
});

test('a chain of 100,000 imports is walked without exhausting the stack', () => {
  const edges = {};
  for (let i = 0; i < 100_000; i++) edges[`m${i}`] = i + 1 < 100_000 ? [`m${i + 1}`] : ['m0'];
  assert.equal(modulesInCycles(graph(edges)).length, 100_000);
  edges['m99999'] = [];
  assert.equal(modulesInCycles(graph(edges)).length, 0);
});
