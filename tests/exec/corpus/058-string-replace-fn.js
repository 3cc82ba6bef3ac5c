// String.prototype.replace / replaceAll with replacement functions that loop and call
function romanize(n) {
  UPDATE_POINT();
  const table = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}
let replacements = 0;
const text = "In 1999 there were 42 cats, 7 dogs and 2024 birds on 3 farms.";
const roman = text.replace(/\d+/g, (m, offset) => {
  replacements++;
  UPDATE_POINT();
  return `${romanize(Number(m))}@${offset}`;
});
console.log(roman, replacements);

// capture groups and named groups passed to the function
const dates = "Due 2024-03-15, shipped 2023-12-01, returned 2024-01-31.";
console.log(dates.replace(/(\d{4})-(\d{2})-(\d{2})/g, (all, y, m, d) => `${d}/${m}/${y}`));
console.log(dates.replace(/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/g, (...args) => {
  const groups = args[args.length - 1];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[Number(groups.m) - 1]} ${Number(groups.d)}`;
}));

// template expansion with nested lookup and recursion
const vars = { name: "World", greeting: "Hello, {name}", wrapped: "<<{greeting}>>", count: "3" };
function expand(s, depth = 0) {
  UPDATE_POINT();
  if (depth > 5) return s;
  return s.replace(/\{(\w+)\}/g, (_, key) => (key in vars ? expand(vars[key], depth + 1) : `{?${key}}`));
}
console.log(expand("{wrapped} x{count} {missing}"));

// replaceAll with string pattern and function, special $ patterns in strings
console.log("a-b-c-d".replaceAll("-", (m, off) => `[${off}]`));
console.log("cost: 10".replace("10", "$$$&.00"), "swap this".replace(/(\w+) (\w+)/, "$2 $1"));

// camelCase / snake_case conversion with stateful function
let caps = 0;
const toCamel = (s) => s.replace(/_([a-z])/g, (_, c) => { caps++; return c.toUpperCase(); });
const toSnake = (s) => s.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const names = ["user_first_name", "order_id", "x", "a_b_c_d_e"];
console.log(names.map(toCamel).join(","), caps);
console.log(names.map(toCamel).map(toSnake).join(","));

// a replace callback that itself calls replace (nested native callbacks)
const markup = "**bold _it_ text** and _plain it_";
console.log(markup.replace(/\*\*(.+?)\*\*/g, (_, inner) => "<b>" + inner.replace(/_(.+?)_/g, (__, i) => "<i>" + i.toUpperCase() + "</i>") + "</b>"));
// split with regex and a reduce over pieces
console.log("one1two22three333four".split(/\d+/).map((p, i) => p.replace(/^./, (c) => c.toUpperCase()) + i).join(" "));
