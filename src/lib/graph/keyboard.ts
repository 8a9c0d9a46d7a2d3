// Keyboard control of the graph canvas: pan, zoom, show all, clear selection.
// (Single items are reached by keyboard through the list view.) Pure.

export type KeyAction =
  | { type: 'pan'; dx: number; dy: number }
  | { type: 'zoom'; factor: number }
  | { type: 'fit' }
  | { type: 'clear' };

export const PAN_STEP = 60;
export const ZOOM_STEP = 1.25;

export function keyAction(key: string): KeyAction | null {
  switch (key) {
    case 'ArrowLeft':
      return { type: 'pan', dx: PAN_STEP, dy: 0 };
    case 'ArrowRight':
      return { type: 'pan', dx: -PAN_STEP, dy: 0 };
    case 'ArrowUp':
      return { type: 'pan', dx: 0, dy: PAN_STEP };
    case 'ArrowDown':
      return { type: 'pan', dx: 0, dy: -PAN_STEP };
    case '+':
    case '=':
      return { type: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { type: 'zoom', factor: 1 / ZOOM_STEP };
    case '0':
    case 'Home':
      return { type: 'fit' };
    case 'Escape':
      return { type: 'clear' };
    default:
      return null;
  }
}
