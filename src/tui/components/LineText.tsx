/** One line of styled segments, cut at the screen edge rather than wrapped onto the next row. */
import { Text } from 'ink';
import type { Line } from '../text.js';

/** Joins neighbouring runs that share a style object, so ink lays out fewer text nodes. */
function merge(line: Line): Line {
  const out: Line = [];
  for (const s of line) {
    const last = out[out.length - 1];
    if (last && last.style === s.style) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

export function LineText({ line }: { line: Line }) {
  return (
    <Text wrap="truncate-end">
      {line.length === 0
        ? ' '
        : merge(line).map((s, i) => (
            <Text key={i} {...s.style}>
              {s.text}
            </Text>
          ))}
    </Text>
  );
}

/** A fixed block of lines; missing lines are left blank so the layout below does not move. */
export function LineBlock({ lines, height }: { lines: readonly Line[]; height: number }) {
  const shown = lines.slice(0, height);
  return (
    <>
      {shown.map((line, i) => (
        <LineText key={i} line={line} />
      ))}
      {Array.from({ length: Math.max(0, height - shown.length) }, (_, i) => (
        <Text key={`blank-${i}`}> </Text>
      ))}
    </>
  );
}
