// What a client may send the browser host's WebSocket — too big, malformed at the protocol level,
// nested deep, shaped wrong in every field — closes that one socket or gets an error envelope.
// The host (this very process: a crash here fails the run) and every other client go on.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireReply } from '../../src-main/contract/index.js';
import type { WebHost } from '../../src-main/web-host/server.js';
import { startAppAndHost, type AppAndHost } from './helpers/app-and-host.js';

let running: AppAndHost;
let host: WebHost;
const logged: string[] = [];

beforeAll(async () => {
  running = await startAppAndHost('tcr-web-hostile-', (line) => logged.push(line));
  host = running.host;
});

afterAll(() => running.close());

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?token=${host.token}`, {
      origin: `http://127.0.0.1:${host.port}`,
      maxPayload: 64 * 1024 * 1024,
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends a text frame and resolves the reply with that id, or 'closed' with the close code. */
function send(ws: WebSocket, text: string, id?: number): Promise<WireReply | { closed: number }> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString('utf8')) as WireReply;
      if (id === undefined || frame.id === id) resolve(frame);
    });
    ws.once('close', (code) => resolve({ closed: code }));
    ws.on('error', () => undefined); // the close event tells the outcome
    ws.send(text);
  });
}

async function stillServes(): Promise<void> {
  const ws = await open();
  const reply = await send(ws, JSON.stringify({ id: 1, channel: 'app:info', input: undefined }), 1);
  expect(reply).toMatchObject({ result: { ok: true } });
  ws.close();
}

/** JSON text of an array nested `depth` deep (JSON.stringify itself would overflow building it). */
const nested = (depth: number): string => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
/** A frame's JSON text, with `holes` (e.g. `$NESTED`) replaced by raw JSON text. */
const frameText = (frame: object, raw: Record<string, string> = {}): string =>
  Object.entries(raw).reduce((text, [key, value]) => text.replace(JSON.stringify(key), value), JSON.stringify(frame));

describe('hostile frames on the browser host', () => {
  it('a frame over 1 MiB (e.g. a pasted endpoint) closes that socket only, with 1009', async () => {
    const bystander = await open();
    const ws = await open();
    const huge = JSON.stringify({ id: 5, channel: 'profiles:check', input: { endpoint: 'x'.repeat(1_100_000) } });
    expect(await send(ws, huge, 5)).toEqual({ closed: 1009 });
    const reply = await send(bystander, JSON.stringify({ id: 2, channel: 'app:info', input: undefined }), 2);
    expect(reply).toMatchObject({ result: { ok: true } });
    bystander.close();
    await stillServes();
  });

  it('a frame the protocol forbids (reserved bits, unmasked) closes that socket only', async () => {
    const socket = net.connect(host.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const key = Buffer.from('0123456789abcdef').toString('base64');
    socket.write(
      `GET /ipc?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise((resolve) => socket.once('data', resolve)); // 101 Switching Protocols
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    socket.write(Buffer.from([0xf1, 0x02, 0x7b, 0x7d])); // RSV1-3 set, unmasked client frame
    await closed;
    await stillServes();
  });

  it('a channel nested 20,000 deep is answered UNKNOWN_CHANNEL, without walking it', async () => {
    const ws = await open();
    const reply = await send(ws, frameText({ id: 7, channel: '$DEEP' }, { $DEEP: nested(20_000) }), 7);
    expect(reply).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
    ws.close();
    await stillServes();
  });

  it.each([
    ['input nested deep', { id: 8, channel: 'profiles:check', input: '$DEEP' }],
    ['input an object nested deep', { id: 8, channel: 'tccli:import', input: { names: '$DEEP' } }],
    ['a number for a channel', { id: 8, channel: 42, input: null }],
    ['an object for a channel', { id: 8, channel: { toString: 'app:info' }, input: null }],
    ['a huge string for a channel', { id: 8, channel: 'a'.repeat(500_000), input: null }],
    ['strings for numbers', { id: 8, channel: 'settings:update', input: { keychainTimeoutSeconds: '1e9' } }],
    ['an array for an input', { id: 8, channel: 'profiles:delete', input: [1, 2, 3] }],
  ])('%s: an error envelope, and the host goes on', async (_name, frame) => {
    const ws = await open();
    const reply = await send(ws, frameText(frame, { $DEEP: nested(20_000) }), 8);
    expect(reply).toMatchObject({ id: 8, result: { ok: false } });
    expect(JSON.stringify(reply).length).toBeLessThan(2000); // nothing of the input echoed back
    ws.close();
  });

  it('a __proto__ key is dropped as an unknown field: nothing changes, nothing is polluted', async () => {
    const ws = await open();
    const before = await send(ws, JSON.stringify({ id: 10, channel: 'settings:get' }), 10);
    const text = '{"id":11,"channel":"settings:update","input":{"__proto__":{"polluted":1,"language":"en"}}}';
    const reply = await send(ws, text, 11);
    expect(reply).toMatchObject({
      id: 11,
      result: {
        ok: true,
        value: (before as WireReply).result.ok ? (before as { result: { value: unknown } }).result.value : {},
      },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    ws.close();
  });

  it.each([
    ['not JSON', '{'],
    ['JSON but not an object', '"hello"'],
    ['no id', JSON.stringify({ channel: 'app:info' })],
    ['an id that is not a number', frameText({ id: '$DEEP', channel: 'app:info' }, { $DEEP: nested(20_000) })],
    ['null', 'null'],
  ])('%s: ignored, the socket stays open', async (_name, text) => {
    const ws = await open();
    ws.send(text);
    const reply = await send(ws, JSON.stringify({ id: 9, channel: 'app:info', input: undefined }), 9);
    expect(reply).toMatchObject({ id: 9, result: { ok: true } });
    ws.close();
  });

  it('many clients misbehaving at once leave it serving', async () => {
    const attacks = Array.from({ length: 10 }, async (_, i) => {
      const ws = await open();
      const deep = frameText({ id: i, channel: '$DEEP' }, { $DEEP: nested(5000) });
      return send(ws, i % 2 ? 'x'.repeat(1_200_000) : deep, i);
    });
    await Promise.all(attacks);
    await stillServes();
  });
});
