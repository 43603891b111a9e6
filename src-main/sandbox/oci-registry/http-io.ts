// Reading a bounded request body and writing a registry reply (JSON or bytes; HEAD without body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, OciError, tooLarge } from './errors.js';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Bytes as they are, anything else as JSON. */
  body?: Buffer | object;
}

/** The whole body, refused (413) beyond `max` bytes. */
export async function readBody(request: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > max) throw tooLarge('the request body exceeds');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > max) throw tooLarge('the request body exceeds');
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof OciError) throw error;
    throw new OciError(400, 'BLOB_UPLOAD_INVALID', 'the request body broke off');
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

export function errorReply(error: OciError, headers: Record<string, string> = {}): Reply {
  return { status: error.status, headers, body: errorBody(error) };
}

export function send(response: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string> = {
    'Docker-Distribution-API-Version': 'registry/2.0',
    ...reply.headers,
  };
  let bytes: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) bytes = reply.body;
  else if (reply.body !== undefined) {
    bytes = Buffer.from(JSON.stringify(reply.body));
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  headers['Content-Length'] ??= String(bytes?.length ?? 0);
  response.writeHead(reply.status, headers);
  response.end(head ? undefined : bytes);
}
