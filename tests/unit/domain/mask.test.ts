import { describe, expect, it } from 'vitest';
import { maskSecretId } from '../../../src-main/domain/mask.js';
import { isNameTaken, secretIdWarning, uniqueName } from '../../../src-main/domain/profile-rules.js';
import { languageForLocale } from '../../../src-main/domain/locale.js';

describe('maskSecretId', () => {
  it('shows the first and last four characters only', () => {
    expect(maskSecretId('AKIDabcdefghijklmnopqrstuvwxyz123456')).toBe('AKID…3456');
  });
  it('masks short values entirely rather than reveal most of them', () => {
    expect(maskSecretId('AKID12345')).toBe('••••••••');
    expect(maskSecretId('abc')).toBe('•••');
    expect(maskSecretId('')).toBe('');
  });
});

describe('profile rules', () => {
  const existing = [{ id: '1', name: 'Prod Shanghai' }];
  it('treats names that differ only in case or spaces as taken, except by the profile itself', () => {
    expect(isNameTaken(' prod shanghai ', existing)).toBe(true);
    expect(isNameTaken('prod shanghai', existing, '1')).toBe(false);
    expect(isNameTaken('Prod Beijing', existing)).toBe(false);
  });
  it('finds a free name for imports', () => {
    expect(uniqueName('Prod Shanghai', existing)).toBe('Prod Shanghai (2)');
    expect(uniqueName('dev', existing)).toBe('dev');
  });
  it('warns, without refusing, on SecretIds that do not look like Tencent Cloud ones', () => {
    expect(secretIdWarning('AKIDabcdefghijklmnopqrstuvwxyz123456')).toBeUndefined();
    expect(secretIdWarning('LTAI4abcdef')).toBe('secretId.notAkid');
    expect(secretIdWarning('')).toBeUndefined();
  });
});

describe('languageForLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de_DE.UTF-8', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageForLocale(locale)).toBe(language);
  });
});
