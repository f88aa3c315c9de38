import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { mappedRows } from '../mapping';

interface MappedPreviewProps {
  headers: string[];
  rows: string[][];
  mapping: Record<string, string>;
  labelOf: (target: string) => string;
}

/** The first rows as they will land in the CRM: field names as headers, only imported columns. */
export function MappedPreview({ headers, rows, mapping, labelOf }: MappedPreviewProps) {
  const t = useT();
  const preview = mappedRows(headers, rows, mapping);
  if (preview.columns.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('imports.mapping.previewEmpty')}
      </Typography>
    );
  }
  return (
    <Box
      sx={{ overflowX: 'auto', border: 1, borderColor: 'divider', borderRadius: 2 }}
      tabIndex={0}
      role="region"
      aria-label={t('imports.mapping.previewLabel')}
    >
      <Table size="small" data-testid="mapped-preview">
        <TableHead>
          <TableRow>
            {preview.columns.map((column) => (
              <TableCell key={column.index} sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
                {labelOf(column.target)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row, index) => (
            <TableRow key={index}>
              {row.map((cell, column) => (
                <TableCell key={column} sx={{ whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
