/**
 * What a second start of the panel does to the first one's window: brings it
 * to the front, or nothing at all while there is none (still starting, or
 * already closed), as in Electron's documented single-instance pattern.
 */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}
