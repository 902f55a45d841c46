/**
 * Type-ahead, as in Explorer's lists: letters typed in quick succession
 * select the next row whose name or alias starts with them (a technician
 * types `vidc.x` as readily as `Xvid`); one letter typed again cycles
 * through the rows starting with it.
 */
import { useRef } from 'react';

const RESET_AFTER_MS = 800;

export interface TypeAhead {
  /** Handles a key; true when it was a letter the type-ahead used. */
  key(key: string, withModifier: boolean, current: number): boolean;
}

export function useTypeAhead(names: ReadonlyArray<readonly string[]>, select: (position: number) => void): TypeAhead {
  const typed = useRef({ text: '', at: 0 });
  return {
    key(key, withModifier, current) {
      if (withModifier || key.length !== 1 || (key === ' ' && typed.current.text === '')) return false;
      const now = Date.now();
      const text = now - typed.current.at > RESET_AFTER_MS ? key : typed.current.text + key;
      typed.current = { text, at: now };
      const position = findNext(names, text, current);
      if (position >= 0) select(position);
      return true;
    },
  };
}

/** The first row after `current` (wrapping) with a name that starts with `text`; a repeated single letter moves on from the current row. */
export function findNext(names: ReadonlyArray<readonly string[]>, text: string, current: number): number {
  const wanted = text.toLowerCase();
  const repeated = wanted.length > 1 && wanted === wanted.charAt(0).repeat(wanted.length);
  const prefix = repeated ? wanted.charAt(0) : wanted;
  // A longer prefix may still match the current row; a single letter (or a repeated one) moves on.
  const start = prefix.length > 1 && !repeated ? Math.max(current, 0) : current + 1;
  for (let i = 0; i < names.length; i++) {
    const position = (start + i) % names.length;
    if (names[position]?.some((name) => name.toLowerCase().startsWith(prefix))) return position;
  }
  return -1;
}
