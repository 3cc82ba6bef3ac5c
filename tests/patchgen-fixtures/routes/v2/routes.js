// Version 2: a route inserted before '/stats', and every handler changed.
import { makeApp } from './app.js';

export const app = makeApp();
let hits = 0;

app.get('/a', (req, res) => {
  hits++;
  res.end('a v2');
});

app.get('/b', (req, res) => {
  hits++;
  res.end('b v2');
});

app.get('/new', (req, res) => {
  hits++;
  res.end('new v2');
});

app.get('/stats', (req, res) => {
  hits++;
  res.end('stats v2: ' + hits + ' requests');
});
