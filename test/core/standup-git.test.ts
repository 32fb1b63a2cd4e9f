import { describe, expect, test } from 'vitest';
import { taskIdsIn } from '../../src/core/standup.js';
import { parseGitLog } from '../../src/plan/git-log.js';

const TASKS = new Set(['plugin-registry', 'auth-state', 'v1.2-migration', 'cache_ops']);

describe('taskIdsIn', () => {
  test('matches task ids as whole words, in order of first mention', () => {
    expect(taskIdsIn('auth-state: fix token refresh (see plugin-registry, auth-state)', TASKS)).toEqual(['auth-state', 'plugin-registry']);
    expect(taskIdsIn('Finish plugin-registry.', TASKS)).toEqual(['plugin-registry']);
    expect(taskIdsIn('[plugin-registry] and "cache_ops"', TASKS)).toEqual(['plugin-registry', 'cache_ops']);
    expect(taskIdsIn('ship v1.2-migration now', TASKS)).toEqual(['v1.2-migration']);
  });

  test('a longer word that contains an id is not a mention', () => {
    expect(taskIdsIn('plugin-registry-v2 and plugin-registry.ts and myplugin-registry and auth-states', TASKS)).toEqual([]);
    expect(taskIdsIn('Plugin-Registry', TASKS)).toEqual([]);
  });
});

describe('parseGitLog', () => {
  const F = '\x1f';
  const R = '\x1e';
  test('splits records and fields on the separators; the body keeps its lines', () => {
    const text =
      `0123456789abcdef0123456789abcdef01234567${F}Ana López${F}ana@example.com${F}2026-11-20T15:00:00+01:00${F}plugin-registry: done${F}line one\nline two\n${R}\n` +
      `fedcba9876543210fedcba9876543210fedcba98${F}Bo${F}${F}2026-11-20T16:00:00Z${F}subject with | pipes & <tags>${F}${R}\n`;
    expect(parseGitLog(text)).toEqual([
      { sha: '0123456789abcdef0123456789abcdef01234567', author: 'Ana López', email: 'ana@example.com', at: '2026-11-20T14:00:00.000Z', subject: 'plugin-registry: done', body: 'line one\nline two' },
      { sha: 'fedcba9876543210fedcba9876543210fedcba98', author: 'Bo', at: '2026-11-20T16:00:00.000Z', subject: 'subject with | pipes & <tags>', body: '' },
    ]);
  });

  test('malformed records are skipped, not guessed at', () => {
    expect(parseGitLog('')).toEqual([]);
    expect(parseGitLog(`not-a-sha${F}Ana${F}a@x${F}2026-11-20T15:00:00Z${F}s${F}${R}`)).toEqual([]);
    expect(parseGitLog(`0123456789abcdef${F}Ana${F}a@x${F}yesterday${F}s${F}${R}`)).toEqual([]);
    expect(parseGitLog(`0123456789abcdef${R}`)).toEqual([]);
  });
});
