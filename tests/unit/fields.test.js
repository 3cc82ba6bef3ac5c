// What a constructor stores on its instances, per version, and how that changed (patchgen/fields.ts):
// the fields `restack patch` names in mapping.ts's `instances` section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classFields, diffClassFields } from '../../dist/patchgen/fields.js';

const fieldsOf = (src, module = 'm.js') => Object.fromEntries(classFields(src, module).map((c) => [c.key, Object.fromEntries([...c.fields].map(([k, f]) => [k, [f.line, ...f.exprs]]))]));

const diff = (a, b, module = 'm.js') => diffClassFields(classFields(a, module), classFields(b, module)).map((d) => ({
  class: d.old.key,
  added: d.added.map((f) => f.name), removed: d.removed.map((f) => f.name), changed: d.changed.map((f) => f.name),
}));

test('fields of classes: this.x in the constructor, class fields, defineProperty, defineProperties, assign', () => {
  const src = `export class A {
  count = 0;
  #secret = 1;
  static shared = 2;
  constructor(x) {
    this.x = x;
    if (x) this.y ??= [];
    Object.defineProperty(this, 'hidden', { value: 1 });
    Object.defineProperties(this, { a: { value: 1 }, b: { get() { return 2; } } });
    Object.assign(this, { c: 3 });
    this.on('e', () => { this.late = true; });
    function inner() { this.notMine = 1; }
  }
  method() { this.notAField = 1; }
}`;
  assert.deepEqual(fieldsOf(src), {
    'm.js#A': {
      count: [2, '0'], x: [6, 'x'], y: [7, '??= []'], hidden: [8, 'defineProperty { value: 1 }'],
      a: [9, 'defineProperties a: { value: 1 }'], b: [9, 'defineProperties b: { get() { return 2; } }'], c: [10, 'assign c: 3'],
    },
  });
});

test('constructor functions: capitalised or used through .prototype, this aliased; plain functions are not classes', () => {
  const src = `function Client(broker, conn) {
  const that = this;
  that.broker = broker;
  this.conn = conn;
}
Client.prototype.close = function () {};
function helper() { this.x = 1; }
const Timer = function (ms) { this.ms = ms; };
function plugin() { this.registered = true; }
plugin.prototype = {};
export default class {}
`;
  assert.deepEqual(fieldsOf(src), {
    'm.js#Client': { broker: [3, 'broker'], conn: [4, 'conn'] },
    'm.js#Timer': { ms: [8, 'ms'] },
    'm.js#plugin': { registered: [9, 'true'] },
  });
});

test('TypeScript parameter properties are fields', () => {
  const src = 'export class S { constructor(private readonly store: Map<string, number>, public n = 1) {} }';
  assert.deepEqual(fieldsOf(src, 'm.ts'), { 'm.ts#S': { store: [1, 'parameter store'], n: [1, 'parameter n'] } });
});

test('the diff names fields added, no longer set and set from another expression; unchanged classes are left out', () => {
  const v1 = `class Client {
  constructor(broker) {
    this.broker = broker;
    this.timer = setTimeout(() => {}, 10);
    this.old = 1;
  }
}
class Same { constructor() { this.a = 1; } }
class Gone { constructor() { this.a = 1; } }
`;
  const v2 = `class Client {
  constructor(broker) {
    this.broker   =   broker;
    this.timer = retimer(() => {}, 10);
    this.maxTopicLevels = broker.maxTopicLevels;
  }
}
class Same { constructor() { this.a = 1; } helper() {} }
class Added { constructor() { this.a = 1; } }
`;
  assert.deepEqual(diff(v1, v2), [{ class: 'm.js#Client', added: ['maxTopicLevels'], removed: ['old'], changed: ['timer'] }]);
});

test('a class turned into a constructor function, and a renamed one paired by its constructor', () => {
  const v1 = 'class Thing { constructor() { this.a = 1; } }\nclass Old { constructor() { this.a = 1; } }';
  const v2 = 'function Thing() { this.a = 1; this.b = 2; }\nclass New { constructor() { this.a = 2; } }';
  const pairs = diffClassFields(classFields(v1, 'm.js'), classFields(v2, 'm.js'), new Map([['Old', 'New']]));
  assert.deepEqual(pairs.map((d) => [d.old.key, d.new.key, d.added.map((f) => f.name), d.changed.map((f) => f.name)]), [
    ['m.js#Thing', 'm.js#Thing', ['b'], []],
    ['m.js#Old', 'm.js#New', [], ['a']],
  ]);
});
