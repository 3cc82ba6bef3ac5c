// for-in over objects while deleting and adding properties during iteration
function keysWithDeletes() {
  UPDATE_POINT();
  const obj = { a: 1, b: 2, c: 3, d: 4, e: 5 };
  const seen = [];
  for (const k in obj) {
    seen.push(k);
    UPDATE_POINT();
    if (k === "a") delete obj.c; // not yet visited: will be skipped
    if (k === "b") delete obj.a; // already visited
    if (k === "d") obj.f = 6; // added during iteration: not visited
  }
  return seen.join(",") + " | " + Object.keys(obj).join(",");
}
console.log(keysWithDeletes());

function deleteCurrent() {
  const obj = {};
  for (let i = 0; i < 10; i++) obj["k" + i] = i;
  let sum = 0;
  for (const k in obj) {
    sum += obj[k];
    delete obj[k];
  }
  return sum + " left=" + Object.keys(obj).length;
}
console.log(deleteCurrent());

// deleting from the prototype during iteration
function protoDelete() {
  const proto = { p1: 1, p2: 2 };
  const obj = Object.create(proto);
  obj.own1 = 1;
  obj.own2 = 2;
  const seen = [];
  for (const k in obj) {
    seen.push(k);
    if (k === "own1") delete proto.p2;
  }
  return seen.join(",");
}
console.log(protoDelete());

// shadowed keys are visited only once; non-enumerable own shadows enumerable proto
function shadowing() {
  const proto = { x: 1, y: 2, z: 3 };
  const obj = Object.create(proto);
  obj.x = 10;
  Object.defineProperty(obj, "y", { value: 20, enumerable: false });
  const seen = [];
  for (const k in obj) seen.push(k + "=" + obj[k]);
  return seen.join(",");
}
console.log(shadowing());

// counting with a function that mutates the iterated object through a closure
function mutator() {
  const inventory = { apples: 3, pears: 0, plums: 5, figs: 0, kiwis: 2 };
  const removed = [];
  const prune = (name) => {
    if (inventory[name] === 0) {
      delete inventory[name];
      removed.push(name);
    }
    // remove the next key alphabetically too if it is empty
    const next = Object.keys(inventory).sort().find((n) => n > name && inventory[n] === 0);
    if (next) {
      delete inventory[next];
      removed.push(next + "(ahead)");
    }
  };
  const visited = [];
  for (const name in inventory) {
    UPDATE_POINT();
    visited.push(name);
    prune(name);
  }
  return `${visited.join(",")} removed=${removed.join(",")} left=${JSON.stringify(inventory)}`;
}
console.log(mutator());

// integer-like keys come first in ascending order
const mixed = { b: 1, 10: "ten", a: 2, 2: "two", "-1": "neg", 1.5: "frac" };
const order = [];
for (const k in mixed) order.push(k);
console.log(order.join(" "));
