// The sandbox as a registry's Bearer token service, as TCR's Harbor core: docker-registry trusts
// the sandbox's certificate, skopeo logs in with an instance token made by CreateInstanceToken,
// a disabled or wrong token is refused, and a backed instance reads the registry with one.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/index.js';
import { helmChart, image, writeLayout } from './helpers/oci-layout.js';
import { instanceNamed, tcrClient } from './helpers/sandbox-sdk.js';
import {
  skopeoDigestAs,
  skopeoPushAs,
  startSandboxTokenRegistry,
  type SandboxTokenRegistry,
} from './helpers/sandbox-token-registry.js';

const app = image([Buffer.from('app layer\n')], { label: 'app' });
const chart = helmChart('mychart', '0.2.0');

let sandbox: RunningSandbox;
let registry: SandboxTokenRegistry;
let registryId: string;
let layout: string;

const client = () => tcrClient(sandbox, 0, 'ap-guangzhou');

async function instanceToken(kind: 'longterm' | 'temp') {
  const made = await client().CreateInstanceToken({ RegistryId: registryId, TokenType: kind });
  return { username: made.Username!, password: made.Token!, tokenId: made.TokenId };
}

beforeAll(async () => {
  sandbox = await startSandbox({ runTimeMs: 100 });
  registryId = instanceNamed(sandbox, 'acme-prod-gz').registryId;
  registry = await startSandboxTokenRegistry(sandbox, registryId);
  layout = await writeLayout([
    { tag: 'app', top: app },
    { tag: 'chart', top: chart },
  ]);
}, 60_000);

afterAll(async () => {
  await registry.stop();
  await sandbox.close();
  await rm(layout, { recursive: true, force: true });
});

describe('the sandbox as the token service', () => {
  it('lets skopeo push and read with a temporary instance token', async () => {
    const temp = await instanceToken('temp');
    await skopeoPushAs(layout, 'app', registry.host, 'ns/app:v1', temp);
    await skopeoPushAs(layout, 'chart', registry.host, 'charts/mychart:0.2.0', temp);
    expect(await skopeoDigestAs(registry.host, 'ns/app:v1', temp)).toBe(app.digest);
  });

  it('refuses a wrong token, another instance’s token and a disabled long-term token', async () => {
    const longterm = await instanceToken('longterm');
    expect(await skopeoDigestAs(registry.host, 'ns/app:v1', longterm)).toBe(app.digest);
    await expect(
      skopeoDigestAs(registry.host, 'ns/app:v1', { username: longterm.username, password: 'wrong' }),
    ).rejects.toThrow(/unauthorized|401|authentication/i);
    const dev = instanceNamed(sandbox, 'acme-dev-gz').registryId;
    const elsewhere = await client().CreateInstanceToken({ RegistryId: dev, TokenType: 'temp' });
    await expect(
      skopeoDigestAs(registry.host, 'ns/app:v1', { username: elsewhere.Username!, password: elsewhere.Token! }),
    ).rejects.toThrow(/unauthorized|401|authentication/i);
    await client().ModifyInstanceToken({ RegistryId: registryId, TokenId: longterm.tokenId!, Enable: false });
    await expect(skopeoDigestAs(registry.host, 'ns/app:v1', longterm)).rejects.toThrow(
      /unauthorized|401|authentication/i,
    );
  });

  it('gives an anonymous caller a token that grants nothing', async () => {
    const challenge = await fetch(`${registry.url}/v2/ns/app/tags/list`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(`realm="${sandbox.endpoint}/service/token"`);
    const reply = await fetch(`${sandbox.endpoint}/service/token?service=${registryId}&scope=repository:ns/app:pull`);
    const { token } = (await reply.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { access: unknown[] };
    expect(claims.access).toEqual([]);
    const denied = await fetch(`${registry.url}/v2/ns/app/tags/list`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(denied.status).toBe(401);
  });

  it('backs the instance: its lists read the registry through an instance token', async () => {
    const { username, password } = await instanceToken('longterm');
    await sandbox.attachRegistry({ registryId, url: registry.url, username, password });
    const repositories = await client().DescribeRepositories({ RegistryId: registryId });
    expect(repositories.RepositoryList?.map((r) => r.Name).sort()).toEqual(['charts/mychart', 'ns/app']);
    const images = await client().DescribeImages({
      RegistryId: registryId,
      NamespaceName: 'charts',
      RepositoryName: 'mychart',
    });
    expect(images.ImageInfoList).toMatchObject([{ ImageVersion: '0.2.0', Digest: chart.digest, Kind: 'chart' }]);
  });
});
