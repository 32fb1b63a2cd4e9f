/**
 * The views table: tab order, number keys (1, 2, 3, ...), titles, lists and components all come
 * from here. Adding a view is one line below (plus the view's own file).
 */
import { matrixView } from './MatrixView.js';
import { roadmapView } from './RoadmapView.js';
import type { ViewDef } from './view-def.js';
import { weekView } from './WeekView.js';

export const VIEWS: readonly ViewDef[] = [matrixView, roadmapView, weekView];

export type { ViewDef } from './view-def.js';
