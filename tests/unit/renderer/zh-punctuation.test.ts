// Chinese text follows Chinese typography: full-width punctuation beside Chinese characters, no
// spaces after it, brackets of one width, no "更新于 现在". Every message of the catalogue is
// checked as written and as shown (its placeholders filled the way the app fills them).
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudErrorView } from '../../../src-main/contract/index.js';
import { cloudErrorText } from '../../../src-renderer/lib/cloud-errors.js';
import { errorText } from '../../../src-renderer/lib/errors.js';
import { formatMessage } from '../../../src-renderer/lib/i18n/format.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';
import { zhCN } from '../../../src-renderer/lib/i18n/zh-CN.js';

afterEach(() => {
  i18n.language = 'en';
});

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** Full-width punctuation that closes or separates (a space never follows or precedes it). */
const FULL = '。，、；：？！（）“”「」《》—…';

/** What is wrong with one Chinese text, as readable lines. */
export function typographyProblems(text: string): string[] {
  const rules: [RegExp, string][] = [
    [new RegExp(`[${FULL}] `), 'a space after full-width punctuation'],
    [new RegExp(` [${FULL}]`), 'a space before full-width punctuation'],
    [new RegExp(`[${HAN}][?!:;,]|[?!:;,][${HAN}]`), 'half-width ? ! : ; , beside Chinese'],
    [new RegExp(`[${HAN}]\\(|\\)[${HAN}]|\\([^()]*[${HAN}][^()]*\\)`), 'half-width brackets around or beside Chinese'],
    [/（[^（）()]*\)|\([^（）()]*）/, 'brackets of two widths'],
    [new RegExp(`[${HAN}] +[${HAN}]`), 'a space between Chinese characters'],
    [/现在/, '“现在” as if it were a time'],
  ];
  return rules.filter(([re]) => re.test(text)).map(([re, why]) => `${why}: ${JSON.stringify(text)} (${String(re)})`);
}

/**
 * How the app fills a placeholder in Chinese: words it writes itself (an age, an operation, a
 * status) in Chinese; what comes from outside (names, files, codes) as it is, here Latin.
 */
const shownParams: Record<string, string | number> = {
  age: '刚刚',
  operation: '保存密钥',
  status: '刚刚更新',
  message: '腾讯云拒绝了该请求。',
  rotate: '更换密钥（密钥轮换）',
  columns: '创建时间、公网域名',
  lang: '简体中文',
  regions: 3,
  count: 2,
  shown: 2,
  total: 5,
  done: 1,
  seconds: 24,
  attempt: 2,
};

describe('the Chinese catalogue', () => {
  it('writes every message with Chinese punctuation and spacing', () => {
    const problems = Object.entries(zhCN).flatMap(([key, text]) => {
      const shown = formatMessage('zh-CN', text, new Proxy(shownParams, { get: (t, k: string) => t[k] ?? 'Prod' }));
      return [...typographyProblems(text), ...typographyProblems(shown)].map((p) => `${key}: ${p}`);
    });
    expect([...new Set(problems)]).toEqual([]);
  });
});

describe('texts the app puts together', () => {
  const refused: CloudErrorView = {
    code: 'AuthFailure.SignatureFailure',
    message: 'The provided credentials could not be validated.',
    requestId: 'r-1',
    kind: 'auth',
  };

  it('wraps a cloud error’s details in brackets of the language', () => {
    i18n.language = 'zh-CN';
    const text = cloudErrorText(refused);
    expect(typographyProblems(text)).toEqual([]);
    expect(text).toBe(
      '密钥被拒绝（AuthFailure.SignatureFailure）。请检查该配置的 SecretId 和 SecretKey。' +
        '（The provided credentials could not be validated. · RequestId：r-1）',
    );
  });

  it('adds an app error’s RequestId the way the language writes it', () => {
    i18n.language = 'zh-CN';
    const text = errorText({ code: 'STORE_FAILED', message: 'x', requestId: 'r-2' });
    expect(text).toBe('应用无法写入数据文件。（RequestId：r-2）');
  });

  it('joins sentences without a space after “。”', () => {
    i18n.language = 'zh-CN';
    expect(i18n.sentences('连接测试失败。', '系统钥匙串已锁定。')).toBe('连接测试失败。系统钥匙串已锁定。');
    i18n.language = 'en';
    expect(i18n.sentences('The connection test failed.', 'Try again.')).toBe('The connection test failed. Try again.');
  });
});
