import { randomBytes } from 'node:crypto';
import { ApiError, notFound } from '../api-error.js';
import { byOffset } from '../paging.js';
import { isoTime } from '../time-format.js';
import type { SandboxInstance, SandboxToken } from '../types.js';
import type { ActionHandlers } from './context.js';

/** Long-term tokens do not expire by time; the cloud reports a far-future expiry for them. */
export const LONGTERM_EXPIRES_AT = Date.UTC(2099, 11, 31, 15, 59, 59);
const TEMP_TOKEN_LIFETIME_MS = 3600 * 1000;

export function newTokenSecret(): string {
  const part = (n: number) => randomBytes(n).toString('base64url');
  return `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${part(96)}.${part(64)}`;
}

export function newTokenId(): string {
  const alphabet = 'abcdefghijklmnopqrstuv0123456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

function longTermToken(instance: SandboxInstance, tokenId: string): SandboxToken {
  const token = instance.tokens.find((t) => t.id === tokenId && t.kind === 'longterm');
  if (!token) throw notFound(`Access token ${tokenId} of instance ${instance.registryId}`);
  return token;
}

export const tokenActions: ActionHandlers<
  'CreateInstanceToken' | 'DescribeInstanceToken' | 'ModifyInstanceToken' | 'DeleteInstanceToken'
> = {
  CreateInstanceToken: (params, { state, account, region, now }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const kind = params.TokenType ?? 'temp';
    const id = newTokenId();
    const token: SandboxToken = {
      id,
      token: newTokenSecret(),
      username: kind === 'longterm' ? `tcr$${id}` : account.uin,
      desc: params.Desc ?? '',
      kind,
      enabled: true,
      createdAt: now,
      expiresAt: kind === 'longterm' ? LONGTERM_EXPIRES_AT : now + TEMP_TOKEN_LIFETIME_MS,
    };
    instance.tokens.push(token);
    return {
      Username: token.username,
      Token: token.token,
      ExpTime: token.expiresAt,
      ...(kind === 'longterm' ? { TokenId: id } : {}),
    };
  },

  DescribeInstanceToken: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const tokens = instance.tokens.filter((t) => t.kind === 'longterm');
    return {
      TotalCount: tokens.length,
      Tokens: byOffset(tokens, params.Offset, params.Limit ?? 20).map((t) => ({
        Id: t.id,
        Desc: t.desc,
        RegistryId: instance.registryId,
        Enabled: t.enabled,
        CreatedAt: isoTime(t.createdAt),
        ExpiredAt: t.expiresAt,
      })),
    };
  },

  ModifyInstanceToken: (params, { state, account, region }) => {
    const token = longTermToken(state.ownInstance(account, params.RegistryId, region), params.TokenId);
    if ((params.ModifyFlag ?? 2) === 2) {
      if (params.Enable === undefined) {
        throw new ApiError('MissingParameter', 'The request is missing a required parameter `Enable`.');
      }
      token.enabled = params.Enable;
    } else {
      if (params.Desc === undefined) {
        throw new ApiError('MissingParameter', 'The request is missing a required parameter `Desc`.');
      }
      token.desc = params.Desc;
    }
    return {};
  },

  DeleteInstanceToken: (params, { state, account, region }) => {
    const instance = state.ownInstance(account, params.RegistryId, region);
    const token = longTermToken(instance, params.TokenId);
    instance.tokens = instance.tokens.filter((t) => t !== token);
    return {};
  },
};
