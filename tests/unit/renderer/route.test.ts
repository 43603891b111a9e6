// The screen shown lives in the URL's fragment, beside the browser host's token.
import { describe, expect, it } from 'vitest';
import { hashFor, takeToken, viewFromHash } from '../../../src-renderer/lib/route.js';

describe('the screen in the URL', () => {
  it('reads the screen a fragment names, and nothing else', () => {
    expect(viewFromHash('#/instances')).toBe('instances');
    expect(viewFromHash('#/settings&token=abc')).toBe('settings');
    expect(viewFromHash('#accounts')).toBe('accounts');
    expect(viewFromHash('#token=abc')).toBeUndefined();
    expect(viewFromHash('#/nowhere')).toBeUndefined();
    expect(viewFromHash('')).toBeUndefined();
    expect(viewFromHash(hashFor('settings'))).toBe('settings');
  });

  it('takes the token out of the fragment and keeps the screen', () => {
    expect(takeToken('#token=abc')).toEqual({ token: 'abc', rest: '' });
    expect(takeToken('#/instances&token=a%2Bb')).toEqual({ token: 'a+b', rest: '#/instances' });
    expect(takeToken('#token=abc&/settings')).toEqual({ token: 'abc', rest: '#/settings' });
    expect(takeToken('#/instances')).toEqual({ token: undefined, rest: '#/instances' });
  });
});
