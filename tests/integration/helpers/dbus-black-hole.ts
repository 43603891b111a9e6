/**
 * Owns a D-Bus name and never answers anything sent to it. Owning
 * `org.gnome.keyring.SystemPrompter` makes gnome-keyring's unlock prompt wait forever, like a
 * desktop prompt nobody answers (without an owner, gnome-keyring dismisses the prompt at once).
 * Speaks the wire protocol directly because no D-Bus library is a project dependency.
 */
import { createConnection, type Socket } from 'node:net';

export interface BlackHole {
  close(): void;
}

export async function ownNameForever(address: string, name: string): Promise<BlackHole> {
  const socket = await connect(address);
  await authenticate(socket);
  // Nothing that arrives is ever answered; reading keeps the bus from blocking on us.
  socket.on('data', () => undefined);
  socket.write(methodCall(1, 'Hello', '', []));
  // Flags 4 = DBUS_NAME_FLAG_DO_NOT_QUEUE. Callers poll NameHasOwner to see that it took.
  socket.write(methodCall(2, 'RequestName', 'su', [name, 4]));
  return { close: () => socket.destroy() };
}

function connect(address: string): Promise<Socket> {
  const path = /unix:path=([^,;]+)/.exec(address)?.[1];
  const abstract = /unix:abstract=([^,;]+)/.exec(address)?.[1];
  if (!path && !abstract) throw new Error(`Unsupported D-Bus address: ${address}`);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path ?? `\0${abstract}`, () => {
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** SASL EXTERNAL: the bus checks our uid from the socket credentials. */
function authenticate(socket: Socket): Promise<void> {
  const uid = Buffer.from(String(process.getuid?.() ?? 0)).toString('hex');
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk) => {
      if (!chunk.toString('ascii').startsWith('OK')) {
        reject(new Error(`D-Bus refused authentication: ${chunk.toString('ascii').trim()}`));
        return;
      }
      socket.write('BEGIN\r\n');
      resolve();
    });
    socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
  });
}

/** Little-endian marshalling, just enough for calls to org.freedesktop.DBus. */
class Writer {
  readonly bytes: number[] = [];
  align(n: number): void {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
  }
  u8(value: number): void {
    this.bytes.push(value);
  }
  u32(value: number): void {
    this.align(4);
    this.bytes.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
  setU32(at: number, value: number): void {
    this.bytes.splice(at, 4, value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.u32(encoded.length);
    this.bytes.push(...encoded, 0);
  }
  signature(value: string): void {
    this.u8(value.length);
    this.bytes.push(...Buffer.from(value, 'ascii'), 0);
  }
}

function methodCall(serial: number, member: string, signature: string, args: (string | number)[]): Buffer {
  const body = new Writer();
  Array.from(signature).forEach((type, i) => {
    if (type === 'u') body.u32(Number(args[i]));
    else body.string(String(args[i]));
  });

  const fields: [code: number, type: string, value: string][] = [
    [1, 'o', '/org/freedesktop/DBus'],
    [2, 's', 'org.freedesktop.DBus'],
    [3, 's', member],
    [6, 's', 'org.freedesktop.DBus'],
    ...(signature ? [[8, 'g', signature] as [number, string, string]] : []),
  ];
  const header = new Writer();
  header.u8(0x6c); // 'l': little endian
  header.u8(1); // METHOD_CALL
  header.u8(0);
  header.u8(1); // protocol version
  header.u32(body.bytes.length);
  header.u32(serial);
  const lengthAt = header.bytes.length;
  header.u32(0);
  header.align(8);
  const start = header.bytes.length;
  for (const [code, type, value] of fields) {
    header.align(8);
    header.u8(code);
    header.signature(type);
    if (type === 'g') header.signature(value);
    else header.string(value);
  }
  header.setU32(lengthAt, header.bytes.length - start);
  header.align(8);
  return Buffer.from([...header.bytes, ...body.bytes]);
}
