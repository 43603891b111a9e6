import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { acceptApiRequest, errorReply, type ApiDeps } from './api.js';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control.js';
import type { FaultRule } from './faults.js';
import { TOKEN_PATH, type RegistryTokenService } from './registry-token-service.js';

/** Large enough for any TCR request; a bigger body is refused rather than buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

export type ServerDeps = ApiDeps & ControlDeps & { tokenService: RegistryTokenService };

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Applies a fault; true when the fault has answered (or dropped) the request. */
async function applyFault(fault: FaultRule, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (fault.latencyMs) await sleep(fault.latencyMs);
  switch (fault.kind) {
    case 'latency':
      return false;
    case 'error':
      sendJson(response, 200, errorReply(fault.code, fault.message ?? `Injected fault: ${fault.code}.`));
      return true;
    case 'throttle':
      sendJson(response, 200, errorReply('RequestLimitExceeded', 'The request frequency exceeds the limit.'));
      return true;
    case 'malformed':
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"Response": {"RequestId": "');
      return true;
    case 'drop':
      request.socket.destroy();
      return true;
  }
}

async function handle(request: IncomingMessage, response: ServerResponse, deps: ServerDeps): Promise<void> {
  const body = await readBody(request);
  const url = request.url ?? '/';
  // A registry's Bearer token service (distribution's `auth: token` realm), as Harbor core's.
  if (request.method === 'GET' && (url === TOKEN_PATH || url.startsWith(`${TOKEN_PATH}?`))) {
    const reply = deps.tokenService.answer(new URL(url, 'http://sandbox'), request.headers.authorization);
    sendJson(response, reply.status, reply.body);
    return;
  }
  if (url.startsWith(CONTROL_PREFIX)) {
    const reply = await handleControl(request, url.slice(CONTROL_PREFIX.length), body, deps);
    sendJson(response, reply.status, reply.body);
    return;
  }
  // Authentication first: a fault is meant for the app's calls, so a request the cloud would
  // refuse (unsigned, wrong key, wrong service) gets its refusal and uses up no fault.
  const exchange = acceptApiRequest({ method: request.method ?? '', url, headers: request.headers, body }, deps);
  if (!exchange.accepted) {
    sendJson(response, 200, exchange.reply);
    return;
  }
  const fault = deps.faults.take(exchange.action);
  if (fault && (await applyFault(fault, request, response))) return;
  if (response.destroyed) return;
  sendJson(response, 200, await exchange.answer());
}

/** The HTTP face of the sandbox, on 127.0.0.1 only. */
export async function listen(port: number, deps: ServerDeps): Promise<Server> {
  const server = createServer((request, response) => {
    handle(request, response, deps).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return;
      deps.onInternalError?.(error);
      if (!response.headersSent) sendJson(response, 200, errorReply('InternalError', 'An internal error occurred.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
