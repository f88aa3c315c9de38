import { closestCenter, pointerWithin, type CollisionDetection, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard moves on the board: the left and right arrows jump a picked-up card to the centre
 * of the previous or next column (a pixel nudge per key press would take dozens of presses).
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (event.code !== 'ArrowLeft' && event.code !== 'ArrowRight') {
    // Up/down have no meaning on a board sorted by last change: swallow them so the page does not scroll mid-drag.
    if (event.code === 'ArrowUp' || event.code === 'ArrowDown') event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  const { active, collisionRect, droppableRects, droppableContainers } = context;
  if (!active || !collisionRect) return undefined;

  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect) => rect !== undefined)
    .sort((a, b) => a.left - b.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const current = columns.findIndex((rect) => centre >= rect.left && centre <= rect.right);
  const next = columns[current + (event.code === 'ArrowRight' ? 1 : -1)];
  if (!next) return undefined;
  return { x: next.left + (next.width - collisionRect.width) / 2, y: Math.max(next.top, collisionRect.top) };
};

/** A pointer drops on the column under it; a keyboard drag on the column nearest the card. */
export const boardCollisions: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    if (hits.length > 0) return hits;
  }
  return closestCenter(args);
};
