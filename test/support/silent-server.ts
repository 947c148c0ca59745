import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers, not even a TLS
 * handshake: a call to it waits until it is cancelled or times out.
 */
export interface SilentServer {
  readonly port: number;
  /** Every connection it accepted. */
  readonly sockets: ReadonlySet<Socket>;
  /** Drop the connections and stop listening. */
  close(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // Read (and ignore) what arrives, so a client hanging up is seen.
    socket.on('error', () => undefined).resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    sockets,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
