// The browser host's doors, as another program on this computer (or a web page in the user's
// browser) would try them: 127.0.0.1 only, the per-launch token, Origin and Host on the upgrade.
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireReply } from '../../src-main/contract/index.js';
import type { WebHost } from '../../src-main/web-host/server.js';
import { startAppAndHost, type AppAndHost } from './helpers/app-and-host.js';

let running: AppAndHost;
let host: WebHost;

beforeAll(async () => {
  running = await startAppAndHost('tcr-web-host-');
  host = running.host;
});

afterAll(() => running.close());

const origin = () => `http://127.0.0.1:${host.port}`;

/** Opens the IPC socket; resolves the socket, or the HTTP status the upgrade was refused with. */
function connect(options: { token?: string; origin?: string; host?: string }): Promise<WebSocket | number> {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc${query}`, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.host ? { headers: { Host: options.host } } : {}),
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, input: unknown): Promise<WireReply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      // Text frames arrive as one Buffer (ws's default binaryType).
      const frame = JSON.parse((data as Buffer).toString('utf8')) as Partial<WireReply>;
      if (frame.id !== id) return;
      ws.off('message', onMessage);
      resolve(frame as WireReply);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

function get(pathname: string, hostHeader?: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: host.port, path: pathname, ...(hostHeader ? { headers: { Host: hostHeader } } : {}) },
      (res) => {
        res.resume();
        resolve(res);
      },
    );
    req.on('error', reject);
  });
}

function tcpConnects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('browser host', () => {
  it('prints a 127.0.0.1 URL carrying a long random token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{32}$`));
  });

  it('listens on the loopback interface only', async () => {
    expect(await tcpConnects('127.0.0.1', host.port)).toBe(true);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .flatMap((i) => (i && !i.internal ? [i.address] : []));
    for (const address of [...others, '::1']) expect(await tcpConnects(address, host.port), address).toBe(false);
  });

  it('answers contract calls for the right token and origin', async () => {
    const ws = await connect({ token: host.token, origin: origin() });
    expect(ws).toBeInstanceOf(WebSocket);
    const reply = await call(ws as WebSocket, 1, 'app:info', undefined);
    expect(reply.result).toMatchObject({ ok: true, value: { host: 'browser', version: '0.0.0-test' } });
    (ws as WebSocket).close();
  });

  it('refuses a missing or wrong token', async () => {
    expect(await connect({ origin: origin() })).toBe(401);
    expect(await connect({ token: 'guess', origin: origin() })).toBe(401);
    expect(await connect({ token: `${host.token}x`, origin: origin() })).toBe(401);
  });

  it('refuses other origins, even with the token (another page in the browser)', async () => {
    expect(await connect({ token: host.token })).toBe(403);
    expect(await connect({ token: host.token, origin: 'http://evil.example' })).toBe(403);
    expect(await connect({ token: host.token, origin: `http://127.0.0.1:${host.port + 1}` })).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await connect({ token: host.token, origin: origin(), host: `evil.example:${host.port}` })).toBe(421);
    expect((await get('/', `evil.example:${host.port}`)).statusCode).toBe(421);
  });

  it('serves the renderer with the strict content security policy', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await get('/../../etc/passwd')).statusCode).toBe(404);
  });

  it('validates input and names the field in the error envelope', async () => {
    const ws = (await connect({ token: host.token, origin: origin() })) as WebSocket;
    const bad = await call(ws, 2, 'profiles:delete', { id: 'not-a-uuid' });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'id' } });
    const unknown = await call(ws, 3, 'profiles:steal', {});
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    ws.close();
  });
});
