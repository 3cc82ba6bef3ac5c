// a miniature markdown-to-HTML converter: headings, lists, emphasis, code spans, links, paragraphs
function inline(s) {
  const codes = [];
  s = s.replace(/`([^`]+)`/g, (_, c) => {
    codes.push(c.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  s = s.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/\*(.+?)\*/g, "<em>$1</em>");
  s = s.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label, href) => `<a href="${href}">${label}</a>`);
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => `<code>${codes[Number(i)]}</code>`);
}
function render(md) {
  UPDATE_POINT();
  const out = [];
  const lines = md.split("\n");
  let para = [];
  const listStack = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(" "))}</p>`);
    para = [];
  };
  const closeLists = (depth) => {
    while (listStack.length > depth) out.push("  ".repeat(listStack.length - 1) + `</${listStack.pop()}>`);
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, "");
    UPDATE_POINT();
    let m;
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      flushPara();
      closeLists(0);
      out.push(`<h${m[1].length}>${inline(m[2])}</h${m[1].length}>`);
    } else if ((m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line))) {
      flushPara();
      const depth = Math.floor(m[1].length / 2) + 1;
      const tag = /\d/.test(m[2]) ? "ol" : "ul";
      closeLists(depth);
      while (listStack.length < depth) {
        out.push("  ".repeat(listStack.length) + `<${tag}>`);
        listStack.push(tag);
      }
      out.push("  ".repeat(depth) + `<li>${inline(m[3])}</li>`);
    } else if (line === "") {
      flushPara();
      closeLists(0);
    } else {
      closeLists(0);
      para.push(line.trim());
    }
  }
  flushPara();
  closeLists(0);
  return out.join("\n");
}
const doc = `# Restack *notes*

Restack rebuilds **every** frame; see [the docs](https://example.com/docs?a=1&b=2).
Use \`UPDATE_POINT()\` to mark places where <capture> may happen.

## Checklist
- loops and **closures**
- exceptions
  - try/catch
  - finally with \`return\`
- generators
1. first
2. second *with emphasis*

Final paragraph with a literal \`a < b && c\` code span.`;
console.log(render(doc));
