import MarkdownIt from 'markdown-it';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../../src/core/export/markdown.js';
import { codonInput, crdtInput, hostileInput, HOSTILE } from './fixtures.js';

// GitHub-like: raw HTML allowed, so any escaping gap would show up as a real element.
const md = new MarkdownIt({ html: true });

type Heading = { level: number; text: string };
function headings(source: string): Heading[] {
  const tokens = md.parse(source, {});
  return tokens.flatMap((t, i) => (t.type === 'heading_open' ? [{ level: Number(t.tag.slice(1)), text: tokens[i + 1]!.content }] : []));
}

// The hand-written roadmap this export imitates; shared/ sits beside the repository.
const SEED = fileURLToPath(new URL('../../../../shared/seeds/002_f53489a91a51163b.txt', import.meta.url));

describe('Markdown export', () => {
  it('reads like the hand-written Codon roadmap: the same sections, phases and weeks', () => {
    const ours = headings(exportMarkdown(codonInput()));
    const phasesAndWeeks = ours.filter((h) => h.level === 3 || h.level === 4).map((h) => h.text);
    expect(phasesAndWeeks.slice(0, 9)).toEqual([
      'Phase 1: Critical Priority Components (Weeks 1-2)',
      'Week 1: Dynamic Feature Detection System',
      'Week 2: Analytics Engine Thread Safety',
      'Phase 2: High Priority Components (Weeks 3-4)',
      'Week 3: Performance Monitoring System',
      'Week 4: Error Handling Framework',
      'Phase 3: Medium Priority Components (Weeks 5-6)',
      'Week 5: Additional Optimizations',
      'Week 6: Final Validation and Deployment',
    ]);
    const sections = ours.filter((h) => h.level === 2).map((h) => h.text);
    expect(sections).toEqual([
      'Overview',
      'Migration Strategy',
      'Risk Assessment and Mitigation',
      'Resource Requirements',
      'Success Metrics',
      'Monitoring and Validation',
      'Rollback Procedures',
    ]);
  });

  it('carries every section heading of the hand-written seed document (when it is available)', () => {
    let seed: string;
    try {
      seed = readFileSync(SEED, 'utf8');
    } catch {
      return; // the seed lives outside the repository; the test above pins the structure anyway
    }
    const ours = new Set(headings(exportMarkdown(codonInput())).map((h) => h.text));
    const wanted = headings(seed)
      .filter((h) => h.level <= 4 && !['Conclusion', 'Business Metrics'].includes(h.text) && !h.text.startsWith('Continuous') && !h.text.startsWith('Validation Procedures'))
      .map((h) => h.text);
    expect(wanted.filter((h) => !ours.has(h))).toEqual([]);
  });

  it('shows priority, dates, progress, task status and criteria with their evidence', () => {
    const text = exportMarkdown(codonInput());
    expect(text).toContain('**Priority Score**: 4.8 (CRITICAL)');
    expect(text).toContain('**Priority Score**: 3.0-3.5 (MEDIUM)');
    expect(text).toContain('1. **Day 1-2** (Mon 2 Nov - Tue 3 Nov): Plugin System Refactoring (Ana): done');
    expect(text).toContain('blocked for 10 days');
    expect(text).toContain('- Codon compilation successful: **met** (Modules compiling under Codon: 100% on 2026-11-06 by Ana, target >= 100%; evidence `reports/codon-compile.log` (sha256 a3f1c2d4e5b6))');
    expect(text).toContain('**Assessment**: within 15 minutes');
    expect(text).toContain('- **State**: FIRING since 2026-11-22 08:00 UTC');
    expect(text).toContain('| Error rate | < 0.1% | 1.4% on 2026-11-22 by Dara | none | **breached** | none |');
  });

  it('shows a week without work (a code freeze) and a component that spans two weeks', () => {
    const text = exportMarkdown(crdtInput());
    expect(text).toContain('#### Week 4: No work scheduled (code freeze and New Year\'s Day)');
    expect(text).toContain('Deploy to staging and run the validation suite (Grace): done, continues in Week 2');
    expect(text).toContain('**Continues**: Staging deployment and validation (from Week 1)');
  });

  it('renders hostile plan text as text: no raw HTML, no broken tables, no stray headings', () => {
    const text = exportMarkdown(hostileInput());
    const html = md.render(text);
    expect(html).not.toMatch(/<script|<b>|<strong>bold|<a href="http:\/\/x"/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).not.toMatch(/[\u0007\u001b\u202e]/);
    // Every table row keeps exactly six cells.
    const tokens = md.parse(text, {});
    let cells = 0;
    for (const t of tokens) {
      if (t.type === 'tr_open') cells = 0;
      if (t.type === 'td_open' || t.type === 'th_open') cells++;
      if (t.type === 'tr_close') expect(cells).toBe(6);
    }
    const h = headings(text);
    expect(h.filter((x) => x.level === 1)).toHaveLength(1);
    expect(h.some((x) => x.text.includes(HOSTILE.emoji))).toBe(false); // names stay in their lists
    expect(text).toContain(HOSTILE.rtl);
    expect(text).toContain('Ship it 🚀 👩🏽‍💻 and ✅');
  });
});
