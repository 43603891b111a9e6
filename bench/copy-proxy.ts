// A counting TCP proxy in front of a registry: every byte a client sends to the registry (HTTP
// headers and bodies alike) is counted here, so no tool's own report of what it sent is trusted.
// The registry builds upload URLs from the Host header, so clients keep talking to the proxy.
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

export interface CountingProxy {
  /** `127.0.0.1:<port>` */
  host: string;
  /** Bytes from clients to the registry since the proxy started. */
  sent: () => number;
  stop: () => Promise<void>;
}

export async function startCountingProxy(upstreamHost: string): Promise<CountingProxy> {
  const [host = '127.0.0.1', port = '0'] = upstreamHost.split(':');
  let sent = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), host);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${String(proxyPort)}`,
    sent: () => sent,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
