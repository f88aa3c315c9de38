import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ColorModeToggle } from '../../../app/theme/ColorModeToggle';
import { useT } from '../../../app/i18n';
import { BrandMark } from '../../../common/shell/BrandMark';

interface AuthLayoutProps {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** A centred card on a quiet background — the frame of every signed-out page. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  const t = useT();
  return (
    <Box
      sx={{
        minHeight: '100dvh',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.default',
      }}
    >
      <Stack direction="row" component="header" sx={{ alignItems: 'center', justifyContent: 'space-between', px: { xs: 2, sm: 3 }, py: 2 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <BrandMark />
          <Typography sx={{ fontWeight: 700 }}>{t('app.name')}</Typography>
        </Stack>
        <ColorModeToggle />
      </Stack>
      <Box
        component="main"
        id="main"
        sx={{ flex: 1, display: 'flex', alignItems: { xs: 'flex-start', sm: 'center' }, justifyContent: 'center', px: 2, pb: 6 }}
      >
        <Card sx={{ width: '100%', maxWidth: 440 }}>
          <CardContent sx={{ p: { xs: 3, sm: 4 }, '&:last-child': { pb: { xs: 3, sm: 4 } } }}>
            <Typography variant="h1" sx={{ mb: 0.5 }}>
              {title}
            </Typography>
            {subtitle ? (
              <Typography color="text.secondary" sx={{ mb: 3 }}>
                {subtitle}
              </Typography>
            ) : (
              <Box sx={{ mb: 3 }} />
            )}
            {children}
            {footer && (
              <Typography variant="body2" component="div" sx={{ mt: 3, textAlign: 'center' }}>
                {footer}
              </Typography>
            )}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}
