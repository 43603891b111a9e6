import { DEFAULT_ENDPOINT } from '../contract/index.js';
import type { TcrService } from './actions.js';

export interface ResolvedEndpoint {
  protocol: 'http://' | 'https://';
  /** host[:port], as the SDK's httpProfile.endpoint wants it. */
  host: string;
  /** A plain-http loopback endpoint (the sandbox): never sent through a proxy from the environment. */
  loopback: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/**
 * Where a profile's endpoint sends one service's calls. `tcr.tencentcloudapi.com` (or any
 * `tcr.*.tencentcloudapi.com`) is the cloud, whose STS lives at the same place under `sts.`;
 * a custom or sandbox endpoint serves both services at the same host:port. A URL's scheme is
 * kept (`http://127.0.0.1:PORT`), a bare host means https.
 */
export function resolveEndpoint(endpoint: string, service: TcrService): ResolvedEndpoint {
  const raw = endpoint.trim() || DEFAULT_ENDPOINT;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new RangeError(`Not an endpoint: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`Not an http(s) endpoint: ${raw}`);
  let host = url.host;
  if (service === 'sts' && /^tcr\.([a-z0-9-]+\.)*tencentcloudapi\.com$/i.test(url.hostname)) {
    host = `sts.${host.slice('tcr.'.length)}`;
  }
  return {
    protocol: url.protocol === 'http:' ? 'http://' : 'https://',
    host,
    loopback: url.protocol === 'http:' && LOOPBACK.test(url.hostname),
  };
}
