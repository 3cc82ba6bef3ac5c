// Version 1: the geometry helper lives in the application module.
export function area(w: number, h: number): number {
  const a = Math.abs(w) * Math.abs(h);
  return a;
}

export class Room {
  constructor(public w: number, public h: number) {}
  size(): number {
    return area(this.w, this.h);
  }
}

export function main(): void {
  const rooms = [new Room(3, 4), new Room(2, 5)];
  let sum = 0;
  for (const r of rooms) sum += r.size();
  console.log(sum);
}

main();
