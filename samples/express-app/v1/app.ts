/**
 * The routes. Every answer is JSON with `route` (the handler that answered) and the header
 * `x-version` (the version of the code that answered).
 *
 *   GET  /items?limit=N   the first N items (default 10)            { route: 'list', items }
 *   GET  /items/:id       one item                                    { route: 'get', item }
 *   POST /items           { name, quantity } -> 201 and the new item { route: 'create', item }
 *   GET  /stats           counters                                   { route: 'stats', version, requests, items }
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { createItem, findItem, itemCount, listItems } from './store.js';
import { formatItem, positiveInt } from './helpers.js';

export const VERSION = 1;
let requests = 0;

export const app = express();
app.use(express.json());

app.use((req: Request, res: Response, next: NextFunction) => {
  requests++;
  res.setHeader('x-version', String(VERSION));
  next();
});

app.get('/items', (req: Request, res: Response) => {
  const limit = req.query.limit === undefined ? 10 : positiveInt(req.query.limit);
  if (limit === null) return res.status(400).json({ route: 'list', error: 'limit must be a positive integer' });
  res.json({ route: 'list', items: listItems(limit).map(formatItem) });
});

app.get('/items/:id', (req: Request, res: Response) => {
  const id = positiveInt(req.params.id);
  const item = id === null ? undefined : findItem(id);
  // Bug: an id with no item answers 200 with item null (v2 answers 404).
  res.json({ route: 'get', item: item ? formatItem(item) : null });
});

app.post('/items', (req: Request, res: Response) => {
  const { name, quantity } = req.body ?? {};
  if (typeof name !== 'string' || name === '' || !Number.isInteger(quantity) || quantity < 0) {
    return res.status(400).json({ route: 'create', error: 'name (a non-empty string) and quantity (an integer >= 0) are required' });
  }
  res.status(201).json({ route: 'create', item: formatItem(createItem(name, quantity)) });
});

app.get('/stats', (req: Request, res: Response) => {
  res.json({ route: 'stats', version: VERSION, requests, items: itemCount() });
});

app.use((req: Request, res: Response) => {
  res.status(404).json({ route: 'none', error: `no route for ${req.method} ${req.path}` });
});
