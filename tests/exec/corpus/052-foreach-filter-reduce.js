// forEach / filter / reduce / reduceRight with callbacks that loop and call functions
const orders = [];
let seed = 12345;
function rand(n) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
}
const products = ["apple", "bread", "cheese", "dates", "eggs"];
for (let i = 0; i < 25; i++) {
  const lines = [];
  const nLines = 1 + rand(4);
  for (let j = 0; j < nLines; j++) lines.push({ product: products[rand(products.length)], qty: 1 + rand(5), price: 50 + rand(400) });
  orders.push({ id: i, customer: "c" + rand(6), lines });
}

function orderTotal(o) {
  let t = 0;
  o.lines.forEach((l) => {
    t += l.qty * l.price;
  });
  return t;
}

const byCustomer = {};
orders.forEach((o) => {
  const total = orderTotal(o);
  UPDATE_POINT();
  (byCustomer[o.customer] ||= []).push(total);
});
for (const c of Object.keys(byCustomer).sort()) console.log(c, byCustomer[c].join(","));

const big = orders.filter((o) => orderTotal(o) > 1500).map((o) => o.id);
console.log("big orders", big.join(","));

const productQty = orders.reduce((acc, o) => {
  for (const l of o.lines) {
    UPDATE_POINT();
    acc[l.product] = (acc[l.product] || 0) + l.qty;
  }
  return acc;
}, {});
console.log(JSON.stringify(productQty));

const grand = orders.reduce((sum, o, i) => {
  if (i % 5 === 0) UPDATE_POINT();
  return sum + orderTotal(o);
}, 0);
console.log("grand", grand);

// reduce without initial value, reduceRight building a string
console.log([1, 2, 3, 4, 5].reduce((a, b) => a * b), ["a", "b", "c", "d"].reduceRight((acc, s, i) => acc + s + i, ">"));

// filter with index and array args, chained operations
const words = "the rain in spain stays mainly in the plain".split(" ");
const uniqueLong = words.filter((w, i, arr) => arr.indexOf(w) === i).filter((w) => w.length > 3);
console.log(uniqueLong.join(","));

// forEach mutating outer state and breaking via exception
let visited = 0;
try {
  words.forEach((w) => {
    visited++;
    if (w === "stays") throw new Error("found stays");
  });
} catch (e) {
  console.log(e.message, visited);
}
// reduce to build nested structure
const tree = words.reduce((root, w) => {
  let node = root;
  for (const ch of w) node = node[ch] ||= {};
  node.$ = (node.$ || 0) + 1;
  return root;
}, {});
console.log(JSON.stringify(tree.s), JSON.stringify(tree.t));
