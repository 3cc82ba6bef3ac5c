// The sample's broker: aedes on a plain TCP server, as aedes' README starts one. The same file sits
// next to each released version's aedes.js (samples/aedes/prepare.js copies it there).
//
//   node broker.js [--port P]      (or MQTT_PORT=P; 0 picks a free port)
//
// Prints `listening <port>` on stdout once the server accepts connections. SIGTERM or SIGINT
// closes the server and the broker and exits 0.
import { createServer } from 'node:net';
import { Aedes } from './aedes.js';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(option('--port', process.env.MQTT_PORT ?? '1883'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`broker: --port must be a TCP port (0-65535), not ${option('--port', process.env.MQTT_PORT)}`);
  process.exit(2);
}

Aedes.createBroker().then((broker) => {
  const server = createServer(broker.handle);
  server.listen(port, '127.0.0.1', () => {
    console.log(`listening ${server.address().port}`);
  });
  const stop = () => {
    server.close();
    broker.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}, (err) => {
  console.error(`broker: ${err.message}`);
  process.exit(1);
});
