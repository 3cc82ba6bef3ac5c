// trie with insertion, prefix search, autocomplete ranking and deletion
class TrieNode {
  constructor() {
    UPDATE_POINT();
    this.children = new Map();
    this.end = false;
    this.weight = 0;
  }
}
class Trie {
  constructor() { this.root = new TrieNode(); this.words = 0; }
  insert(word, weight = 1) {
    let node = this.root;
    for (const ch of word) {
      if (!node.children.has(ch)) node.children.set(ch, new TrieNode());
      node = node.children.get(ch);
    }
    if (!node.end) this.words++;
    node.end = true;
    node.weight += weight;
  }
  find(prefix) {
    let node = this.root;
    for (const ch of prefix) {
      UPDATE_POINT();
      node = node.children.get(ch);
      if (!node) return null;
    }
    return node;
  }
  collect(node, prefix, out) {
    if (node.end) out.push([prefix, node.weight]);
    const keys = [...node.children.keys()].sort();
    for (const k of keys) {
      this.collect(node.children.get(k), prefix + k, out);
    }
    if (out.length % 5 === 0) UPDATE_POINT();
    return out;
  }
  complete(prefix, k) {
    const node = this.find(prefix);
    if (!node) return [];
    return this.collect(node, prefix, [])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, k)
      .map(([w, n]) => `${w}(${n})`);
  }
  remove(word) {
    const rec = (node, i) => {
      if (i === word.length) {
        if (!node.end) return false;
        node.end = false;
        this.words--;
        return node.children.size === 0;
      }
      const child = node.children.get(word[i]);
      if (!child) return false;
      const prune = rec(child, i + 1);
      if (prune) node.children.delete(word[i]);
      return !node.end && node.children.size === 0;
    };
    rec(this.root, 0);
  }
  countNodes(node = this.root) {
    let n = 1;
    for (const c of node.children.values()) n += this.countNodes(c);
    return n;
  }
}
const corpus = "car cart carbon care careful cargo cat catalog catch cater dog dot dote doting do door doorstep card care cart cart car cat cat cat";
const trie = new Trie();
corpus.split(" ").forEach((w, i) => trie.insert(w, 1 + (i % 3)));
console.log("words", trie.words, "nodes", trie.countNodes());
for (const p of ["ca", "car", "cat", "do", "door", "x", ""]) console.log(JSON.stringify(p), trie.complete(p, 4).join(" "));
trie.remove("cart");
trie.remove("doorstep");
trie.remove("nothing");
console.log("after remove", trie.words, trie.countNodes(), trie.complete("car", 10).join(" "), trie.complete("door", 3).join(" "));
