/**
 * The critical path in the TUI: the Roadmap marks critical components with "^" (and says so in its
 * legend), the Matrix detail pane gives the selected component's slack.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { scheduleWithCriticalPath } from '../../src/core/critical-path.js';
import { PLAIN_THEME } from '../../src/tui/theme.js';
import { matrixDetailLines } from '../../src/tui/views/matrix-detail.js';
import { CRITICAL_MARK, roadmapLabel, segmentsText } from '../../src/tui/views/timeline.js';
import { examplePlan } from '../helpers/plan-builder.js';
import { lines, renderApp } from './helpers.js';

afterEach(() => cleanup());

const plain = { env: { NO_COLOR: '1' } };
const crdt = () => examplePlan('crdt-backup-rollout');

describe('critical path in the TUI', () => {
  const plan = crdt();
  const schedule = scheduleWithCriticalPath(plan);
  const critical = schedule.components.find((c) => c.critical)!;
  const loose = schedule.components.find((c) => !c.critical && (c.slack ?? 0) > 0)!;

  test('the crdt plan has both critical and slack components to show', () => {
    expect(critical).toBeDefined();
    expect(loose).toBeDefined();
  });

  test('Roadmap labels: "^ " marks the critical path, selection wins, pinned keeps its "*"', () => {
    expect(roadmapLabel({ id: 'a', pinned: false, critical: true }, false)).toEqual({ mark: `${CRITICAL_MARK} `, text: 'a' });
    expect(roadmapLabel({ id: 'a', pinned: true, critical: true }, false)).toEqual({ mark: '^ ', text: 'a*' });
    expect(roadmapLabel({ id: 'a', pinned: false, critical: true }, true)).toEqual({ mark: '> ', text: 'a' });
    expect(roadmapLabel({ id: 'a', pinned: false, critical: false }, false)).toEqual({ mark: '  ', text: 'a' });
    // A schedule without the critical path computed marks nothing.
    expect(roadmapLabel({ id: 'a', pinned: false }, false).mark).toBe('  ');
  });

  test('Matrix detail: slack of a loose component, and the critical path for a critical one', () => {
    const detail = (id: string, withProgress: boolean) =>
      matrixDetailLines({
        component: schedule.components.find((c) => c.id === id)!,
        planComponent: plan.components.find((c) => c.id === id),
        schedule,
        progress: withProgress ? { id, status: 'todo', percent: 0, tasksDone: 0, tasksTotal: 1, doneEffort: 0, totalEffort: 1, late: false } as never : undefined,
        theme: PLAIN_THEME,
        width: 100,
      }).map(segmentsText);
    expect(detail(loose.id, false)).toContain(`slack ${loose.slack} d before the end date moves`);
    expect(detail(critical.id, false)).toContain('slack 0 d critical path: a one-work-day slip moves the end date');
    // With a status line the slack goes on it, so the pane keeps its height.
    const withStatus = detail(critical.id, true);
    expect(withStatus.find((l) => l.startsWith('status todo'))).toMatch(/status todo {2}0% \(0\/1 tasks\) {2}slack 0 d critical path/);
    expect(withStatus.length).toBe(detail(critical.id, false).length);
  });

  test('the Roadmap view marks critical rows and explains the mark', async () => {
    const app = await renderApp(plan, { ...plain, columns: 100, rows: 30 });
    await app.press('2');
    const frame = await app.waitFor((f) => f.includes('[2 Roadmap]'));
    const rows = lines(frame);
    // The selected row shows "> "; every other row shows its mark.
    const rowOf = (id: string) => rows.find((l) => new RegExp(`^[>^ ] ${id}\\*?\\s`).test(l));
    let checked = 0;
    for (const c of schedule.components) {
      const row = rowOf(c.id);
      if (!row || row.startsWith('> ')) continue; // scrolled out of the list, or selected
      expect(row.startsWith(c.critical ? '^ ' : '  '), row).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
    expect(rows.some((l) => l.startsWith(`^ ${critical.id}`))).toBe(true);
    expect(rows.some((l) => l.startsWith(`  ${loose.id}`) || l.startsWith(`> ${loose.id}`))).toBe(true);
    expect(frame).toContain('^ critical path  id* pinned  ! days off');
  });

  test('the Matrix detail pane shows the selected component\'s slack from the live schedule', async () => {
    const app = await renderApp(plan, { ...plain, columns: 100, rows: 40 });
    await app.press('g', ...loose.id, '\r');
    const frame = await app.waitFor((f) => f.includes(`> ${loose.id}`));
    expect(frame).toContain(`slack ${loose.slack} d before the end date moves`);
  });
});
