import type { Server } from 'node:http';

/** How long an idle kept-alive connection stays open on the server (above the 60 s of common load balancers). */
export const KEEP_ALIVE_MS = 65_000;

/**
 * Node closes an idle kept-alive socket after 5 s, while clients (a load balancer, undici's fetch) keep theirs
 * for about as long: a request sent on a socket the server is closing at that moment fails with ECONNRESET (seen
 * in CI at load 20, where timers fire seconds late). The server keeps idle sockets longer than its clients do;
 * headersTimeout must exceed it.
 */
export function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
