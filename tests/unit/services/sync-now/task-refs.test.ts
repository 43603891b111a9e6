// The artifact a task names, for Retry failed: this computer's `ns/repo:tag` and the cloud's
// strings with the instance's domain first; anything else is not an artifact.
import { describe, expect, it } from 'vitest';
import { parseArtifactRef } from '../../../../src-main/services/sync-now/task-refs.js';

describe('parseArtifactRef', () => {
  it('reads namespace/repository:tag, deeper repositories included', () => {
    expect(parseArtifactRef('team/app:v1.2')).toEqual({ repo: 'team/app', tag: 'v1.2' });
    expect(parseArtifactRef('team/tools/helm-chart:0.2.0')).toEqual({ repo: 'team/tools/helm-chart', tag: '0.2.0' });
  });

  it('drops the instance domain (with or without a port) the cloud may put first', () => {
    expect(parseArtifactRef('acme-prod.tencentcloudcr.com/team/app:v1')).toEqual({ repo: 'team/app', tag: 'v1' });
    expect(parseArtifactRef('127.0.0.1:5000/team/app:v1')).toEqual({ repo: 'team/app', tag: 'v1' });
    expect(parseArtifactRef('localhost/team/app:v1')).toEqual({ repo: 'team/app', tag: 'v1' });
  });

  it('refuses what names no tagged repository', () => {
    for (const bad of [
      '',
      'app:v1', // no namespace
      'team/app', // no tag
      'team/app@sha256:abc',
      'Team/App:v1', // repositories are lower case
      'team/app:-bad',
      'team/../app:v1',
      `team/app:${'x'.repeat(200)}`,
      `${'a/'.repeat(300)}b:v1`,
    ]) {
      expect(parseArtifactRef(bad), bad).toBeUndefined();
    }
  });
});
