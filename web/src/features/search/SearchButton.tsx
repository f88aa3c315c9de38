import { lazy, Suspense, useEffect, useState } from 'react';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import { useT } from '../../app/i18n';

// The palette loads on first use: the first screen does not pay for it.
const SearchPalette = lazy(async () => ({ default: (await import('./SearchPalette')).SearchPalette }));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The top bar's search field look-alike; Ctrl/Cmd+K opens the palette from anywhere. */
export function SearchButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setLoaded(true);
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const show = () => {
    setLoaded(true);
    setOpen(true);
  };
  const shortcut = isMac ? '⌘K' : 'Ctrl K';

  return (
    <>
      <Button
        color="inherit"
        onClick={show}
        startIcon={<SearchIcon />}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        sx={{
          display: { xs: 'none', sm: 'inline-flex' },
          justifyContent: 'flex-start',
          minWidth: 220,
          color: 'text.secondary',
          border: 1,
          borderColor: 'divider',
          px: 1.5,
        }}
      >
        <Box component="span" sx={{ flex: 1, textAlign: 'left' }}>
          {t('search.open')}
        </Box>
        <Box component="kbd" sx={{ fontFamily: 'inherit', fontSize: 12, border: 1, borderColor: 'divider', borderRadius: 1, px: 0.75 }}>
          {shortcut}
        </Box>
      </Button>
      <IconButton onClick={show} aria-label={t('search.open')} sx={{ display: { xs: 'inline-flex', sm: 'none' } }}>
        <SearchIcon />
      </IconButton>
      {loaded && (
        <Suspense fallback={null}>
          <SearchPalette open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
