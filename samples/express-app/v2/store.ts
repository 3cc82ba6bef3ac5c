/** The items, in memory, by id (ids count from 1, in creation order). */
export interface Item {
  id: number;
  name: string;
  quantity: number;
  createdAt: number;
  /** New in v2: the revision of the item, 1 when it is created. */
  revision: number;
}

export const items = new Map<number, Item>();
let nextId = 1;

export function createItem(name: string, quantity: number): Item {
  const item: Item = { id: nextId++, name, quantity, createdAt: Date.now(), revision: 1 };
  items.set(item.id, item);
  return item;
}

export function findItem(id: number): Item | undefined {
  return items.get(id);
}

export function listItems(limit: number): Item[] {
  return [...items.values()].slice(0, limit);
}

export function itemCount(): number {
  return items.size;
}
