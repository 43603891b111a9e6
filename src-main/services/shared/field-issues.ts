import type { z } from 'zod';
import type { FieldIssues } from '../../contract/index.js';

/** zod issues → `{field: messageKey}`, first issue per field wins. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssues {
  const fields: FieldIssues = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    const key = /^[a-zA-Z]+\.[a-zA-Z]+$/.test(issue.message) ? issue.message : 'input.invalid';
    fields[field] ??= key;
  }
  return fields;
}
