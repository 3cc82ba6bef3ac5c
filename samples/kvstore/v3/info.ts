/** INFO: the server's state as `field:value` lines in sections. */
import { DATABASES, dbs, keyCount, volatileCount } from './store.js';
import { stats } from './stats.js';

export function serverInfo(version: string, section: string): string {
  const wanted = section.toLowerCase();
  const all = wanted === 'all' || wanted === 'default' || wanted === 'everything';
  let text = '';
  if (all || wanted === 'server') {
    text += '# Server\r\n';
    text += `kvstore_version:${version}\r\n`;
    text += `process_id:${process.pid}\r\n`;
    text += `uptime_in_seconds:${Math.floor((Date.now() - stats.startedAt) / 1000)}\r\n\r\n`;
  }
  if (all || wanted === 'clients') {
    text += `# Clients\r\nconnected_clients:${stats.connectedClients}\r\n\r\n`;
  }
  if (all || wanted === 'stats') {
    text += '# Stats\r\n';
    text += `total_connections_received:${stats.connectionsReceived}\r\n`;
    text += `total_connections_dropped:${stats.connectionsDropped}\r\n`;
    text += `total_commands_processed:${stats.commandsProcessed}\r\n`;
    text += `expired_keys:${stats.expiredKeys}\r\n`;
    text += `instantaneous_ops_per_sec:${stats.opsPerSecond}\r\n\r\n`;
  }
  if (all || wanted === 'keyspace') {
    text += '# Keyspace\r\n';
    for (let i = 0; i < DATABASES; i++) {
      const keys = keyCount(dbs[i]);
      if (keys > 0) text += `db${i}:keys=${keys},expires=${volatileCount(dbs[i])}\r\n`;
    }
  }
  return text;
}
