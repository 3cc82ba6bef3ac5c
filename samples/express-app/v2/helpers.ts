import type { Item } from './store.js';

/** What the API shows of an item. */
export function presentItem(item: Item): Record<string, unknown> {
  return { id: item.id, name: item.name, quantity: item.quantity, createdAt: new Date(item.createdAt).toISOString(), revision: item.revision };
}

/** A positive integer from a path or query parameter, or null. */
export function positiveInt(text: unknown): number | null {
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,8}$/.test(text)) return null;
  return Number(text);
}
