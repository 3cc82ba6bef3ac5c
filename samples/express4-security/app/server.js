'use strict';
// A link service on Express 4: short names for URLs, kept in memory.
//   POST /links          name=<name>&url=<url> (a form), or nested fields: tags[a]=1
//   GET  /l/:name        redirects to the link's URL
//   GET  /go?to=<url>    redirects (the "return to" of a sign-in page)
//   GET  /stats          how many links and redirects
const express = require('express');

const links = new Map();
let redirects = 0;

const app = express();
app.use(express.urlencoded({ extended: true }));

app.post('/links', (req, res) => {
  const { name, url, tags } = req.body;
  if (typeof name !== 'string' || typeof url !== 'string' || !name || !url) {
    return res.status(400).json({ error: 'name and url are required' });
  }
  links.set(name, { url, tags: tags && typeof tags === 'object' ? Object.keys(tags) : [], created: Date.now() });
  res.status(201).json({ name, url });
});

app.get('/l/:name', (req, res) => {
  const link = links.get(req.params.name);
  if (!link) return res.status(404).json({ error: 'no such link' });
  redirects++;
  res.redirect(link.url);
});

app.get('/go', (req, res) => {
  redirects++;
  res.redirect(typeof req.query.to === 'string' ? req.query.to : '/');
});

app.get('/stats', (req, res) => {
  res.json({ links: links.size, redirects, express: require('express/package.json').version });
});

const port = Number(process.argv[2] ?? 0);
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
