// switch with fallthrough, calls in case tests and bodies, default in the middle
const evals = [];
function val(x) { evals.push(x); return x; }
function act(s) { UPDATE_POINT(); return s; }

function classify(n) {
  const out = [];
  switch (n % 6) {
    case val(0):
      out.push(act("zero"));
    case val(1):
      out.push(act("zero-or-one"));
      break;
    default:
      out.push(act("default"));
    case val(4):
      out.push(act("four-or-default"));
      break;
    case val(5):
      out.push(act("five"));
      return out.join("+") + "(early)";
  }
  return out.join("+");
}
for (let i = 0; i < 7; i++) {
  UPDATE_POINT();
  evals.length = 0;
  console.log(i, classify(i), "tests:", evals.join(","));
}

// switch(true) pattern
function grade(score) {
  switch (true) {
    case score >= 90: return "A";
    case score >= 80: return "B";
    case score >= 70: return "C";
    default: return "F";
  }
}
console.log([95, 85, 75, 10, 90, 80].map(grade).join(""));

// switch inside loop with continue and break interplay
function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    switch (c) {
      case " ":
      case "\t":
        i++;
        continue;
      case "(":
      case ")":
        toks.push(c);
        break;
      case "+": case "-": case "*": case "/":
        toks.push("op" + c);
        break;
      default: {
        let j = i;
        while (j < src.length && /[0-9a-z]/.test(src[j])) j++;
        if (j === i) { toks.push("?" + c); j++; }
        else toks.push(src.slice(i, j));
        i = j;
        continue;
      }
    }
    i++;
  }
  return toks.join(" ");
}
console.log(tokenize("(a + 12)*\tb3 - (c/4) % x"));

// lexical declarations scoped to the switch block
function scoped(k) {
  switch (k) {
    case 1: {
      const msg = "one";
      return msg;
    }
    case 2:
      let fn = () => "two:" + k;
      return fn();
    default:
      return "other";
  }
}
console.log(scoped(1), scoped(2), scoped(3));

// string and mixed case values; strict equality
function kind(v) {
  UPDATE_POINT();
  switch (v) {
    case "1": return "string one";
    case 1: return "number one";
    case null: return "null";
    case undefined: return "undefined";
    case NaN: return "never";
    default: return "other:" + typeof v;
  }
}
console.log([1, "1", null, undefined, NaN, true].map(kind).join(" | "));
