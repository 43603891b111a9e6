import type { z } from 'zod';
import { ApiError } from './api-error.js';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function parameterName(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Parses an action's parameters and turns the first problem into the cloud's error:
 * absent → MissingParameter, wrong JSON type → InvalidParameter, bad value → InvalidParameterValue,
 * unexpected field → UnknownParameter; the message names the parameter.
 */
export function parseParameters<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ApiError('InvalidParameter', 'The request parameters are invalid.');
  const name = parameterName(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (name ? `${name}.${k}` : k));
    throw new ApiError('UnknownParameter', `The parameter \`${keys.join('`, `')}\` is not recognized.`);
  }
  if (issue.code === 'invalid_type') {
    if (valueAt(input, issue.path) === undefined) {
      throw new ApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
    }
    if (issue.expected === 'int') {
      throw new ApiError('InvalidParameterValue', `The value of parameter \`${name}\` must be an integer.`);
    }
    throw new ApiError('InvalidParameter', `The parameter \`${name}\` must be of type ${issue.expected}.`);
  }
  throw new ApiError('InvalidParameterValue', `The value of parameter \`${name}\` is invalid: ${issue.message}`);
}
