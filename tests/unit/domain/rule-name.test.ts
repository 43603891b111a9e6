// 名称: lowercase letters, digits, `-` `.` `_`; starts with a letter or digit.
import { describe, expect, it } from 'vitest';
import { RULE_NAME_MAX_LENGTH, ruleNameProblem } from '../../../src-main/domain/rule-name.js';
import { isRuleName } from '../../../src-main/sandbox/names.js';

describe('ruleNameProblem', () => {
  it.each(['a', '0', 'sync-prod', 'a.b_c-d', '9lives', 'x'.repeat(RULE_NAME_MAX_LENGTH), 'a-', 'a..b'])(
    'takes %s',
    (name) => {
      expect(ruleNameProblem(name)).toBeUndefined();
    },
  );

  it.each([
    ['', 'rule.nameRequired'],
    ['Sync', 'rule.nameChars'],
    ['sync prod', 'rule.nameChars'],
    [' sync', 'rule.nameChars'],
    ['sync/prod', 'rule.nameChars'],
    ['同步', 'rule.nameChars'],
    ['sync*', 'rule.nameChars'],
    ['-sync', 'rule.nameStart'],
    ['.sync', 'rule.nameStart'],
    ['_sync', 'rule.nameStart'],
    ['x'.repeat(RULE_NAME_MAX_LENGTH + 1), 'rule.nameTooLong'],
  ])('refuses %j with %s', (name, key) => {
    expect(ruleNameProblem(name)).toBe(key);
  });

  it('agrees with the sandbox, which refuses what the cloud refuses', () => {
    for (const name of ['', 'a', 'A', '-a', 'a-', 'a b', 'x'.repeat(60), 'x'.repeat(61), 'ok.name_1-2']) {
      expect(ruleNameProblem(name) === undefined).toBe(isRuleName(name));
    }
  });
});
