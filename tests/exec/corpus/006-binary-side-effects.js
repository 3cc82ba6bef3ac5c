// binary operators whose operands have side effects; left-to-right order
let counter = 0;
const events = [];
function tick(label) {
  counter++;
  events.push(label + counter);
  if (counter % 4 === 0) UPDATE_POINT();
  return counter;
}

let r1 = tick("a") + tick("b") * tick("c");
console.log(r1, events.join(","));
let r2 = tick("d") - tick("e") - tick("f");
console.log(r2);
let r3 = (tick("g") << 2) | (tick("h") & 7) ^ tick("i");
console.log(r3);
let r4 = tick("j") ** 2 % tick("k");
console.log(r4);
let r5 = tick("l") < tick("m") === tick("n") > tick("o");
console.log(r5);
let r6 = "" + tick("p") + tick("q") + (tick("r") + tick("s"));
console.log(r6);
console.log(events.join(","));

function mutating() {
  UPDATE_POINT();
  let x = 10;
  function bump() { x += 5; return x; }
  const a = x + bump();
  const b = bump() + x;
  const c = x * (bump() - x);
  return [a, b, c, x];
}
console.log(JSON.stringify(mutating()));

function loop() {
  let acc = 0;
  for (let i = 0; i < 30; i++) {
    UPDATE_POINT();
    acc = acc * 3 + (tick("z") % 7) - (i & 3);
    acc %= 100003;
  }
  return acc;
}
console.log(loop(), counter);
