import { describe, expect, it, jest } from '@jest/globals';
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';
import { columnKeyboardCoordinates } from './boardKeyboard';

type Args = Parameters<KeyboardCoordinateGetter>[1];

const rect = (left: number) => ({ left, right: left + 280, width: 280, top: 100, bottom: 700, height: 600 });
const columns = ['qualification', 'proposal', 'won'];

function args(cardLeft: number): Args {
  const rects = new Map(columns.map((id, i) => [id, rect(i * 300)]));
  return {
    active: 'deal-1',
    currentCoordinates: { x: cardLeft, y: 150 },
    context: {
      active: { id: 'deal-1' },
      collisionRect: { left: cardLeft, right: cardLeft + 260, width: 260, top: 150, bottom: 250, height: 100 },
      droppableRects: rects,
      droppableContainers: { getEnabled: () => columns.map((id) => ({ id })) },
    },
  } as unknown as Args;
}

const key = (code: string) => ({ code, preventDefault: jest.fn() }) as unknown as KeyboardEvent;

describe('columnKeyboardCoordinates', () => {
  it('jumps a picked-up card to the centre of the next or previous column', () => {
    expect(columnKeyboardCoordinates(key('ArrowRight'), args(10))).toEqual({ x: 310, y: 150 });
    expect(columnKeyboardCoordinates(key('ArrowLeft'), args(310))).toEqual({ x: 10, y: 150 });
  });

  it('stays put at either end of the board', () => {
    expect(columnKeyboardCoordinates(key('ArrowLeft'), args(10))).toBeUndefined();
    expect(columnKeyboardCoordinates(key('ArrowRight'), args(610))).toBeUndefined();
  });

  it('keeps up and down from scrolling the page mid-drag, and leaves other keys alone', () => {
    const down = key('ArrowDown');
    expect(columnKeyboardCoordinates(down, args(10))).toBeUndefined();
    expect(down.preventDefault).toHaveBeenCalled();
    const space = key('Space');
    expect(columnKeyboardCoordinates(space, args(10))).toBeUndefined();
    expect(space.preventDefault).not.toHaveBeenCalled();
  });
});
