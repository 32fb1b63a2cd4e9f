/**
 * The TUI part of `npm run bench` (run.js calls benchTui): on generated plans (1,000 and 10,000
 * components; smaller with --quick), in a real pseudo-terminal (util-linux `script`, 120x40):
 *
 * - first frame: spawn to the end of the first frame that shows the plan, whole process;
 * - per keypress: from writing a key to the end of the frame it causes (ink wraps each frame in
 *   the terminal's synchronized-update markers, ESC[?2026h ... ESC[?2026l), for moving the
 *   cursor, switching views, typing into the filter, re-weighting (re-score + re-schedule + the
 *   diff of what moved) and undoing it.
 *
 * Before each key the app must have been quiet for a moment, so each figure is that key's work
 * alone (a re-weight's what-if preview, computed after its frame, is not charged to the next key).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { summarise } from './measure.js';

const FRAME_END = '\u001B[?2026l';
/** src/tui/state/reducer.ts PREVIEW_MAX_COMPONENTS: above it the weights overlay has no what-if. */
const PREVIEW_MAX_COMPONENTS = 2000;
const KEY_TIMEOUT_MS = 60_000;
/** What the weights overlay shows until its what-if is ready (src/tui/components/Overlays.tsx). */
const WHAT_IF_PENDING = 'working out what';
/** Longer than ink's frame throttle (about 33 ms), so a key is never drawn late on purpose. */
const QUIET_MS = 150;

/**
 * @param {object} o
 * @param {string} o.bin           bin/roadmap.js
 * @param {string} o.cwd           where to run
 * @param {Record<string,string>} o.env  extra environment (the plan cache location)
 * @param {{ components: number, file: string }[]} o.plans  generated plans to run on
 * @param {number} o.runs          first-frame runs per plan (after one warm-up)
 * @param {number} o.presses       presses of the cursor key per plan
 * @param {string} o.today
 * @param {(text: string) => void} o.note
 * @returns {Promise<object[]>} rows for run.js's report
 */
export async function benchTui({ bin, cwd, env, plans, runs, presses, today, note }) {
  const script = ['/usr/bin/script', '/bin/script'].find((f) => existsSync(f));
  if (!script) {
    note('tui per-keypress: util-linux `script` (a pseudo-terminal) is not installed; skipped');
    return [];
  }
  const rows = [];
  for (const { components, file } of plans) {
    const group = `tui: ${components} components (pty 120x40)`;
    const title = /^title: "?(.*?)"?$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    const firstFrames = [];
    for (let i = 0; i < runs + 1; i++) {
      const session = await Session.open({ script, bin, file, cwd, env, today, title });
      if (!session) {
        note(`${group}: no first frame within ${KEY_TIMEOUT_MS / 1000} s; skipped`);
        break;
      }
      if (i > 0) firstFrames.push(session.firstFrameMs); // the first run warms the file and plan caches
      if (i < runs) {
        session.close();
        continue;
      }
      rows.push({ group, name: 'first frame', ...summarise(firstFrames) });
      const keys = new Map();
      try {
        await keypresses(session, presses, keys, components <= PREVIEW_MAX_COMPONENTS);
      } catch (err) {
        note(`${group}: ${err instanceof Error ? err.message : String(err)}; the keys after it were not timed`);
      } finally {
        session.close();
      }
      for (const [name, times] of keys) rows.push({ group, name, ...summarise(times) });
    }
  }
  return rows;
}

/**
 * Times keys in one session, in order, into `out` (name -> times in ms). With `whatIf`, the
 * weights overlay works out what one more step would move after each change's frame (the app
 * does so for plans up to PREVIEW_MAX_COMPONENTS): that is timed on its own, from the change's
 * frame to the frame that shows it, since keys wait for it meanwhile.
 */
