// private fields, private methods, private static members, #x in obj checks
class Account {
  static #count = 0;
  #balance = 0;
  #history = [];
  #id;
  constructor(owner, initial) {
    UPDATE_POINT();
    this.owner = owner;
    this.#id = ++Account.#count;
    this.#apply("open", initial);
  }
  #apply(kind, amount) {
    UPDATE_POINT();
    if (kind === "withdraw" && amount > this.#balance) throw new RangeError(`insufficient funds in #${this.#id}`);
    this.#balance += kind === "withdraw" ? -amount : amount;
    this.#history.push(`${kind}:${amount}`);
    return this.#balance;
  }
  deposit(n) { return this.#apply("deposit", n); }
  withdraw(n) { return this.#apply("withdraw", n); }
  transferTo(other, n) {
    if (!(#balance in other)) throw new TypeError("not an account");
    this.withdraw(n);
    other.#apply("transfer-in", n);
    return [this.#balance, other.#balance];
  }
  get #summary() { return `${this.owner}#${this.#id}=${this.#balance}`; }
  static describe(acc) { return acc.#summary + " [" + acc.#history.join(",") + "]"; }
  static get count() { return Account.#count; }
  static isAccount(x) { return #id in x; }
}

const a = new Account("ann", 100);
const b = new Account("bob", 5);
for (let i = 1; i <= 5; i++) {
  a.deposit(i * 10);
  if (i % 2 === 0) console.log(JSON.stringify(a.transferTo(b, i * 7)));
}
try {
  b.withdraw(1000);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
try {
  a.transferTo({ owner: "fake" }, 1);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
console.log(Account.describe(a));
console.log(Account.describe(b));
console.log(Account.count, Account.isAccount(a), Account.isAccount({}));

// private methods called from callbacks and loops
class Tokenizer {
  #src;
  #pos = 0;
  constructor(src) { this.#src = src; }
  #peek() { return this.#src[this.#pos]; }
  #isDigit(c) { return c >= "0" && c <= "9"; }
  #readNumber() {
    let s = "";
    while (this.#pos < this.#src.length && this.#isDigit(this.#peek())) s += this.#src[this.#pos++];
    return Number(s);
  }
  tokens() {
    const out = [];
    while (this.#pos < this.#src.length) {
      UPDATE_POINT();
      const c = this.#peek();
      if (this.#isDigit(c)) out.push(this.#readNumber());
      else if (c !== " ") { out.push(c); this.#pos++; }
      else this.#pos++;
    }
    return out;
  }
}
console.log(JSON.stringify(new Tokenizer("12 + 345*(6 - 78)").tokens()));
