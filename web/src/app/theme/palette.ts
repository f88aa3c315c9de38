import type { ColorSystemOptions } from '@mui/material/styles';

// Contrast checked against WCAG 2.2 AA: primary text/buttons >= 4.5:1 on their background.
export const lightScheme: ColorSystemOptions = {
  palette: {
    primary: { main: '#3349c9', light: '#5a6ee0', dark: '#23349a', contrastText: '#ffffff' },
    secondary: { main: '#0f766e', contrastText: '#ffffff' },
    background: { default: '#f5f6fa', paper: '#ffffff' },
    text: { primary: '#151a2d', secondary: '#4a5168' },
    divider: 'rgba(21, 26, 45, 0.12)',
    success: { main: '#1b7f3b' },
    error: { main: '#c62828' },
    // MUI's default info (#0288d1) and warning (#ed6c02) fall below 4.5:1 as text on white.
    info: { main: '#0a66b8' },
    warning: { main: '#a04d00' },
  },
};

export const darkScheme: ColorSystemOptions = {
  palette: {
    primary: { main: '#9fb0ff', light: '#c3cdff', dark: '#7186ef', contrastText: '#0b1030' },
    secondary: { main: '#5eead4', contrastText: '#042f2e' },
    background: { default: '#0e1117', paper: '#161b24' },
    text: { primary: '#e8ebf3', secondary: '#a7aec2' },
    divider: 'rgba(232, 235, 243, 0.14)',
    success: { main: '#66d48a' },
    error: { main: '#ff8a80' },
    info: { main: '#7cc4ff' },
    warning: { main: '#ffb74d' },
    // Filled alerts (toasts) keep white text, so their backgrounds must stay dark enough.
    Alert: {
      successFilledBg: '#1e6b38',
      successFilledColor: '#ffffff',
      errorFilledBg: '#b3261e',
      errorFilledColor: '#ffffff',
      warningFilledBg: '#8a4300',
      warningFilledColor: '#ffffff',
      infoFilledBg: '#0a5a9e',
      infoFilledColor: '#ffffff',
    },
  },
};
