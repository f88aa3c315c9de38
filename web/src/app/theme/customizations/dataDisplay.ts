import type { Components, Theme } from '@mui/material/styles';

export const dataDisplayCustomizations: Components<Theme> = {
  MuiTableContainer: {
    // Visually hidden cell text is absolutely positioned: without a positioned scroller it
    // would escape the horizontal scroll and widen the whole page on phones.
    styleOverrides: { root: { position: 'relative' } },
  },
  MuiTableCell: {
    styleOverrides: {
      head: ({ theme }) => ({
        fontWeight: 600,
        color: (theme.vars ?? theme).palette.text.secondary,
        backgroundColor: (theme.vars ?? theme).palette.background.paper,
        whiteSpace: 'nowrap',
      }),
      root: {
        paddingTop: 10,
        paddingBottom: 10,
        // The "compact" density preference (set on <html> by PreferencesSync).
        ':root[data-density="compact"] &': { paddingTop: 4, paddingBottom: 4 },
      },
    },
  },
  MuiTableRow: {
    styleOverrides: {
      // Rows are not clickable yet, so no hover highlight that would suggest they are.
      root: { '&:last-of-type > .MuiTableCell-body': { borderBottom: 0 } },
    },
  },
};
