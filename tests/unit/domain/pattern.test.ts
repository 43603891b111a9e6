import { describe, expect, it } from 'vitest';
import { checkPattern, matchPattern, PatternError, patternWarnings } from '../../../src-main/domain/pattern.js';

describe('matchPattern: Harbor doublestar semantics (reference examples)', () => {
  it.each([
    ['', 'anything/at/all', true],
    ['*', 'library', true],
    ['*', 'library/hello-world', false],
    ['**', 'library/hello-world', true],
    ['1.?', '1.0', true],
    ['1.?', '1.01', false],
    ['v2.[4-6].*', 'v2.4.0', true],
    ['v2.[4-6].*', 'v2.7.0', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a/**', 'a/b', true],
    ['a/**', 'a/b/c', true],
    ['a/**', 'a', false],
    ['**/c', 'c', true],
    ['**/c', 'x/y/c', true],
    ['**/c', 'x/y/d', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['abc**', 'abcdef', true],
    ['abc**', 'abc/def', false],
    ['{library,harbor}/**', 'harbor/core', true],
    ['{library,harbor}/**', 'other/core', false],
    ['{a/b,c}', 'a/b', true],
    ['{a,{b,c}d}', 'cd', true],
    ['[^x]y', 'zy', true],
    ['[^x]y', 'xy', false],
    ['[!x]y', 'xy', false],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['?', '/', false],
    ['prod-*', 'prod-', true],
    ['release-1.0', 'release-1x0', false],
  ])('%j vs %j → %s', (pattern, value, expected) => {
    expect(matchPattern(pattern, value)).toBe(expected);
  });

  it('matches the whole string, not a part of it', () => {
    expect(matchPattern('lib', 'library')).toBe(false);
    expect(matchPattern('brary', 'library')).toBe(false);
  });

  it('treats regex: patterns as an unanchored RE2 search', () => {
    expect(matchPattern('regex:^v1\\.', 'v1.2')).toBe(true);
    expect(matchPattern('regex:beta', 'v2-beta-1')).toBe(true);
    expect(matchPattern('regex:^v1\\.', 'v2.1')).toBe(false);
  });
});

describe('malformed patterns are errors, never "matches nothing"', () => {
  it.each([
    ['[]a]', 'empty-class'],
    ['[-]', 'bad-range'],
    ['[x-]', 'bad-range'],
    ['[z-a]', 'bad-range'],
    ['[abc', 'unclosed-class'],
    ['{a,b', 'unclosed-brace'],
    ['a}', 'unopened-brace'],
    ['abc\\', 'trailing-escape'],
    ['regex:(', 'bad-regex'],
    ['regex:(?=x)', 'bad-regex'],
  ])('%j → %s', (pattern, reason) => {
    expect(() => matchPattern(pattern, 'x')).toThrow(PatternError);
    expect(checkPattern(pattern)?.reason).toBe(reason);
  });

  it('says where the problem is', () => {
    expect(checkPattern('v1.[abc')?.message).toContain('position 4');
    expect(checkPattern('v1.[abc')?.position).toBe(3);
  });

  it('refuses a pattern whose alternatives explode', () => {
    expect(checkPattern('{a,b,c,d}'.repeat(6))?.reason).toBe('too-many-alternatives');
  });

  it('accepts well-formed patterns', () => {
    for (const p of ['', '*', '**', 'a/**', '[a-z]*', '[\\]]', '{a,b}/[0-9]?', 'regex:^v\\d+']) {
      expect(checkPattern(p)).toBeNull();
    }
  });
});

describe('patternWarnings', () => {
  it('warns on a regular expression typed by habit', () => {
    expect(patternWarnings('.*', 'tag')).toContain('looks-like-regex');
    expect(patternWarnings('^v1', 'tag')).toContain('looks-like-regex');
    expect(patternWarnings('v1.*', 'tag')).toContain('looks-like-regex');
  });
  it('warns on ** glued to text and on a name filter without namespace', () => {
    expect(patternWarnings('abc**', 'tag')).toContain('globstar-in-component');
    expect(patternWarnings('nginx', 'name')).toContain('name-without-namespace');
    expect(patternWarnings('library/**', 'name')).toEqual([]);
    expect(patternWarnings('regex:.*', 'name')).toEqual([]);
  });
});
