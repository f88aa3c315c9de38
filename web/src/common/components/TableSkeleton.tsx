import Skeleton from '@mui/material/Skeleton';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';

interface TableSkeletonProps {
  rows?: number;
  columns: number;
}

/** Placeholder rows with the table's own shape, so nothing jumps when data arrives. */
export function TableSkeleton({ rows = 8, columns }: TableSkeletonProps) {
  return (
    <TableBody aria-hidden data-testid="table-skeleton">
      {Array.from({ length: rows }, (_, row) => (
        <TableRow key={row}>
          {Array.from({ length: columns }, (_, col) => (
            <TableCell key={col}>
              <Skeleton variant="text" width={col === 0 ? '70%' : `${50 + ((row * 7 + col * 13) % 40)}%`} />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  );
}
