import { createServer } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { KEEP_ALIVE_MS, keepConnectionsAlive } from './http-server.js';

describe('keepConnectionsAlive', () => {
  it('keeps idle sockets longer than clients do (Node closes them after 5 s), headers timeout above it', () => {
    const server = createServer();
    expect(server.keepAliveTimeout).toBe(5_000);
    keepConnectionsAlive(server);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
