'use strict';
/**
 * koa-service: a small JSON API over an in-memory store of tasks.
 *
 *   node main.js [--port 3000]
 *
 * Prints `listening <port>` on stdout once it accepts connections (`--port 0` picks a free port).
 * SIGTERM or SIGINT closes the server and exits 0.
 */
const { app } = require('./app');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function main() {
  const port = Number(option('--port', '3000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`koa-service: --port must be a TCP port (0-65535), not ${option('--port', '')}`);
    process.exit(2);
  }
  const server = app.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  const shutdown = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) main();
