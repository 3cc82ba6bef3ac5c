/** A list value: a double-ended queue in a growable ring buffer (O(1) push and pop at both ends). */
export class List {
  items: Array<string | undefined>;
  /** Index in items of the first element. */
  head: number;
  length: number;

  constructor() {
    this.items = new Array<string | undefined>(8);
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const items = new Array<string | undefined>(this.items.length * 2);
    for (let i = 0; i < this.length; i++) items[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = items;
    this.head = 0;
  }

  pushFront(value: string): void {
    if (this.length === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = value;
    this.length++;
  }

  pushBack(value: string): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = value;
    this.length++;
  }

  popFront(): string | null {
    if (this.length === 0) return null;
    const value = this.items[this.head] as string;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return value;
  }

  popBack(): string | null {
    if (this.length === 0) return null;
    const at = (this.head + this.length - 1) & (this.items.length - 1);
    const value = this.items[at] as string;
    this.items[at] = undefined;
    this.length--;
    return value;
  }

  /** Element at index (negative: from the end), or null. */
  at(index: number): string | null {
    const i = index < 0 ? this.length + index : index;
    if (i < 0 || i >= this.length) return null;
    return this.items[(this.head + i) & (this.items.length - 1)] as string;
  }

  /** Elements start..stop inclusive, with LRANGE's rules for negative and out-of-range indices. */
  range(start: number, stop: number): string[] {
    let from = start < 0 ? this.length + start : start;
    let to = stop < 0 ? this.length + stop : stop;
    if (from < 0) from = 0;
    if (to >= this.length) to = this.length - 1;
    const out: string[] = [];
    for (let i = from; i <= to; i++) out.push(this.items[(this.head + i) & (this.items.length - 1)] as string);
    return out;
  }
}
