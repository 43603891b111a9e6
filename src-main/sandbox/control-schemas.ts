import { z } from 'zod';
import { isRepositoryName, isTag } from './names.js';

const registryId = z.string().min(1);
const namespace = z.string().min(1);
const repository = z.string().refine(isRepositoryName, 'must be a repository path of lowercase components');
const tag = z.string().refine(isTag, 'must be a valid tag');

export const pushInputSchema = z.strictObject({
  registryId,
  namespace,
  repository,
  tag,
  kind: z.enum(['image', 'chart']),
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional(),
  size: z.number().int().min(1).optional(),
});

export const deleteInputSchema = z.strictObject({ registryId, namespace, repository, tag });

export const deleteInstanceSchema = z.strictObject({ registryId });

/** Runs one rule now, as the console's 触发同步: by its id or its name on the source instance. */
export const runRuleInputSchema = z
  .strictObject({
    registryId,
    ruleId: z.number().int().min(1).optional(),
    ruleName: z.string().min(1).max(200).optional(),
  })
  .refine((input) => (input.ruleId === undefined) !== (input.ruleName === undefined), {
    error: 'give either ruleId or ruleName',
  });

/** Backs an instance with a real registry (its content lists then come from there). */
export const attachRegistryInputSchema = z.strictObject({
  registryId,
  url: z
    .string()
    .max(2000)
    .refine((value) => /^https?:\/\/[^/?#@]+\/?$/.test(value) && URL.canParse(value), 'must be http(s)://host[:port]'),
  username: z.string().max(256),
  password: z.string().max(4096),
  /** `n` of the registry's catalog and tag pages (tests use a small one to cross pages). */
  pageSize: z.number().int().min(1).max(1000).optional(),
});
