/**
 * The terminal's size, updated on resize. Falls back to 80x24 when the stream does not know
 * (not a TTY, or a test stream without `rows`).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Size } from '../state/types.js';

export const FALLBACK_SIZE: Size = { columns: 80, rows: 24 };

export function readSize(stream: { columns?: number; rows?: number }): Size {
  return {
    columns: stream.columns && stream.columns > 0 ? stream.columns : FALLBACK_SIZE.columns,
    rows: stream.rows && stream.rows > 0 ? stream.rows : FALLBACK_SIZE.rows,
  };
}

/** Calls `onResize` with the new size whenever the terminal is resized. */
export function useTerminalSize(onResize: (size: Size) => void): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const handle = () => {
      const next = readSize(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
      onResize(next);
    };
    stdout.on('resize', handle);
    return () => {
      stdout.off('resize', handle);
    };
  }, [stdout, onResize]);
  return size;
}
