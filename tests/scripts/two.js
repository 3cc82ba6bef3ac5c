'use strict';
// A second script of the same realm: it reads the first's var, function, let and class.
const results = [walk(6), [...ids('x')].join(','), new Counter().add(5).n, depth];
function strictThis() { return this; }
log.push(['two', results, strictThis() === undefined]);
var total = 0;
for (const r of results) total += typeof r === 'number' ? r : r.length;
