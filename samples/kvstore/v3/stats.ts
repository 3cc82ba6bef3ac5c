/** Counters INFO reports. */
export const stats = {
  startedAt: Date.now(),
  connectionsReceived: 0,
  connectedClients: 0,
  /** Connections the server closed itself (protocol errors, QUIT excluded). */
  connectionsDropped: 0,
  commandsProcessed: 0,
  /** Keys removed by the active expiry cycle. */
  expiredKeys: 0,
  /** Commands per second over the last cron interval. */
  opsPerSecond: 0,
  lastCronAt: Date.now(),
  lastCronCommands: 0,
};
