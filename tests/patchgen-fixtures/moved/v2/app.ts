// Version 2: the geometry helper moved to geometry.ts; Room.size is now Room.floorArea.
import { area } from './geometry.js';

export class Room {
  constructor(public w: number, public h: number) {}
  floorArea(): number {
    return area(this.w, this.h);
  }
}

export function main(): void {
  const rooms = [new Room(3, 4), new Room(2, 5)];
  let sum = 0;
  for (const r of rooms) sum += r.floorArea();
  console.log(sum);
}

main();
