/**
 * kvstore: a key-value server speaking the Redis protocol.
 *
 *   node main.js [--port 7379] [--host 127.0.0.1]
 *
 * Prints `kvstore <version> listening on <host>:<port>` on stdout once it accepts connections
 * (`--port 0` picks a free port).
 */
import { serverCron, startServer } from './server.js';
import { VERSION } from './commands.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(option('--port', '7379'));
const host = option('--host', '127.0.0.1');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`kvstore: invalid --port ${option('--port', '')}`);
  process.exit(2);
}

const server = startServer(port, host, (bound) => {
  console.log(`kvstore ${VERSION} listening on ${host}:${bound}`);
});
const cron = setInterval(serverCron, 100);

function shutdown(): void {
  clearInterval(cron);
  server.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
