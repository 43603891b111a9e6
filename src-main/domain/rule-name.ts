// A sync rule's name (名称): the rule's key on its source instance; it cannot be renamed.

/** The sandbox refuses longer names too (sandbox/names.ts); the console's form stops there. */
export const RULE_NAME_MAX_LENGTH = 60;

/**
 * The first problem of a rule name, as a message key, or undefined when the cloud takes it:
 * lowercase letters, digits and `-` `.` `_`, starting with a letter or digit. The name is checked
 * as typed: surrounding spaces are a problem to show, not something to trim silently.
 */
export function ruleNameProblem(name: string): string | undefined {
  if (name === '') return 'rule.nameRequired';
  if (!/^[a-z0-9._-]*$/.test(name)) return 'rule.nameChars';
  if (!/^[a-z0-9]/.test(name)) return 'rule.nameStart';
  if (name.length > RULE_NAME_MAX_LENGTH) return 'rule.nameTooLong';
  return undefined;
}
