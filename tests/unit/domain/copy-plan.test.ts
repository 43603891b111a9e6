import { describe, expect, it } from 'vitest';
import { decideArtifact, manifestPushOrder, uniqueBy } from '../../../src-main/domain/copy-plan.js';

const a = `sha256:${'a'.repeat(64)}`;
const b = `sha256:${'b'.repeat(64)}`;
const c = `sha256:${'c'.repeat(64)}`;

describe('decideArtifact', () => {
  it('copies when the target has no such tag, whatever override says', () => {
    expect(decideArtifact(a, undefined, false)).toBe('copy');
    expect(decideArtifact(a, undefined, true)).toBe('copy');
  });
  it('sends nothing when the target tag already names the same digest', () => {
    expect(decideArtifact(a, a, false)).toBe('unchanged');
    expect(decideArtifact(a, a, true)).toBe('unchanged');
  });
  it('keeps a different target tag unless overriding is allowed', () => {
    expect(decideArtifact(a, b, false)).toBe('kept');
    expect(decideArtifact(a, b, true)).toBe('copy');
  });
});

describe('manifestPushOrder', () => {
  it('pushes the tag manifest alone when there are no children', () => {
    expect(manifestPushOrder(a, [])).toEqual([a]);
  });
  it('pushes each child once, in index order, and the index last', () => {
    expect(manifestPushOrder(a, [b, c, b])).toEqual([b, c, a]);
  });
  it('never pushes the index before itself when it names its own digest', () => {
    expect(manifestPushOrder(a, [a, b])).toEqual([b, a]);
  });
});

describe('uniqueBy', () => {
  it('keeps the first of each key in order', () => {
    const blobs = [
      { digest: b, size: 1 },
      { digest: a, size: 2 },
      { digest: b, size: 3 },
    ];
    expect(uniqueBy(blobs, (x) => x.digest)).toEqual([
      { digest: b, size: 1 },
      { digest: a, size: 2 },
    ]);
  });
});
