// One registry on its own 127.0.0.1 port: its host:port is the instance's PublicDomain.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OciRegistry } from './registry.js';

export interface RegistryListener {
  /** `127.0.0.1:PORT` */
  host: string;
  close(): Promise<void>;
}

export async function listenRegistry(
  registry: OciRegistry,
  onError: (error: unknown) => void,
): Promise<RegistryListener> {
  const server: Server = createServer((request, response) => {
    registry.handle(request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json', Connection: 'close' });
        response.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: 'internal error' }] }));
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
