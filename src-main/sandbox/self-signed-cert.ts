// A self-signed X.509 certificate (DER, then PEM) for the sandbox's registry token key, written
// here so that the sandbox needs no openssl: a registry trusts the tokens whose `x5c` is this
// certificate when its `rootcertbundle` holds it. Version 1, no extensions: all a root needs.
import { type KeyObject, randomBytes, sign } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const NULL = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const base128: number[] = [part & 0x7f];
    for (let value = Math.floor(part / 128); value > 0; value = Math.floor(value / 128)) {
      base128.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A positive INTEGER from unsigned bytes. */
function integer(bytes: Buffer): Buffer {
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-12-04T17:50:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

const commonName = (name: string): Buffer => sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(name)))));

/** A self-signed RSA certificate (sha256WithRSAEncryption) for `name`, valid from `now` for `days`. */
export function selfSignedCertificate(
  keys: { privateKey: KeyObject; publicKey: KeyObject },
  name: string,
  now: number,
  days: number,
): Buffer {
  const algorithm = sequence(oid('1.2.840.113549.1.1.11'), NULL);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    integer(serial),
    algorithm,
    commonName(name),
    sequence(utcTime(now - 60_000), utcTime(now + days * 86_400_000)),
    commonName(name),
    keys.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  return sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

export function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
