import { createInterface } from 'node:readline';
import { app } from './routes.js';

const server = app.listen(0, (port) => console.log('listening ' + port));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stop') server.close(() => process.exit(0));
});
