/**
 * Renders only the rows in view: a plan with 10,000 components costs the same per frame as one
 * with ten. Rows below the end are left blank so the layout under the list stays put.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ListRow, ListState } from '../state/types.js';

export interface VirtualListProps<R extends ListRow> {
  list: ListState;
  height: number;
  renderRow: (row: R, selected: boolean) => ReactNode;
  /** Shown on the first line when the list is empty. */
  empty?: string;
}

export function VirtualList<R extends ListRow>({ list, height, renderRow, empty }: VirtualListProps<R>) {
  const visible = list.rows.slice(list.top, list.top + height) as R[];
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {visible.length === 0 && empty ? <Text>{empty}</Text> : null}
      {visible.map((row, i) => (
        <Box key={row.key} flexDirection="column" height={1} overflow="hidden">
          {renderRow(row, list.top + i === list.cursor)}
        </Box>
      ))}
    </Box>
  );
}

/** "rows 11-20 of 10000" for the list's position. */
export function positionLabel(list: ListState, height: number): string {
  const total = list.rows.length;
  if (total <= height) return `${total} row${total === 1 ? '' : 's'}`;
  return `rows ${list.top + 1}-${Math.min(total, list.top + height)} of ${total}`;
}
