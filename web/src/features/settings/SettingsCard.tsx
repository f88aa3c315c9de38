import { useId, type ReactNode } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

interface SettingsCardProps {
  title: string;
  description?: ReactNode;
  /** Shown beside the title (a status chip, a button). */
  aside?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

/** One group of settings: a titled card, labelled for assistive technology by its heading. */
export function SettingsCard({ title, description, aside, children, testId }: SettingsCardProps) {
  const headingId = useId();
  return (
    <Card component="section" aria-labelledby={headingId} sx={{ mb: 3 }} data-testid={testId}>
      <CardContent sx={{ p: { xs: 2, sm: 3 }, '&:last-child': { pb: { xs: 2, sm: 3 } } }}>
        <Stack
          direction="row"
          sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap', mb: children ? 2 : 0 }}
        >
          <div>
            <Typography id={headingId} variant="h3" component="h3">
              {title}
            </Typography>
            {description && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, maxWidth: 620 }}>
                {description}
              </Typography>
            )}
          </div>
          {aside}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}
