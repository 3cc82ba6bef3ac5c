// Version 1: three routes.
import { makeApp } from './app.js';

export const app = makeApp();
let hits = 0;

app.get('/a', (req, res) => {
  hits++;
  res.end('a v1');
});

app.get('/b', (req, res) => {
  hits++;
  res.end('b v1');
});

app.get('/stats', (req, res) => {
  hits++;
  res.end('stats v1: ' + hits + ' hits');
});
