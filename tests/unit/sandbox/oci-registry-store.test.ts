// The in-process registry's storage: content stored once and freed with its last link,
// manifests accepted only with their content, uploads in order and verified, the byte limit.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MediaType } from '../../../src-main/domain/oci-manifest.js';
import { OciError } from '../../../src-main/sandbox/oci-registry/errors.js';
import { RegistryStore } from '../../../src-main/sandbox/oci-registry/store.js';
import { UploadSessions } from '../../../src-main/sandbox/oci-registry/uploads.js';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blob = (text: string) => {
  const bytes = Buffer.from(text);
  return { bytes, digest: sha(bytes), size: bytes.length };
};
const config = blob('{"architecture":"amd64","os":"linux"}');
const layer = blob('layer bytes');
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size }],
  }),
);
const index = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [{ mediaType: MediaType.ociManifest, digest: sha(manifest), size: manifest.length }],
  }),
);

function codeOf(work: () => unknown): string {
  try {
    work();
    return 'ok';
  } catch (error) {
    if (!(error instanceof OciError)) throw error;
    return `${error.status} ${error.code}`;
  }
}

function withImage(store: RegistryStore, name = 'team/app'): void {
  store.putBlob(name, config.digest, config.bytes);
  store.putBlob(name, layer.digest, layer.bytes);
  store.putManifest(name, 'v1', manifest, MediaType.ociManifest);
}

describe('RegistryStore', () => {
  it('stores shared content once and frees it with its last link', () => {
    const store = new RegistryStore(1024 * 1024);
    withImage(store, 'team/a');
    const after = store.bytesStored;
    expect(store.mountBlob('team/b', layer.digest, 'team/a')).toBe(true);
    store.putBlob('team/b', config.digest, config.bytes);
    expect(store.bytesStored).toBe(after);
    expect(store.deleteBlob('team/a', layer.digest)).toBe(true);
    expect(store.blob('team/b', layer.digest)).toEqual(layer.bytes);
    expect(store.blob('team/a', layer.digest)).toBeUndefined();
    store.deleteBlob('team/b', layer.digest);
    expect(store.bytesStored).toBe(after - layer.size);
  });

  it('mounts only from a repository that has the blob', () => {
    const store = new RegistryStore(1024 * 1024);
    withImage(store, 'team/a');
    expect(store.mountBlob('team/b', layer.digest, 'team/none')).toBe(false);
    expect(store.blob('team/b', layer.digest)).toBeUndefined();
  });

  it('accepts a manifest only when its blobs, or an index’s manifests, are in the repository', () => {
    const store = new RegistryStore(1024 * 1024);
    expect(codeOf(() => store.putManifest('team/app', 'v1', manifest, MediaType.ociManifest))).toBe(
      '400 MANIFEST_BLOB_UNKNOWN',
    );
    expect(store.repositories()).toEqual([]);
    withImage(store);
    expect(codeOf(() => store.putManifest('team/other', 'multi', index, MediaType.ociIndex))).toBe(
      '400 MANIFEST_BLOB_UNKNOWN',
    );
    expect(codeOf(() => store.putManifest('team/app', 'multi', index, MediaType.ociIndex))).toBe('ok');
    expect(store.manifest('team/app', 'multi')).toMatchObject({ digest: sha(index), mediaType: MediaType.ociIndex });
    expect(store.tags('team/app')).toEqual(['multi', 'v1']);
  });

  it('checks a manifest pushed by digest and its type', () => {
    const store = new RegistryStore(1024 * 1024);
    withImage(store);
    expect(codeOf(() => store.putManifest('team/app', `sha256:${'0'.repeat(64)}`, manifest, undefined))).toBe(
      '400 DIGEST_INVALID',
    );
    expect(codeOf(() => store.putManifest('team/app', 'x', manifest, MediaType.ociIndex))).toBe('400 MANIFEST_INVALID');
    expect(codeOf(() => store.putManifest('team/app', 'x', Buffer.from('nope'), undefined))).toBe(
      '400 MANIFEST_INVALID',
    );
  });

  it('deletes a tag alone, or a manifest with every tag naming it', () => {
    const store = new RegistryStore(1024 * 1024);
    withImage(store);
    store.putManifest('team/app', 'latest', manifest, MediaType.ociManifest);
    expect(store.deleteManifest('team/app', 'latest')).toBe(true);
    expect(store.tags('team/app')).toEqual(['v1']);
    expect(store.deleteManifest('team/app', sha(manifest))).toBe(true);
    expect(store.tags('team/app')).toEqual([]);
    expect(store.manifest('team/app', 'v1')).toBeUndefined();
  });

  it('caps repositories and tags, which cost no bytes, and counts a deleted tag out', () => {
    const store = new RegistryStore(1024 * 1024, { maxRepositories: 2, maxTags: 2 });
    withImage(store, 'team/a');
    expect(store.mountBlob('team/b', layer.digest, 'team/a')).toBe(true);
    expect(codeOf(() => store.mountBlob('team/c', layer.digest, 'team/a'))).toBe('413 DENIED');
    expect(codeOf(() => store.putManifest('team/a', 'v2', manifest, MediaType.ociManifest))).toBe('ok');
    expect(codeOf(() => store.putManifest('team/a', 'v3', manifest, MediaType.ociManifest))).toBe('413 DENIED');
    expect(codeOf(() => store.putManifest('team/a', 'v2', manifest, MediaType.ociManifest))).toBe('ok');
    store.deleteManifest('team/a', 'v2');
    expect(codeOf(() => store.putManifest('team/a', 'v3', manifest, MediaType.ociManifest))).toBe('ok');
  });

  it('asks its guard before moving or deleting a tag (immutable-tag rules: 412)', () => {
    const store = new RegistryStore(1024 * 1024, {
      guard: (name, tag, change) => (tag.startsWith('v') ? `${name}:${tag} is immutable (${change})` : ''),
    });
    withImage(store);
    store.putBlob('team/app', layer.digest, layer.bytes);
    store.putManifest('team/app', 'latest', manifest, MediaType.ociManifest);
    // The same digest again is no change; a new tag is no change either.
    expect(codeOf(() => store.putManifest('team/app', 'v1', manifest, MediaType.ociManifest))).toBe('ok');
    const other = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
        layers: [],
      }),
    );
    expect(codeOf(() => store.putManifest('team/app', 'v1', other, MediaType.ociManifest))).toBe('412 PRECONDITION');
    expect(codeOf(() => store.putManifest('team/app', 'latest', other, MediaType.ociManifest))).toBe('ok');
    expect(codeOf(() => store.deleteManifest('team/app', 'v1'))).toBe('412 PRECONDITION');
    expect(codeOf(() => store.deleteManifest('team/app', sha(manifest)))).toBe('412 PRECONDITION');
    expect(store.manifest('team/app', 'v1')?.digest).toBe(sha(manifest));
  });

  it('refuses content beyond its limit', () => {
    const store = new RegistryStore(16);
    expect(codeOf(() => store.putBlob('team/app', layer.digest, layer.bytes))).toBe('ok');
    expect(codeOf(() => store.putBlob('team/app', config.digest, config.bytes))).toBe('413 DENIED');
  });
});

