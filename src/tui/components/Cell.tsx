/** A fixed-width table cell that truncates with an ellipsis instead of wrapping. */
import { Box, Text } from 'ink';
import type { TextStyle } from '../theme.js';

export interface CellProps {
  width: number;
  text: string;
  style?: TextStyle;
  align?: 'left' | 'right';
  /** Columns of space after the cell. */
  gap?: number;
}

export function Cell({ width, text, style, align = 'left', gap = 1 }: CellProps) {
  return (
    <Box width={width + gap} flexShrink={0} paddingRight={gap} justifyContent={align === 'right' ? 'flex-end' : 'flex-start'}>
      <Text wrap="truncate-end" {...style}>
        {text}
      </Text>
    </Box>
  );
}

/** Takes the width left over in a row. */
export function FlexCell({ text, style, minWidth = 8 }: { text: string; style?: TextStyle; minWidth?: number }) {
  return (
    <Box flexGrow={1} flexShrink={1} minWidth={minWidth} paddingRight={1}>
      <Text wrap="truncate-end" {...style}>
        {text}
      </Text>
    </Box>
  );
}
