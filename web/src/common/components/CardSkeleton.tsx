import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';

export function CardSkeleton({ height = 120 }: { height?: number }) {
  return (
    <Card aria-hidden data-testid="card-skeleton">
      <CardContent>
        <Skeleton variant="text" width="40%" />
        <Skeleton variant="rounded" height={height} sx={{ mt: 1 }} />
      </CardContent>
    </Card>
  );
}
