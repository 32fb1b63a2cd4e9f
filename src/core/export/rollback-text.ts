/** Risk and rollback wording shared by the Markdown and HTML exports. */
import type { Level, Risk, RollbackRule } from '../plan-schema.js';
import { conditionView } from '../metric-state.js';
import { instantLabel, withUnit } from './format.js';
import { unique, type RoadmapView } from './view.js';

export interface RiskGroup {
  /** A component title, or the group name when several components share one group and one risk. */
  name: string;
  weeks: number[];
  risk: Risk;
}

const LEVELS: Level[] = ['high', 'medium', 'low'];

/**
 * Components by risk level, highest first. Components of one group whose risk reads the same are
 * one entry under the group's name, as a hand-written assessment lists "Additional Optimizations".
 */
export function riskGroups(view: RoadmapView): [Level, RiskGroup[]][] {
  const result: [Level, RiskGroup[]][] = [];
  for (const level of LEVELS) {
    const entries: { group: RiskGroup; titles: string[]; groupName?: string }[] = [];
    const byKey = new Map<string, (typeof entries)[number]>();
    for (const sc of view.schedule.components) {
      if (sc.risk !== level) continue;
      const component = view.components.get(sc.id)!;
      const risk = component.risk ?? {};
      const weeks = sc.segments.map((s) => s.week);
      const key =
        component.group === undefined
          ? undefined
          : JSON.stringify([component.group, risk.description, risk.mitigation, risk.monitoring, risk.likelihood, risk.impact]);
      const existing = key === undefined ? undefined : byKey.get(key);
      if (existing) {
        existing.group.weeks = unique([...existing.group.weeks, ...weeks]);
        existing.titles.push(component.title);
        continue;
      }
      const entry = { group: { name: component.title, weeks, risk }, titles: [component.title], ...(component.group !== undefined ? { groupName: component.group } : {}) };
      entries.push(entry);
      if (key !== undefined) byKey.set(key, entry);
    }
    for (const e of entries) if (e.titles.length > 1 && e.groupName !== undefined) e.group.name = e.groupName;
    if (entries.length > 0) result.push([level, entries.map((e) => e.group)]);
  }
  return result;
}

/** "Error rate > 1%" or "Test coverage < 90% for 2 measurements in a row". */
export function describeTrigger(view: RoadmapView, trigger: RollbackRule['triggers'][number]): string {
  const metric = view.metrics.get(trigger.metric);
  const condition = conditionView(trigger.condition);
  const name = metric?.name ?? trigger.metric;
  const text = `${name} ${withUnit(condition.text, metric?.unit ?? '')}`;
  return trigger.consecutive > 1 ? `${text} for ${trigger.consecutive} measurements in a row` : text;
}

/** "clear", "FIRING since ... (why); assess by ..., decide by ..., execute by ...", "rolled back ...". */
export function ruleStateLabel(view: RoadmapView, ruleId: string): string {
  const s = view.ruleStatus.get(ruleId);
  if (!s) return 'clear';
  if (s.state === 'clear') return 'clear';
  if (s.state === 'rolled-back') {
    const last = s.history[s.history.length - 1];
    return `rolled back${last ? ` on ${instantLabel(last.at)}` : ''}`;
  }
  const parts = [`FIRING${s.firedAt ? ` since ${instantLabel(s.firedAt)}` : ''}${s.reason ? ` (${s.reason})` : ''}`];
  if (s.deadlines) {
    parts.push(`assess by ${instantLabel(s.deadlines.assess)}, decide by ${instantLabel(s.deadlines.decide)}, execute by ${instantLabel(s.deadlines.execute)}`);
  }
  if (s.overdue) parts.push(`${s.overdue} deadline passed`);
  return parts.join('; ');
}
