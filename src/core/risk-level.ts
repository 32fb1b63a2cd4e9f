/** A component's risk level: the one written in the plan, else derived from likelihood x impact. */
import type { Component, Level } from './plan-schema.js';

/** Likelihood x impact (1-5 each) at or above these is high / medium; below is low. */
export const RISK_THRESHOLDS = { high: 15, medium: 8 } as const;

export function riskLevel(component: Pick<Component, 'risk'>): Level {
  const risk = component.risk;
  if (!risk) return 'low';
  if (risk.level) return risk.level;
  if (risk.likelihood === undefined || risk.impact === undefined) return 'low';
  const product = risk.likelihood * risk.impact;
  if (product >= RISK_THRESHOLDS.high) return 'high';
  if (product >= RISK_THRESHOLDS.medium) return 'medium';
  return 'low';
}
