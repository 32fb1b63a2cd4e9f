import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPORT_MARKER,
  TEMP_PREFIX,
  cleanStrayTemps,
  isEarlierExport,
  refuseToClobber,
  tempPathFor,
  writeFileAtomic,
} from '../../src/plan/atomic-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'roadmap-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('writeFileAtomic', () => {
  it('creates a file and replaces it, leaving no temp files behind', async () => {
    const file = path.join(dir, 'plan.yaml');
    await writeFileAtomic(file, 'one\n');
    expect(readFileSync(file, 'utf8')).toBe('one\n');
    await writeFileAtomic(file, 'two\r\n');
    expect(readFileSync(file, 'utf8')).toBe('two\r\n');
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('writes bytes exactly, including a view into a larger buffer', async () => {
    const file = path.join(dir, 'bytes.bin');
    const backing = Buffer.from([0xff, 0xef, 0xbb, 0xbf, 0x00, 0x61, 0xff]);
    await writeFileAtomic(file, new Uint8Array(backing.buffer, backing.byteOffset + 1, 5));
    expect([...readFileSync(file)]).toEqual([0xef, 0xbb, 0xbf, 0x00, 0x61]);
  });

  it('keeps the mode of the file it replaces', async () => {
    const file = path.join(dir, 'private.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    mkdirSync(path.join(dir, 'real'));
    const target = path.join(dir, 'real', 'plan.yaml');
    writeFileSync(target, 'old');
    const link = path.join(dir, 'plan.yaml');
    symlinkSync(target, link);
    await writeFileAtomic(link, 'new');
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['plan.yaml']);
  });

  it('rejects when the directory does not exist, and leaves nothing behind', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'plan.yaml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to replace a fifo instead of turning it into a file', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(writeFileAtomic(fifo, 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('names temp files so that cleanStrayTemps and .gitignore recognise them', () => {
    const tmp = tempPathFor(path.join(dir, 'plan.yaml'));
    expect(path.dirname(tmp)).toBe(dir);
    expect(path.basename(tmp)).toMatch(new RegExp(`^\\.roadmap-tmp-${process.pid}-[0-9a-f]+\\.plan\\.yaml$`));
    expect(readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8').split('\n')).toContain(`${TEMP_PREFIX}*`);
  });
});

describe('cleanStrayTemps', () => {
  it('removes temps of dead processes and keeps a live writer’s fresh temp', async () => {
    const dead = `${TEMP_PREFIX}${deadPid()}-0a1b2c3d.plan.yaml`;
    const deadInner = `${TEMP_PREFIX}${deadPid()}-0a1b2c3e.plan.yaml.123456789`; // write-file-atomic's own temp
    const live = `${TEMP_PREFIX}${process.pid}-0a1b2c3f.plan.yaml`;
    for (const name of [dead, deadInner, live]) writeFileSync(path.join(dir, name), 'partial');
    const removed = await cleanStrayTemps(dir);
    expect(removed.sort()).toEqual([dead, deadInner].sort());
    expect(readdirSync(dir)).toEqual([live]);
  });

  it('removes a live pid’s temp once it is older than a minute (pids are reused)', async () => {
    const old = path.join(dir, `${TEMP_PREFIX}${process.pid}-00000001.plan.yaml`);
    writeFileSync(old, 'partial');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(old, twoMinutesAgo, twoMinutesAgo);
    expect(await cleanStrayTemps(dir)).toEqual([path.basename(old)]);
  });

  it('removes a lock file whose holder is dead, read from its first line', async () => {
    writeFileSync(path.join(dir, `${TEMP_PREFIX}lock.plan.yaml`), `${deadPid()}\nabcdef\n`);
    writeFileSync(path.join(dir, `${TEMP_PREFIX}lock.other.yaml`), `${process.pid}\nabcdef\n`);
    expect(await cleanStrayTemps(dir)).toEqual([`${TEMP_PREFIX}lock.plan.yaml`]);
  });

  it('never touches files that are not ours', async () => {
    const names = ['plan.yaml', 'plan.yaml.1', 'plan.yaml.4132591234', '.plan.yaml.swp', 'roadmap-tmp-1-ab.plan.yaml'];
    for (const name of names) writeFileSync(path.join(dir, name), 'keep');
    mkdirSync(path.join(dir, `${TEMP_PREFIX}${deadPid()}-00.dir`));
    const old = new Date(Date.now() - 3_600_000);
    for (const name of names) utimesSync(path.join(dir, name), old, old);
    expect(await cleanStrayTemps(dir)).toEqual([]);
    expect(readdirSync(dir).length).toBe(names.length + 1);
  });

  it('returns nothing for a directory that does not exist', async () => {
    expect(await cleanStrayTemps(path.join(dir, 'nope'))).toEqual([]);
  });
});

describe('isEarlierExport', () => {
  it('recognises the marker near the top of any format', () => {
    expect(isEarlierExport(`<!-- ${EXPORT_MARKER} from plans/x.yaml -->\n# Roadmap\n`)).toBe(true);
    expect(isEarlierExport(`\uFEFF%% ${EXPORT_MARKER}\ngantt\n`)).toBe(true);
    expect(isEarlierExport(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//${EXPORT_MARKER}//EN\r\n`)).toBe(true);
  });

  it('does not treat other files as exports', () => {
    expect(isEarlierExport('')).toBe(false);
    expect(isEarlierExport('# My hand-written roadmap\n\nNotes.\n')).toBe(false);
    expect(isEarlierExport('roadmap-export\n')).toBe(false);
    expect(isEarlierExport(`1\n2\n3\n4\n5\n${EXPORT_MARKER}\n`)).toBe(false);
  });
});

describe('refuseToClobber', () => {
  it('allows a new file and an earlier export', async () => {
    expect(await refuseToClobber(path.join(dir, 'new.md'))).toBeUndefined();
    const earlier = path.join(dir, 'roadmap.md');
    writeFileSync(earlier, `<!-- ${EXPORT_MARKER} -->\n# Old\n`);
    expect(await refuseToClobber(earlier)).toBeUndefined();
  });

  it('refuses a file the user wrote unless forced', async () => {
    const notes = path.join(dir, 'notes.md');
    writeFileSync(notes, '# My notes\n');
    const problem = await refuseToClobber(notes, { displayName: 'notes.md' });
    expect(problem).toMatchObject({ code: 'io-would-overwrite', file: 'notes.md' });
    expect(problem?.message).toContain('notes.md');
    expect(problem?.hint).toContain('--force');
    expect(await refuseToClobber(notes, { force: true })).toBeUndefined();
  });

  it('refuses a directory', async () => {
    expect(await refuseToClobber(dir)).toMatchObject({ code: 'io-is-directory' });
  });
});
