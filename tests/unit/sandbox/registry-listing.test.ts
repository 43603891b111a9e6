// The pure pieces of a registry-backed instance: Link paging, the Bearer challenge, the
// namespace split and what DescribeImages says of a manifest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../src-main/domain/oci-manifest.js';
import {
  bearerChallenge,
  nextPageUrl,
  splitRepository,
  summarizeManifest,
} from '../../../src-main/sandbox/registry-listing.js';

const digest = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const descriptor = (mediaType: string, size: number) => ({ mediaType, digest: digest(`${mediaType}${size}`), size });

describe('nextPageUrl', () => {
  const base = 'http://127.0.0.1:5000/v2/_catalog?n=2';
  it('follows a relative next link on the same registry', () => {
    expect(nextPageUrl('</v2/_catalog?last=b&n=2>; rel="next"', base)).toBe(
      'http://127.0.0.1:5000/v2/_catalog?last=b&n=2',
    );
  });
  it('stops without a link, without rel=next, or towards another host (the credentials stay home)', () => {
    expect(nextPageUrl(null, base)).toBeUndefined();
    expect(nextPageUrl('</v2/_catalog?last=b>; rel="prev"', base)).toBeUndefined();
    expect(nextPageUrl('<http://evil.example/v2/_catalog?last=b>; rel="next"', base)).toBeUndefined();
  });
});

describe('bearerChallenge', () => {
  it('reads realm and service', () => {
    expect(bearerChallenge('Bearer realm="http://127.0.0.1:1/token",service="reg",scope="x"')).toEqual({
      realm: 'http://127.0.0.1:1/token',
      service: 'reg',
    });
  });
  it('is undefined for Basic, none, or a realm that is no http(s) URL', () => {
    expect(bearerChallenge('Basic realm="test"')).toBeUndefined();
    expect(bearerChallenge(null)).toBeUndefined();
    expect(bearerChallenge('Bearer realm="file:///etc/passwd"')).toBeUndefined();
  });
});

describe('splitRepository', () => {
  it('takes the first path component as the namespace', () => {
    expect(splitRepository('team/tools/multi')).toEqual({ namespace: 'team', repository: 'tools/multi' });
    expect(splitRepository('ns/app')).toEqual({ namespace: 'ns', repository: 'app' });
  });
  it('has no namespace for a one-component name', () => {
    expect(splitRepository('alpine')).toBeUndefined();
  });
});

describe('summarizeManifest', () => {
  it('sizes an image as the manifest plus its config and layers', () => {
    const bytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptor('application/vnd.oci.image.config.v1+json', 100),
        layers: [descriptor('application/vnd.oci.image.layer.v1.tar+gzip', 1000)],
      }),
    );
    expect(summarizeManifest(bytes)).toEqual({ kind: 'image', size: bytes.length + 1100 });
  });
  it('calls a Helm chart a chart, and an index an image sized by its manifests', () => {
    const chart = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        config: descriptor('application/vnd.cncf.helm.config.v1+json', 10),
        layers: [descriptor('application/vnd.cncf.helm.chart.content.v1.tar+gzip', 20)],
      }),
    );
    expect(summarizeManifest(chart)).toEqual({ kind: 'chart', size: chart.length + 30 });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [descriptor('application/vnd.oci.image.manifest.v1+json', 500)],
      }),
    );
    expect(summarizeManifest(index)).toEqual({ kind: 'image', size: index.length + 500 });
  });
  it('refuses what is not a manifest', () => {
    expect(() => summarizeManifest(Buffer.from('not json'))).toThrow(ManifestError);
  });
});
