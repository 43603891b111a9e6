import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { sts } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/index.js';
import { tcr } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/index.js';
import type { TcrService } from './actions.js';
import { resolveEndpoint } from './endpoint.js';
import type { AccessKeys } from '../domain/access-keys.js';

/** The part of the SDK's client the gateway uses: the generic call, which takes an AbortSignal. */
export interface SdkClient {
  request(action: string, req: object, options: { signal: AbortSignal }): Promise<unknown>;
}

export interface ClientKey {
  service: TcrService;
  profileId: string;
  region: string;
  endpoint: string;
}

/** The SDK's own timeout is only a backstop: the gateway's per-call deadline fires first. */
const SDK_TIMEOUT_SECONDS = 300;

function fingerprint(credentials: AccessKeys): string {
  // Only a digest is kept next to the client, so that changed keys get a new client.
  return createHash('sha256').update(`${credentials.secretId}\0${credentials.secretKey}`).digest('hex');
}

/** One SDK client per (service, profile, region, endpoint, key pair), made on first use. */
export class SdkClientCache {
  readonly #clients = new Map<string, { fingerprint: string; client: SdkClient }>();
  // Loopback calls get their own agent: an http_proxy from the environment must not catch them.
  readonly #loopbackAgent = new Agent({ keepAlive: true, timeout: 4000 });

  get(key: ClientKey, credentials: AccessKeys): SdkClient {
    const id = [key.service, key.profileId, key.region, key.endpoint].join('\n');
    const print = fingerprint(credentials);
    const cached = this.#clients.get(id);
    if (cached?.fingerprint === print) return cached.client;
    const client = this.#create(key, credentials);
    this.#clients.set(id, { fingerprint: print, client });
    return client;
  }

  /** Drops a profile's clients (its keys changed or it was removed). */
  forget(profileId: string): void {
    for (const id of this.#clients.keys()) {
      if (id.split('\n')[1] === profileId) this.#clients.delete(id);
    }
  }

  close(): void {
    this.#clients.clear();
    this.#loopbackAgent.destroy();
  }

  #create(key: ClientKey, credential: AccessKeys): SdkClient {
    const endpoint = resolveEndpoint(key.endpoint, key.service);
    const config = {
      credential: { secretId: credential.secretId, secretKey: credential.secretKey },
      region: key.region,
      profile: {
        httpProfile: {
          protocol: endpoint.protocol,
          endpoint: endpoint.host,
          reqTimeout: SDK_TIMEOUT_SECONDS,
          ...(endpoint.loopback ? { agent: this.#loopbackAgent } : {}),
        },
      },
    };
    return key.service === 'sts' ? new sts.v20180813.Client(config) : new tcr.v20190924.Client(config);
  }
}
