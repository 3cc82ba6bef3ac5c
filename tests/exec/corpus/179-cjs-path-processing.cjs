"use strict";
// CommonJS: node:path (posix) utilities over relative and absolute string paths in loops
const path = require("node:path").posix;

const inputs = ["/usr/local/bin/../lib/./node", "a/b/../../c//d/", "./x/y/z.tar.gz", "/", "", "../up/one", "file.txt", "/a/b/c/.hidden"];
for (const p of inputs) {
  const parsed = path.parse(p);
  console.log(JSON.stringify(p), "->", JSON.stringify(path.normalize(p)), JSON.stringify(parsed.dir), JSON.stringify(parsed.base), JSON.stringify(parsed.ext), path.isAbsolute(p));
  UPDATE_POINT();
}
console.log(path.join("/a", "b", "../c", "./d"), path.join("x", "", "y"), path.resolve("/root", "a", "../b"), path.resolve("/root", "/abs", "c"));
console.log(path.relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb"), path.relative("/a/b", "/a/b/c/d"), JSON.stringify(path.relative("/x", "/x")));
console.log(path.basename("/tmp/file.html", ".html"), path.extname("index.coffee.md"), path.extname(".bashrc"), path.dirname("/a/b/c"), path.sep, path.delimiter);
console.log(path.format({ dir: "/home/user", name: "notes", ext: ".md" }), path.format({ root: "/", base: "x.js" }));

// build a tree of files from flat paths and print it
const files = ["src/index.js", "src/lib/util.js", "src/lib/math/add.js", "src/lib/math/mul.js", "test/util.test.js", "README.md", "src/lib/../main.js"];
const tree = {};
for (const f of files) {
  UPDATE_POINT();
  let node = tree;
  for (const part of path.normalize(f).split(path.sep)) node = node[part] ||= {};
}
function render(node, depth = 0) {
  const lines = [];
  for (const name of Object.keys(node).sort()) {
    const isDir = Object.keys(node[name]).length > 0;
    lines.push("  ".repeat(depth) + name + (isDir ? "/" : ""));
    if (isDir) lines.push(...render(node[name], depth + 1));
  }
  return lines;
}
console.log(render(tree).join("\n"));

// group by extension and compute common prefix directory
const byExt = {};
for (const f of files) (byExt[path.extname(f) || "(none)"] ||= []).push(path.basename(f));
console.log(JSON.stringify(byExt));
function commonDir(list) {
  const parts = list.map((f) => path.dirname(path.normalize(f)).split("/"));
  const out = [];
  for (let i = 0; ; i++) {
    UPDATE_POINT();
    const seg = parts[0][i];
    if (seg === undefined || !parts.every((p) => p[i] === seg)) break;
    out.push(seg);
  }
  return out.join("/") || ".";
}
console.log(commonDir(files.slice(0, 4)), commonDir(files), commonDir(["src/lib/math/add.js", "src/lib/math/mul.js"]));
