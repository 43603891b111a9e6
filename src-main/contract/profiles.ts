import { z } from 'zod';
import { byId, none, typed } from './result.js';
import { tccliDeleteSchema, tccliImportSchema, type TccliImported, type TccliScan } from './tccli.js';
import type { ConnectionTest } from './cloud.js';

/** Regions a profile can default to (TCR Enterprise regions; the list grows with the cloud's). */
export const regionIds = [
  'ap-guangzhou',
  'ap-shanghai',
  'ap-nanjing',
  'ap-beijing',
  'ap-chengdu',
  'ap-chongqing',
  'ap-hongkong',
  'ap-singapore',
  'ap-bangkok',
  'ap-jakarta',
  'ap-seoul',
  'ap-tokyo',
  'ap-mumbai',
  'na-siliconvalley',
  'na-ashburn',
  'eu-frankfurt',
  'sa-saopaulo',
] as const;
export type RegionId = (typeof regionIds)[number];

export const profileColours = ['blue', 'green', 'orange', 'purple', 'red', 'teal', 'grey'] as const;
export type ProfileColour = (typeof profileColours)[number];

export const DEFAULT_ENDPOINT = 'tcr.tencentcloudapi.com';

/**
 * Messages are message keys (`field.problem`); the renderer turns them into text in the user's
 * language, next to the field.
 */
/** C0 and C1 control characters (NUL, escape sequences, …): never part of a name a person reads. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

const displayName = z
  .string()
  .trim()
  .min(1, { error: 'name.required' })
  .max(64, { error: 'name.tooLong' })
  .refine((name) => !CONTROL_CHARACTERS.test(name), { error: 'name.control' });

const uin = z.string().trim().max(20, { error: 'uin.tooLong' }).regex(/^\d*$/, { error: 'uin.digits' });

const endpoint = z
  .string()
  .trim()
  .min(1, { error: 'endpoint.required' })
  .max(253, { error: 'endpoint.invalid' })
  .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, { error: 'endpoint.invalid' });

export const secretIdSchema = z
  .string()
  .min(1, { error: 'secretId.required' })
  .max(128, { error: 'secretId.tooLong' })
  .regex(/^\S+$/, { error: 'secretId.whitespace' });

export const secretKeySchema = z
  .string()
  .min(1, { error: 'secretKey.required' })
  .max(128, { error: 'secretKey.tooLong' })
  .regex(/^\S+$/, { error: 'secretKey.whitespace' });

export const profileFieldsSchema = z.object({
  name: displayName,
  uin,
  region: z.enum(regionIds, { error: 'region.invalid' }),
  endpoint,
  colour: z.enum(profileColours, { error: 'colour.invalid' }),
  /**
   * A production account: a change to a rule from or to it must be confirmed by typing the rule's
   * name (the production guard). Absent on create = `false`; absent on update = unchanged.
   */
  production: z.boolean({ error: 'production.invalid' }).optional(),
});

export const profileCreateSchema = profileFieldsSchema.extend({
  secretId: secretIdSchema,
  secretKey: secretKeySchema,
});
export type ProfileCreate = z.input<typeof profileCreateSchema>;

/** Keys are optional on update; giving both rotates them. */
export const profileUpdateSchema = profileFieldsSchema
  .extend({
    id: z.uuid({ error: 'id.invalid' }),
    secretId: secretIdSchema.optional(),
    secretKey: secretKeySchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.secretId !== undefined && v.secretKey === undefined) {
      ctx.addIssue({ code: 'custom', path: ['secretKey'], message: 'secretKey.required' });
    }
    if (v.secretKey !== undefined && v.secretId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['secretId'], message: 'secretId.required' });
    }
  });
export type ProfileUpdate = z.input<typeof profileUpdateSchema>;

/** What `profiles:check` receives: a draft being typed, keys optional, id when editing. */
export const profileCheckSchema = z.object({
  id: z.string().optional(),
  name: z.string().max(1000),
  uin: z.string().max(1000),
  region: z.string().max(100),
  endpoint: z.string().max(2000),
  colour: z.string().max(100),
  production: z.boolean().optional(),
  secretId: z.string().max(1000).optional(),
  secretKey: z.string().max(1000).optional(),
});
export type ProfileCheck = z.input<typeof profileCheckSchema>;

export interface ProfileCheckResult {
  errors: Record<string, string>;
  warnings: Record<string, string>;
}

/** A profile as the renderer sees it: never a secret, the SecretId only masked. */
export interface ProfileView {
  id: string;
  name: string;
  uin: string;
  region: RegionId;
  endpoint: string;
  colour: ProfileColour;
  /** Marked as a production account: rule changes from or to it are confirmed by typing the rule's name. */
  production: boolean;
  secretIdMasked: string;
  /** `sandbox`: a demo account of the embedded sandbox; its keys are the sandbox's, not the keychain's. */
  source: 'manual' | 'tccli' | 'sandbox';
  createdAt: string;
  updatedAt: string;
  /** When the keys were last saved (created or rotated); "" in files from before it was kept. */
  keysUpdatedAt: string;
}

/** Account profiles: the list, edits, Test connection and import from the Tencent Cloud CLI. */
export const profileChannels = {
  'profiles:list': { input: none, output: typed<ProfileView[]>() },
  'profiles:check': { input: profileCheckSchema, output: typed<ProfileCheckResult>() },
  'profiles:create': { input: profileCreateSchema, output: typed<ProfileView>() },
  'profiles:update': { input: profileUpdateSchema, output: typed<ProfileView>() },
  'profiles:delete': { input: byId, output: typed<null>() },
  'profiles:test': { input: byId, output: typed<ConnectionTest>() },
  'profiles:cancelTest': { input: byId, output: typed<null>() },
  'tccli:scan': { input: none, output: typed<TccliScan>() },
  'tccli:import': { input: tccliImportSchema, output: typed<TccliImported[]>() },
  'tccli:deletePlaintext': { input: tccliDeleteSchema, output: typed<null>() },
} as const;

export const profileEvents = {
  'profiles:changed': typed<ProfileView[]>(),
} as const;
