// Allocation-heavy data wrangling: many short-lived records, arrays, Maps and strings; grouping,
// spread/destructuring, and a JSON round trip of each batch.
export const meta = { name: 'allocation', kind: 'kernel', description: 'short-lived objects, arrays, Maps, strings, spread/destructure, JSON round trips' };

function xorshift(seed) {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const CATEGORIES = ['books', 'garden', 'toys', 'kitchen', 'music', 'sports', 'tools'];
const FIRST = ['ada', 'ben', 'cleo', 'dmitri', 'eve', 'femi', 'gus', 'hana', 'ivan', 'jo'];
const LAST = ['smith', 'okafor', 'tanaka', 'silva', 'novak', 'haddad', 'berg'];

function makeCustomers(count, rand) {
  return Array.from({ length: count }, (_, id) => ({
    id,
    name: `${FIRST[Math.floor(rand() * FIRST.length)]} ${LAST[Math.floor(rand() * LAST.length)]}`,
    region: REGIONS[Math.floor(rand() * REGIONS.length)],
  }));
}

// One order: a fresh object with a fresh array of line items and a tag list.
function makeOrder(id, customers, rand) {
  const customer = customers[Math.floor(rand() * customers.length)];
  const lines = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
    lines.push({
      sku: `${category.slice(0, 3).toUpperCase()}-${Math.floor(rand() * 900) + 100}`,
      category,
      qty: 1 + Math.floor(rand() * 4),
      cents: 199 + Math.floor(rand() * 9800),
    });
  }
  const tags = rand() < 0.3 ? ['gift'] : [];
  if (rand() < 0.2) tags.push('express');
  return { id, customerId: customer.id, region: customer.region, lines, tags };
}

function summarize({ lines, tags, ...rest }) {
  const total = lines.reduce((sum, { qty, cents }) => sum + qty * cents, 0);
  const categories = [...new Set(lines.map((l) => l.category))].sort();
  return { ...rest, total, items: lines.length, categories, express: tags.includes('express') };
}

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function processBatch(orders) {
  const summaries = orders.map(summarize);
  const byRegion = groupBy(summaries, (s) => s.region);
  const regionTotals = new Map();
  for (const [region, group] of byRegion) {
    const total = group.reduce((sum, s) => sum + s.total, 0);
    const express = group.filter((s) => s.express).length;
    regionTotals.set(region, { total, count: group.length, express });
  }
  const byCategoryMix = groupBy(summaries, (s) => s.categories.join('+'));

  // Ship the batch as JSON and read it back, as if through a queue.
  const wire = JSON.stringify(summaries.slice(0, 200));
  const back = JSON.parse(wire);
  const echoed = back.reduce((sum, { total, items }) => sum + total * items, 0);

  return { regionTotals, mixes: byCategoryMix.size, wireLength: wire.length, echoed };
}

export function setup(size) {
  return size === 'smoke'
    ? { batches: 4, batchSize: 500, customers: 200, seed: 12345 }
    : { batches: 40, batchSize: 2000, customers: 5000, seed: 12345 };
}

export function run({ batches, batchSize, customers: customerCount, seed }) {
  const rand = xorshift(seed);
  const customers = makeCustomers(customerCount, rand);
  const totals = new Map(REGIONS.map((r) => [r, { total: 0, count: 0, express: 0 }]));
  let mixes = 0;
  let wire = 0;
  let echoed = 0;
  let nextId = 0;
  for (let b = 0; b < batches; b++) {
    const orders = Array.from({ length: batchSize }, () => makeOrder(nextId++, customers, rand));
    const result = processBatch(orders);
    for (const [region, { total, count, express }] of result.regionTotals) {
      const t = totals.get(region);
      totals.set(region, { total: t.total + total, count: t.count + count, express: t.express + express });
    }
    mixes += result.mixes;
    wire += result.wireLength;
    echoed = (echoed + result.echoed) % 1000000007;
  }
  const regions = [...totals].map(([r, { total, count, express }]) => `${r}:${count}/${express}/${total}`).join(',');
  return `${regions} mixes=${mixes} wire=${wire} echoed=${echoed}`;
}
