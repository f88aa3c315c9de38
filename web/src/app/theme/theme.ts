import { createTheme } from '@mui/material/styles';
import { darkScheme, lightScheme } from './palette';
import { dataDisplayCustomizations } from './customizations/dataDisplay';
import { inputsCustomizations } from './customizations/inputs';
import { navigationCustomizations } from './customizations/navigation';
import { surfacesCustomizations } from './customizations/surfaces';

// The one theme of the app. Light and dark are CSS-variable color schemes switched by a
// class on <html>; MUI stores the chosen mode in localStorage under `modeStorageKey`.
export const modeStorageKey = 'meridian.themeMode';

export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: { light: lightScheme, dark: darkScheme },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    h1: { fontSize: '1.75rem', fontWeight: 700, letterSpacing: '-0.01em' },
    h2: { fontSize: '1.375rem', fontWeight: 700 },
    h3: { fontSize: '1.125rem', fontWeight: 600 },
    button: { fontWeight: 600 },
  },
  components: {
    ...inputsCustomizations,
    ...surfacesCustomizations,
    ...dataDisplayCustomizations,
    ...navigationCustomizations,
  },
});
