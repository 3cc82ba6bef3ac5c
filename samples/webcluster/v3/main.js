// An HTTP server on Node's cluster module. The primary process forks `--workers` workers (each
// runs server.js: the same code, its own cache), starts another when one exits unexpectedly
// (counting these restarts), and on SIGTERM or SIGINT disconnects them and exits 0. It prints
// `listening <port>` on stdout once every worker listens. The workers share one listening socket:
// the primary accepts connections and hands them out in turn (the cluster module's round-robin),
// so `--port 0` is one random port for all of them.
//
//   node main.js [--port P] [--workers N] [--capacity C]
import cluster from 'node:cluster';
import { startServer } from './server.js';

const USAGE = 'usage: main.js [--port P] [--workers N] [--capacity C]';
/** Local connections only: a sample has no business on other interfaces. */
const HOST = '127.0.0.1';
/** How long the workers have to finish the requests in flight when stopping, before being killed. */
const STOP_GRACE_MS = 5000;

function parseArgs(argv) {
  const params = { port: 0, workers: 2, capacity: 500 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in params) || !Number.isInteger(value) || value < 0) throw new Error(`${USAGE} (bad argument ${argv[i]} ${argv[i + 1]})`);
    params[name] = value;
  }
  if (params.workers < 1 || params.capacity < 1 || params.port > 65535) throw new Error(`${USAGE} (workers and capacity at least 1, port at most 65535)`);
  return params;
}

// Workers are forked with the primary's arguments, so each parses the same ones.
const params = parseArgs(process.argv.slice(2));
/** Ids of the workers listening now (a worker that exits leaves it). */
const listening = new Set();
let announced = false;
let stopping = false;
/** Workers started in place of one that exited unexpectedly. */
let restarts = 0;

function startPrimary() {
  cluster.on('listening', onListening);
  cluster.on('exit', onExit);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < params.workers; i++) cluster.fork();
}

/** Prints the port once, when the first `workers` workers all listen (restarts say nothing). */
function onListening(worker, address) {
  listening.add(worker.id);
  if (!announced && listening.size === params.workers) {
    announced = true;
    console.log(`listening ${address.port}`);
  }
}

function onExit(worker, code, signal) {
  listening.delete(worker.id);
  // A worker that was told to disconnect leaves on purpose; any other exit is a crash.
  if (stopping || worker.exitedAfterDisconnect) return;
  restarts++;
  const next = cluster.fork();
  console.error(`restart ${restarts}: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}), worker ${next.process.pid} started`);
}

/**
 * Disconnects every worker: each closes its server (idle keep-alive connections at once, busy ones
 * once their response is sent) and exits. A worker still holding a connection after the grace
 * period is killed.
 */
function stop() {
  if (stopping) return;
  stopping = true;
  console.error(`stopping ${Object.keys(cluster.workers).length} workers (${restarts} restarts)`);
  setTimeout(() => {
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGKILL');
    process.exit(0);
  }, STOP_GRACE_MS).unref();
  cluster.disconnect(() => process.exit(0));
}

function startWorker() {
  // Ctrl-C on a terminal signals the whole process group: the primary decides when its workers
  // stop (it disconnects them), so a worker ignores SIGINT. SIGTERM still ends a worker (and the
  // primary starts another).
  process.on('SIGINT', () => {});
  startServer({ port: params.port, host: HOST, capacity: params.capacity });
}

if (cluster.isPrimary) startPrimary();
else startWorker();
