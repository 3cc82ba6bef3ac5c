/**
 * Connections: each is served by one async loop that reads the commands the client sent (a
 * pipeline may hold many), executes them in order and writes their replies together, then
 * waits for more input.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { ProtocolError, error, moreInput, openInput, readCommand, OK } from './resp.js';
import { execute, newSession, type Session } from './commands.js';
import { stats } from './stats.js';
import { activeExpireCycle } from './store.js';

/** A connected client, as CLIENT LIST-like reports see it. */
export interface Client {
  id: number;
  address: string;
  session: Session;
}

export const clients = new Map<number, Client>();
let nextClientId = 1;

export function startServer(port: number, host: string, ready: (port: number) => void): Server {
  const server = createServer((socket) => {
    acceptConnection(socket);
  });
  server.on('error', (err) => {
    console.error(`kvstore: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    ready(typeof address === 'object' && address !== null ? address.port : port);
  });
  return server;
}

function acceptConnection(socket: Socket): void {
  socket.setNoDelay(true);
  stats.connectionsReceived++;
  stats.connectedClients++;
  serveConnection(socket).then(
    () => {
      stats.connectedClients--;
    },
    (err: Error) => {
      stats.connectedClients--;
      stats.connectionsDropped++;
      console.error(`kvstore: connection failed: ${err.stack ?? err.message}`);
      socket.destroy();
    },
  );
}

export async function serveConnection(socket: Socket): Promise<void> {
  const input = openInput(socket);
  const client: Client = { id: nextClientId++, address: `${socket.remoteAddress}:${socket.remotePort}`, session: newSession() };
  clients.set(client.id, client);
  const session = client.session;
  let out = '';
  try {
    for (;;) {
      let args: string[] | null;
      try {
        args = readCommand(input);
      } catch (err) {
        if (!(err instanceof ProtocolError)) throw err;
        socket.end(out + error(`ERR Protocol error: ${err.message}`));
        stats.connectionsDropped++;
        return;
      }
      if (args === null) {
        if (out !== '') {
          socket.write(out, 'latin1');
          out = '';
        }
        if (input.ended) return;
        await moreInput(input);
        continue;
      }
      if (args.length === 0) continue;
      stats.commandsProcessed++;
      if (args[0].toLowerCase() === 'quit') {
        socket.end(out + OK);
        return;
      }
      out += execute(session, args);
    }
  } finally {
    clients.delete(client.id);
  }
}

/** CLIENT LIST: one line per connection, with its database and the commands queued since MULTI. */
export function clientList(): string {
  let text = '';
  for (const c of clients.values()) {
    const queued = c.session.tx === null ? -1 : c.session.tx.commands.length;
    text += `id=${c.id} addr=${c.address} db=${c.session.db} multi=${queued}\n`;
  }
  return text;
}

/** Runs every 100 ms: removes expired keys and keeps the instantaneous ops/sec figure. */
export function serverCron(): void {
  stats.expiredKeys += activeExpireCycle(200);
  const now = Date.now();
  const elapsed = now - stats.lastCronAt;
  if (elapsed <= 0) return;
  stats.opsPerSecond = Math.round(((stats.commandsProcessed - stats.lastCronCommands) * 1000) / elapsed);
  stats.lastCronAt = now;
  stats.lastCronCommands = stats.commandsProcessed;
}