async function keypresses(s, presses, out, whatIf) {
  const add = (name, ms) => out.set(name, [...(out.get(name) ?? []), ms]);
  const time = async (name, key) => add(name, await s.press(key));
  for (let i = 0; i < presses; i++) await time('key: move the cursor (j, Matrix)', 'j');
  for (const view of ['2', '3', '4', '5', '6', '1']) await time('key: switch view (1-6)', view);
  await s.press('/');
  await time('key: type into the filter (list rebuilt)', 'a');
  await time('key: type into the filter (list rebuilt)', 'b');
  await s.press('\u001B');
  await s.press('w');
  if (whatIf) await s.whatIfFrame();
  for (const key of ['-', '+', '-', '+']) {
    await time('key: re-weight (- or +; re-score, re-schedule, what moved)', key);
    if (!whatIf) continue;
    const ms = await s.whatIfFrame();
    if (ms !== undefined) add('what-if after a re-weight (after its frame; keys wait)', ms);
  }
  await time('key: undo a re-weight (u)', 'u');
}

class Session {
  constructor(child) {
    this.child = child;
    this.output = '';
    this.lastData = process.hrtime.bigint();
    this.waiters = [];
    child.stdout.on('data', (chunk) => {
      this.output += chunk.toString('utf8');
      this.lastData = process.hrtime.bigint();
      for (const w of [...this.waiters]) w();
    });
    child.on('close', () => {
      this.closed = true;
      for (const w of [...this.waiters]) w();
    });
  }

  /** Starts the TUI; resolves once its first frame showing the plan has been drawn. */
  static async open({ script, bin, file, cwd, env, today, title }) {
    const command = `stty cols 120 rows 40 2>/dev/null; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} tui ${JSON.stringify(file)} --today ${today}`;
    const started = process.hrtime.bigint();
    const child = spawn(script, ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, ...env, TERM: 'xterm-256color', NO_COLOR: '1', ROADMAP_AUTHOR: 'Bench' },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    const s = new Session(child);
    const ok = await s.until(() => {
      const at = s.output.indexOf(title);
      return at >= 0 && s.output.indexOf(FRAME_END, at) >= 0;
    }, KEY_TIMEOUT_MS);
    if (!ok) {
      s.close();
      return undefined;
    }
    s.firstFrameMs = Number(process.hrtime.bigint() - started) / 1e6;
    return s;
  }

  until(condition, ms) {
    return new Promise((resolve) => {
      const finish = (value) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(value);
      };
      const check = () => {
        if (condition()) finish(true);
        else if (this.closed) finish(false);
      };
      const timer = setTimeout(() => finish(false), ms);
      this.waiters.push(check);
      check();
    });
  }

  /** Resolves once nothing has been drawn for QUIET_MS. */
  async quiet() {
    const deadline = Date.now() + KEY_TIMEOUT_MS;
    for (;;) {
      const idle = Number(process.hrtime.bigint() - this.lastData) / 1e6;
      if (idle >= QUIET_MS) return;
      if (Date.now() > deadline || this.closed) throw new Error('the app never went quiet');
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS - idle + 1));
    }
  }

  /** The time until one more frame, after the last one drawn, is complete (work the app starts by itself). */
  async nextFrame() {
    const from = this.output.lastIndexOf(FRAME_END) + FRAME_END.length;
    const started = process.hrtime.bigint();
    const drawn = await this.until(() => this.output.indexOf(FRAME_END, from) >= 0, KEY_TIMEOUT_MS);
    if (!drawn) throw new Error(`the frame the app was expected to draw by itself did not come within ${KEY_TIMEOUT_MS / 1000} s`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  /**
   * The time until the frame with the what-if, when the last frame still says it is being worked
   * out; undefined when the what-if came in the same frame as the change (ink draws at most about
   * every 33 ms, and a small plan's what-if can be ready by then).
   */
  async whatIfFrame() {
    const end = this.output.lastIndexOf(FRAME_END);
    const start = this.output.lastIndexOf(FRAME_END, end - 1);
    if (!this.output.slice(Math.max(0, start), end).includes(WHAT_IF_PENDING)) return undefined;
    return this.nextFrame();
  }

  /** Writes a key once the app is quiet; the time until the frame it causes is complete. */
  async press(key) {
    await this.quiet();
    const from = this.output.length;
    const started = process.hrtime.bigint();
    this.child.stdin.write(key);
    const drawn = await this.until(() => this.output.indexOf(FRAME_END, from) >= 0, KEY_TIMEOUT_MS);
    if (!drawn) throw new Error(`no frame within ${KEY_TIMEOUT_MS / 1000} s after the key ${JSON.stringify(key)}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  close() {
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
