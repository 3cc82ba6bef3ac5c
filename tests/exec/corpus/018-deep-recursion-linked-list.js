// recursion 10000 deep over a linked list, with an update point at the deepest frame
// (the 10000-deep function is kept minimal so it fits in node's default stack,
// about 10250 frames of this size are available)
function build(n) {
  let head = null;
  for (let i = n; i >= 1; i--) {
    head = { value: i, next: head };
  }
  return head;
}

function sumList(node) {
  if (node === null) {
    UPDATE_POINT();
    return 0;
  }
  return node.value + sumList(node.next);
}

function lengthOf(node) {
  return node === null ? 0 : 1 + lengthOf(node.next);
}

function mapList(node, fn) {
  UPDATE_POINT();
  if (!node) return null;
  return { value: fn(node.value), next: mapList(node.next, fn) };
}

// warm the function up on short lists first: V8's very first invocation of a
// function uses extra stack, and 10000 frames is close to node's default limit
for (let i = 1; i <= 5; i++) console.log("warm", sumList(build(i * 10)));
const list = build(10000);
console.log(sumList(list));
console.log(lengthOf(build(3000)));

const small = build(3000);
const doubled = mapList(small, (v) => v * 2);
let last = doubled;
while (last.next) last = last.next;
console.log(last.value, sumList(doubled));

function nthFromEnd(node, n) {
  let result = null;
  function walk(nd) {
    if (!nd) return 0;
    const k = walk(nd.next) + 1;
    if (k === n) {
      result = nd.value;
      UPDATE_POINT();
    }
    return k;
  }
  walk(node);
  return result;
}
console.log(nthFromEnd(small, 1), nthFromEnd(small, 1500), nthFromEnd(small, 3000));
