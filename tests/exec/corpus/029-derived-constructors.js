// derived constructors: calls before and after super(...), super args computed by calls
const trace = [];
function note(s) { trace.push(s); UPDATE_POINT(); return s; }

class Animal {
  constructor(name, legs) {
    note("Animal(" + name + ")");
    this.name = name;
    this.legs = legs;
    this.sound = this.makeSound();
  }
  makeSound() { return "..."; }
  describe() { return `${this.name} has ${this.legs} legs and says ${this.sound}`; }
}

function computeLegs(kind) {
  UPDATE_POINT();
  let legs = 0;
  for (const part of kind.split("-")) legs += part === "bird" ? 2 : part === "dog" ? 4 : part.length;
  return legs;
}

class Dog extends Animal {
  constructor(name) {
    const upper = note(name.toUpperCase());
    super(upper, computeLegs("dog"));
    note("Dog after super");
    this.tricks = [];
  }
  makeSound() { return "woof"; }
}

class Puppy extends Dog {
  constructor(name, age) {
    if (age > 1) note("old puppy");
    super(note(name) + "-jr");
    this.age = age;
    this.tricks.push("roll" + age);
  }
  describe() { return super.describe() + ` (age ${this.age}, tricks ${this.tricks})`; }
}

class Chimera extends Animal {
  constructor(...parts) {
    let name = "";
    for (const p of parts) name += p[0];
    super(name, computeLegs(parts.join("-")));
    this.parts = parts;
  }
  makeSound() { return this.parts ? "known" : "unknown-yet"; }
}

console.log(new Dog("rex").describe());
console.log(new Puppy("fido", 2).describe());
console.log(new Chimera("bird", "dog", "snake").describe());
console.log(trace.join(" | "));

// constructor that catches an error from a helper before super is called
class Safe extends Animal {
  constructor(input) {
    let legs;
    try {
      legs = JSON.parse(input).legs;
    } catch (e) {
      legs = -1;
    }
    super("safe", legs);
  }
}
console.log(new Safe('{"legs":3}').legs, new Safe("not json").legs);

// derived class with default constructor forwarding args
class Cat extends Animal {}
console.log(new Cat("tom", 4).describe());
// derived constructor returning an object
class Proxyish extends Animal {
  constructor() {
    UPDATE_POINT();
    super("p", 0);
    return { wrapped: this.name };
  }
}
console.log(JSON.stringify(new Proxyish()));
