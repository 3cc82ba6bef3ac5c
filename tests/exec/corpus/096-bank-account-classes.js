// a small banking domain: class hierarchy, validation errors, transaction log, interest in loops
class InsufficientFunds extends Error {
  constructor(account, amount) {
    UPDATE_POINT();
    super(`account ${account.id} cannot withdraw ${amount} (balance ${account.balance})`);
    this.name = "InsufficientFunds";
  }
}
let nextId = 100;
class Account {
  #log = [];
  constructor(owner, opening = 0) {
    this.id = nextId++;
    this.owner = owner;
    this.balance = 0;
    if (opening) this.deposit(opening, "opening");
  }
  record(kind, amount, note) {
    this.#log.push({ kind, amount, balance: this.balance, note });
  }
  deposit(amount, note = "") {
    if (!(amount > 0)) throw new RangeError("deposit must be positive");
    this.balance += amount;
    this.record("D", amount, note);
    return this.balance;
  }
  withdraw(amount, note = "") {
    if (amount > this.available()) throw new InsufficientFunds(this, amount);
    this.balance -= amount;
    this.record("W", amount, note);
    return this.balance;
  }
  available() { return this.balance; }
  monthEnd() {}
  statement() { return this.#log.map((e) => `${e.kind}${e.amount}${e.note ? "(" + e.note + ")" : ""}=${e.balance}`).join(" "); }
}
class Savings extends Account {
  constructor(owner, opening, rate) {
    super(owner, opening);
    this.rate = rate;
  }
  monthEnd() {
    const interest = Math.floor((this.balance * this.rate) / 12 / 100);
    if (interest > 0) this.deposit(interest, "interest");
  }
}
class Checking extends Account {
  constructor(owner, opening, overdraft) {
    super(owner, opening);
    this.overdraft = overdraft;
  }
  available() { return this.balance + this.overdraft; }
  monthEnd() {
    if (this.balance < 0) {
      const fee = 15;
      this.balance -= fee;
      this.record("F", fee, "overdraft fee");
    }
  }
}
class Bank {
  constructor() { this.accounts = new Map(); this.failures = []; }
  open(kind, ...args) {
    const acc = new kind(...args);
    this.accounts.set(acc.id, acc);
    return acc;
  }
  transfer(from, to, amount) {
    try {
      this.accounts.get(from).withdraw(amount, "to " + to);
      this.accounts.get(to).deposit(amount, "from " + from);
      return true;
    } catch (e) {
      this.failures.push(`${e.name}: ${e.message}`);
      return false;
    } finally {
      UPDATE_POINT();
    }
  }
  monthEnd() {
    for (const acc of this.accounts.values()) acc.monthEnd();
  }
  total() {
    let t = 0;
    for (const a of this.accounts.values()) t += a.balance;
    return t;
  }
}
const bank = new Bank();
const s1 = bank.open(Savings, "ann", 10000, 6);
const c1 = bank.open(Checking, "ann", 500, 300);
const c2 = bank.open(Checking, "bob", 50, 0);
let seed = 9;
for (let month = 1; month <= 6; month++) {
  for (let k = 0; k < 4; k++) {
    seed = (seed * 7919 + 13) % 10007;
    const ids = [...bank.accounts.keys()];
    const from = ids[seed % 3], to = ids[(seed >> 2) % 3];
    if (from !== to) bank.transfer(from, to, (seed % 9) * 100);
  }
  bank.monthEnd();
  console.log(`month ${month}: ${[...bank.accounts.values()].map((a) => a.balance).join(" ")} total=${bank.total()}`);
}
for (const a of bank.accounts.values()) console.log(a.id, a.owner, a.statement());
console.log(bank.failures.join("\n"));
try {
  s1.deposit(-5);
} catch (e) {
  UPDATE_POINT();
  console.log(e.constructor.name, e.message);
}