describe('UploadSessions', () => {
  const whole = Buffer.from('0123456789abcdef');

  it('takes chunks in order and commits the verified blob', () => {
    const store = new RegistryStore(1024);
    const uploads = new UploadSessions(store);
    const { id } = uploads.start('team/app');
    expect(uploads.append('team/app', id, whole.subarray(0, 10), 0)).toBe(10);
    expect(codeOf(() => uploads.append('team/app', id, whole.subarray(10), 4))).toBe('416 BLOB_UPLOAD_INVALID');
    expect(uploads.size('team/app', id)).toBe(10);
    uploads.complete('team/app', id, sha(whole), whole.subarray(10));
    expect(store.blob('team/app', sha(whole))).toEqual(whole);
    expect(codeOf(() => uploads.size('team/app', id))).toBe('404 BLOB_UPLOAD_UNKNOWN');
  });

  it('refuses a wrong digest and stores nothing', () => {
    const store = new RegistryStore(1024);
    const uploads = new UploadSessions(store);
    const { id } = uploads.start('team/app');
    uploads.append('team/app', id, whole);
    expect(codeOf(() => uploads.complete('team/app', id, sha(Buffer.from('other')), Buffer.alloc(0)))).toBe(
      '400 DIGEST_INVALID',
    );
    expect(store.bytesStored).toBe(0);
    expect(store.room).toBe(1024);
  });

  it('counts chunks in flight against the limit, and frees them when cancelled or expired', () => {
    let now = 0;
    const store = new RegistryStore(20);
    const uploads = new UploadSessions(store, { now: () => now, expiryMs: 1000 });
    const a = uploads.start('team/app');
    uploads.append('team/app', a.id, whole);
    const b = uploads.start('team/app');
    expect(codeOf(() => uploads.append('team/app', b.id, whole))).toBe('413 DENIED');
    uploads.cancel('team/app', a.id);
    expect(codeOf(() => uploads.append('team/app', b.id, whole))).toBe('ok');
    now = 5000;
    expect(codeOf(() => uploads.size('team/app', b.id))).toBe('404 BLOB_UPLOAD_UNKNOWN');
    expect(store.room).toBe(20);
  });

  it('keeps a session to its repository', () => {
    const uploads = new UploadSessions(new RegistryStore(1024));
    const { id } = uploads.start('team/app');
    expect(codeOf(() => uploads.size('team/other', id))).toBe('404 BLOB_UPLOAD_UNKNOWN');
  });
});
