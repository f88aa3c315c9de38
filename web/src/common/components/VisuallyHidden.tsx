import type { ReactNode } from 'react';
import Box from '@mui/material/Box';

export const visuallyHiddenSx = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

/** Present for screen readers, invisible on screen. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <Box sx={visuallyHiddenSx}>{children}</Box>;
}
