// Version 2: geometry has a module of its own.
export function area(w: number, h: number): number {
  const a = Math.abs(w) * Math.abs(h);
  return a;
}
