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
