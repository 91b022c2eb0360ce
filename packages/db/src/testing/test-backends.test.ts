import { describe, expect, it } from 'vitest';
import { postgresSource } from './test-backends.js';

describe('postgresSource', () => {
  it('prefers TEST_DATABASE_URL over installed binaries', () => {
    expect(
      postgresSource({ TEST_DATABASE_URL: 'postgresql://a@127.0.0.1/b' }, '/usr/lib/postgresql/15/bin'),
    ).toEqual({
      kind: 'url',
      url: 'postgresql://a@127.0.0.1/b',
    });
  });

  it('starts a throwaway cluster from the binaries otherwise', () => {
    expect(postgresSource({ CI: 'true' }, '/usr/lib/postgresql/15/bin')).toEqual({
      kind: 'binaries',
      binDir: '/usr/lib/postgresql/15/bin',
    });
  });

  it('skips with a reason on a developer machine without PostgreSQL', () => {
    expect(postgresSource({}, null)).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/TEST_DATABASE_URL/),
    });
    expect(postgresSource({ CI: 'false', TEST_DATABASE_URL: '' }, null).kind).toBe('skip');
  });

  it('fails under CI=true without PostgreSQL, naming the fix', () => {
    expect(postgresSource({ CI: 'true' }, null)).toMatchObject({
      kind: 'fail',
      reason: expect.stringMatching(/\.ci\/postgres\.sh/),
    });
  });
});
