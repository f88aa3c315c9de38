import Box from '@mui/material/Box';

/** The Meridian mark; decorative, the product name is always written next to it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <Box component="svg" viewBox="0 0 32 32" aria-hidden sx={{ width: size, height: size, flexShrink: 0, display: 'block' }}>
      <rect width="32" height="32" rx="8" fill="currentColor" style={{ color: 'var(--mui-palette-primary-main)' }} />
      <path
        d="M16 5v22M8 9c5 4 11 4 16 0M8 23c5-4 11-4 16 0"
        stroke="var(--mui-palette-primary-contrastText)"
        strokeWidth="2.5"
        fill="none"
        strokeLinecap="round"
      />
    </Box>
  );
}
