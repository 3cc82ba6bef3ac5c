// command pattern with undo/redo stacks for a text editor buffer; macros composed of commands
class Buffer {
  constructor() { this.text = ""; this.cursor = 0; }
}
class Insert {
  constructor(s) { this.s = s; }
  do(b) { this.at = b.cursor; b.text = b.text.slice(0, b.cursor) + this.s + b.text.slice(b.cursor); b.cursor += this.s.length; }
  undo(b) { b.text = b.text.slice(0, this.at) + b.text.slice(this.at + this.s.length); b.cursor = this.at; }
  get label() { return `ins(${JSON.stringify(this.s)})`; }
}
class Delete {
  constructor(n) { this.n = n; }
  do(b) {
    this.at = Math.max(0, b.cursor - this.n);
    this.removed = b.text.slice(this.at, b.cursor);
    b.text = b.text.slice(0, this.at) + b.text.slice(b.cursor);
    b.cursor = this.at;
  }
  undo(b) { b.text = b.text.slice(0, this.at) + this.removed + b.text.slice(this.at); b.cursor = this.at + this.removed.length; }
  get label() { return `del(${this.n})`; }
}
class Move {
  constructor(to) { this.to = to; }
  do(b) { this.from = b.cursor; b.cursor = Math.max(0, Math.min(b.text.length, this.to)); }
  undo(b) { b.cursor = this.from; }
  get label() { return `mv(${this.to})`; }
}
class Macro {
  constructor(name, cmds) { this.name = name; this.cmds = cmds; }
  do(b) { for (const c of this.cmds) { c.do(b); UPDATE_POINT(); } }
  undo(b) { for (let i = this.cmds.length - 1; i >= 0; i--) this.cmds[i].undo(b); }
  get label() { return `${this.name}[${this.cmds.map((c) => c.label).join(",")}]`; }
}
class Editor {
  constructor() { this.buf = new Buffer(); this.undoStack = []; this.redoStack = []; }
  run(cmd) {
    cmd.do(this.buf);
    this.undoStack.push(cmd);
    this.redoStack.length = 0;
    return this;
  }
  undo() {
    const c = this.undoStack.pop();
    if (!c) return false;
    c.undo(this.buf);
    this.redoStack.push(c);
    return true;
  }
  redo() {
    const c = this.redoStack.pop();
    if (!c) return false;
    c.do(this.buf);
    this.undoStack.push(c);
    return true;
  }
  get state() { return `${JSON.stringify(this.buf.text)}@${this.buf.cursor} u${this.undoStack.length} r${this.redoStack.length}`; }
}
const ed = new Editor();
const snapshots = [];
ed.run(new Insert("Hello")).run(new Insert(" World")).run(new Move(5)).run(new Insert(",")).run(new Move(99)).run(new Delete(3)).run(new Insert("ld!"));
snapshots.push(ed.state);
while (ed.undo()) snapshots.push(ed.state);
console.log(snapshots.join("\n"));
let redone = 0;
while (ed.redo()) redone++;
console.log("redone", redone, ed.state);
ed.undo();
ed.undo();
ed.run(new Insert("?"));
console.log("after new command:", ed.state, "redo possible:", ed.redo());

// macros as single undo steps
const surround = (l, r) => new Macro("surround", [new Move(0), new Insert(l), new Move(1e9), new Insert(r)]);
const ed2 = new Editor();
ed2.run(new Insert("value"));
ed2.run(surround("(", ")")).run(surround("[", "]")).run(surround("<", ">"));
console.log(ed2.state);
ed2.undo();
console.log(ed2.state);
ed2.redo();
console.log(ed2.state, ed2.undoStack.map((c) => c.label).join(" "));
// randomized operations then full undo returns to the empty buffer
let seed = 8;
const ed3 = new Editor();
for (let i = 0; i < 40; i++) {
  UPDATE_POINT();
  seed = (seed * 75 + 74) % 65537;
  const k = seed % 3;
  ed3.run(k === 0 ? new Insert(String.fromCharCode(97 + (seed % 26)).repeat(1 + (seed % 3))) : k === 1 ? new Delete(seed % 4) : new Move(seed % 20));
}
console.log(ed3.state);
while (ed3.undo());
console.log(ed3.state);
