import { alpha, type Components, type Theme } from '@mui/material/styles';

export const navigationCustomizations: Components<Theme> = {
  MuiListItemButton: {
    styleOverrides: {
      root: ({ theme }) => ({
        borderRadius: 8,
        '&.Mui-selected': {
          backgroundColor: theme.vars ? `rgba(${theme.vars.palette.primary.mainChannel} / 0.12)` : alpha(theme.palette.primary.main, 0.12),
          color: (theme.vars ?? theme).palette.primary.main,
          '& .MuiListItemIcon-root': { color: 'inherit' },
        },
        '&.Mui-focusVisible': {
          outline: `2px solid ${(theme.vars ?? theme).palette.primary.main}`,
          outlineOffset: -2,
        },
      }),
    },
  },
  MuiTab: {
    styleOverrides: { root: { textTransform: 'none', fontWeight: 600 } },
  },
  MuiListItemIcon: { styleOverrides: { root: { minWidth: 36 } } },
  MuiLink: {
    defaultProps: { underline: 'always' },
    styleOverrides: {
      root: ({ theme }) => ({
        fontWeight: 500,
        '&:focus-visible': {
          outline: `2px solid ${(theme.vars ?? theme).palette.primary.main}`,
          outlineOffset: 2,
          borderRadius: 2,
        },
      }),
    },
  },
};
