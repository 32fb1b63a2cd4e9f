import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveAuthor } from '../../src/cli/author.js';
import { fakeIO } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'roadmap-author-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// No global or system git config may leak into these tests.
const isolated = { HOME: tmp, XDG_CONFIG_HOME: tmp, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(tmp, 'none'), PATH: process.env.PATH };

describe('resolveAuthor', () => {
  test('--by wins, then $ROADMAP_AUTHOR', async () => {
    expect(await resolveAuthor(fakeIO({ env: { ...isolated, ROADMAP_AUTHOR: 'CI bot', USER: 'u' } }), ' Ana ')).toBe('Ana');
    expect(await resolveAuthor(fakeIO({ cwd: tmp, env: { ...isolated, ROADMAP_AUTHOR: 'CI bot', USER: 'u' } }), undefined)).toBe('CI bot');
  });

  test('git config user.name, taken literally (no shell ever sees it)', async () => {
    const repo = path.join(tmp, 'repo');
    execFileSync('git', ['init', '-q', repo], { env: isolated });
    const marker = path.join(tmp, 'pwned');
    execFileSync('git', ['config', 'user.name', `Bo $(touch ${marker}) \`touch ${marker}\``], { cwd: repo, env: isolated });
    const name = await resolveAuthor(fakeIO({ cwd: repo, env: { ...isolated, USER: 'u' } }), undefined);
    expect(name).toBe(`Bo $(touch ${marker}) \`touch ${marker}\``);
    expect(existsSync(marker)).toBe(false);
  });

  test('outside a repository without a git name: $USER', async () => {
    expect(await resolveAuthor(fakeIO({ cwd: tmp, env: { ...isolated, USER: 'chen' } }), undefined)).toBe('chen');
  });

  test('no name anywhere, or an unusable one, is a usage error', async () => {
    await expect(resolveAuthor(fakeIO({ cwd: tmp, env: { ...isolated } }), undefined)).rejects.toThrow(/pass --by NAME/);
    await expect(resolveAuthor(fakeIO({ env: isolated }), '   ')).rejects.toThrow(/--by is empty/);
    await expect(resolveAuthor(fakeIO({ env: isolated }), 'a\u001b[31mb')).rejects.toThrow(/control characters/);
  });
});
