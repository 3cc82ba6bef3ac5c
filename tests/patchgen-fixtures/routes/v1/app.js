// A tiny web framework: app.get(path, handler) registers a route; the server calls the handler
// registered for the request's path.
import { createServer } from 'node:http';

export function makeApp() {
  const routes = new Map();
  const app = {
    get(path, handler) {
      routes.set(path, handler);
    },
    handle(req, res) {
      const handler = routes.get(req.url);
      if (!handler) {
        res.statusCode = 404;
        res.end('no route ' + req.url);
        return;
      }
      handler(req, res);
    },
    listen(port, ready) {
      const server = createServer((req, res) => app.handle(req, res));
      server.listen(port, '127.0.0.1', () => ready(server.address().port));
      return server;
    },
  };
  return app;
}
