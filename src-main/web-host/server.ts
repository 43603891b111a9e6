import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireEvent, WireReply } from '../contract/index.js';
import type { AppCore } from '../app/app-types.js';
import { readStatic } from './static-files.js';
import { CONTENT_SECURITY_POLICY, allowedHosts, isAllowedOrigin, tokensEqual } from './security.js';

export interface WebHostOptions {
  core: AppCore;
  rendererDir: string;
  port: number;
  token?: string;
  /** Told about failures of the transport itself (never a frame's content). */
  log?: (line: string) => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_FRAME = 1024 * 1024;

/** Serves the renderer and the WebSocket transport on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    };
    if (!allowedHosts(port).includes(req.headers.host ?? '')) {
      send(421, 'Wrong host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'Method not allowed');
      return;
    }
    void readStatic(options.rendererDir, req.url ?? '/').then((file) => {
      if (file) send(200, file.body, file.type);
      else send(404, 'Not found');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  // A client that resets its connection mid-request must not take the host down with it.
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    const refusal =
      url.pathname !== '/ipc'
        ? '404 Not Found'
        : !allowedHosts(port).includes(req.headers.host ?? '')
          ? '421 Misdirected Request'
          : !isAllowedOrigin(req.headers.origin, port)
            ? '403 Forbidden'
            : !tokensEqual(token, url.searchParams.get('token'))
              ? '401 Unauthorized'
              : undefined;
    if (refusal) {
      refuse(refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const origin = req.headers.origin ?? '';
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // A frame over the limit or a protocol error ends this one socket (ws closes it with
      // 1009/1002); without a listener the 'error' event would end the whole process.
      ws.on('error', () => {
        sockets.delete(ws);
        ws.terminate();
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary || !Buffer.isBuffer(data)) return;
        answer(ws, origin, data.toString('utf8')).catch((error: unknown) =>
          options.log?.(`web host: ${describe(error)}`),
        );
      });
    });
  });

  async function answer(ws: WebSocket, origin: string, text: string): Promise<void> {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { id, channel, input } = frame as { id?: unknown; channel?: unknown; input?: unknown };
    if (typeof id !== 'number') return;
    const result = await options.core.router.handle(channel, input, { origin });
    const reply: WireReply = { id, result };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  }

  const unsubscribe = options.core.events.forwardToWindows((message) => {
    const frame: WireEvent = message;
    const text = JSON.stringify(frame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
