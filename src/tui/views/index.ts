/**
 * The views table: tab order, number keys (1, 2, 3, ...), titles, lists and components all come
 * from here. Adding a view is one line below (plus the view's own file).
 */
import { matrixView } from './MatrixView.js';
import { metricsView } from './MetricsView.js';
import { risksView } from './RisksView.js';
import { roadmapView } from './RoadmapView.js';
import { standupView } from './StandupView.js';
import type { ViewDef } from './view-def.js';
import { weekView } from './WeekView.js';

export const VIEWS: readonly ViewDef[] = [matrixView, roadmapView, weekView, metricsView, risksView, standupView];

export type { ViewDef } from './view-def.js';
