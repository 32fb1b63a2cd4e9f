/**
 * Real consumers for the two formats only a browser reads: the Mermaid gantt chart goes through
 * mermaid's own parser and renderer (the dist bundle from node_modules, no network), and the HTML
 * page is opened, checked for console errors and screenshotted to a temp directory.
 * Skips itself, saying why, when Chromium is not installed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportHtml } from '../../src/core/export/html.js';
import { exportMermaid } from '../../src/core/export/mermaid.js';
import type { ExportInput } from '../../src/core/export/index.js';
import { baselineInput, baselineJournal, codonInput, crdtInput, hostileInput, HOSTILE, LATE_ON_CRITICAL_PATH } from '../core/export/fixtures.js';
import { browserUnavailable, launchBrowser } from './browser.js';

const skip = browserUnavailable();
if (skip) console.warn(`export browser tests skipped: ${skip}`);

const MERMAID_BUNDLE = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

describe.skipIf(skip !== undefined)('exports in a real browser', () => {
  let browser: Browser;
  let mermaidPage: Page;
  const mermaidErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    mermaidPage = await browser.newPage();
    mermaidPage.on('pageerror', (e) => mermaidErrors.push(e.message));
    await mermaidPage.route(/^https?:/, (route) => route.abort());
    await mermaidPage.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await mermaidPage.addScriptTag({ path: MERMAID_BUNDLE });
    await mermaidPage.evaluate(() => (globalThis as any).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Parses and renders the chart; returns the texts drawn and any parse error. */
  async function renderMermaid(source: string) {
    return mermaidPage.evaluate(async (src) => {
      const mermaid = (globalThis as any).mermaid;
      try {
        await mermaid.parse(src);
      } catch (e) {
        return { error: String((e as Error).message ?? e), texts: [] as string[], scripts: 0 };
      }
      const { svg } = await mermaid.render(`g${Math.random().toString(36).slice(2)}`, src);
      const host = document.createElement('div');
      host.innerHTML = svg;
      return {
        error: undefined,
        texts: [...host.querySelectorAll('text')].map((t) => (t.textContent ?? '').trim()).filter(Boolean),
        scripts: host.querySelectorAll('script, foreignObject script').length,
      };
    }, source);
  }

  const charts: [string, () => ExportInput][] = [
    ['codon', () => codonInput()],
    ['codon per task', () => codonInput({ per: 'task' })],
    ['crdt', () => crdtInput()],
    ['crdt per task', () => crdtInput({ per: 'task' })],
  ];

  it.each(charts)('mermaid parses and renders the %s chart with every bar labelled', async (_, input) => {
    const data = input();
    const result = await renderMermaid(exportMermaid(data));
    expect(result.error).toBeUndefined();
    const titles = data.per === 'task' ? data.schedule.components.flatMap((c) => c.tasks.map((t) => t.title)) : data.schedule.components.map((c) => c.title);
    for (const title of titles) expect(result.texts).toContain(title);
    for (const phase of data.schedule.phases) expect(result.texts).toContain(`Phase ${phase.index}: ${phase.title}`);
  });

  it.each(['week', 'task'] as const)('mermaid renders a chart against a baseline with slipped bars marked (per %s)', async (per) => {
    const result = await renderMermaid(exportMermaid(baselineInput({ per }, { events: baselineJournal(LATE_ON_CRITICAL_PATH), today: '2026-12-15' })));
    expect(result.error).toBeUndefined();
    expect(result.texts).toContain(per === 'task' ? 'Validate entry timestamps on merge (slipped +4 work days)' : 'Timestamp validation hardening (slipped +4 work days)');
    expect(result.texts).toContain('Against baseline kickoff');
    expect(result.texts).toContain('End now (+7 work days)');
  });

  it.each(['week', 'task'] as const)('mermaid shows hostile labels as the original text and runs nothing (per %s)', async (per) => {
    const data = hostileInput({ per });
    const result = await renderMermaid(exportMermaid(data));
    expect(result.error).toBeUndefined();
    expect(result.scripts).toBe(0);
    expect(result.texts).toContain(`Phase 1: ${HOSTILE.mermaid}`);
    if (per === 'task') {
      expect(result.texts).toContain(HOSTILE.keyword);
      expect(result.texts).toContain(HOSTILE.formula);
      expect(result.texts).toContain(HOSTILE.emoji);
    } else {
      expect(result.texts).toContain(HOSTILE.script);
      expect(result.texts).toContain(`${HOSTILE.mermaid} ${HOSTILE.plus}`);
    }
    expect(mermaidErrors).toEqual([]);
  });

  it.each([
    ['codon', () => codonInput()],
    ['crdt', () => crdtInput()],
    ['hostile', () => hostileInput()],
  ] as const)('the %s HTML page opens without console errors and shows every week', async (name, input) => {
    const data = input();
    const dir = mkdtempSync(path.join(tmpdir(), 'roadmap-html-'));
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, exportHtml(data));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href);
    const headings = await page.locator('article.week h4').allTextContents();
    const shot = path.join(dir, `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    const scripts = await page.locator('script').count();
    const printHeight = await page.evaluate(() => document.body.scrollHeight);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(scripts).toBe(0);
    expect(printHeight).toBeGreaterThan(0);
    expect(pdf.length).toBeGreaterThan(1000);
    const weeks = [...new Set(data.schedule.weeks.map((w) => w.index))];
    for (const w of weeks) expect(headings.some((h) => h.startsWith(`Week ${w}:`))).toBe(true);
    if (name === 'hostile') expect(headings.join('\n')).toContain(HOSTILE.script);
  });
});
