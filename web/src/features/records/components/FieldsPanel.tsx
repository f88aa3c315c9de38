import { useState } from 'react';
import EditOutlined from '@mui/icons-material/EditOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { useListFieldsQuery } from '../../fields/fieldsApi';
import { allColumns, patchFor, readValue, type ColumnDef } from '../columns';
import { useUpdateRecordMutation } from '../recordsApi';
import type { AnyRecord, RecordObject } from '../types';
import { useMembers } from '../useMemberNames';
import { CellEditor } from './CellEditor';
import { CellValue } from './CellValue';
import { CompanyPicker, type CompanyChoice } from './CompanyPicker';
import { SectionCard } from './SectionCard';

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function CompanyEditor({
  record,
  label,
  onDone,
}: {
  record: AnyRecord;
  label: string;
  onDone: (company: CompanyChoice | null | undefined) => void;
}) {
  const t = useT();
  const initial = record.companyId ? { id: String(record.companyId), name: String(record.companyName ?? '') } : null;
  const [value, setValue] = useState<CompanyChoice | null>(initial);
  return (
    <Stack sx={{ gap: 1, width: '100%' }}>
      <CompanyPicker value={value} onChange={setValue} label={label} size="small" />
      <Stack direction="row" sx={{ gap: 1 }}>
        <Button size="small" variant="contained" onClick={() => onDone(value)}>
          {t('records.save')}
        </Button>
        <Button size="small" color="inherit" onClick={() => onDone(undefined)}>
          {t('common.cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}

/** Every standard and custom field of a record, each editable in place. */
export function FieldsPanel({ object, record }: { object: RecordObject; record: AnyRecord }) {
  const t = useT();
  const toast = useToast();
  const canEdit = usePermission('records.write');
  const { data: fields } = useListFieldsQuery(object);
  const { members, nameOf } = useMembers();
  const [updateRecord] = useUpdateRecordMutation();
  const [editing, setEditing] = useState<string | null>(null);
  const columns = allColumns(object, fields?.data).filter((c) => c.kind !== 'name' || object !== 'contacts');
  const labelOf = (c: ColumnDef) => (c.labelKey ? t(c.labelKey) : (c.label ?? c.key));

  const save = async (column: ColumnDef, changes: Record<string, unknown>) => {
    setEditing(null);
    const result = await updateRecord({ object, id: record.id, changes });
    if ('error' in result) {
      const info = describeApiError(result.error);
      toast({
        message: t('records.editFailed', {
          field: labelOf(column),
          reason: Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected'),
        }),
        severity: 'error',
      });
    } else toast({ message: t('records.fieldSaved', { field: labelOf(column) }) });
  };

  return (
    <SectionCard title={t('records.fields')}>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(110px, 40%) 1fr', rowGap: 0.5, columnGap: 1.5, alignItems: 'center' }}
      >
        {columns.map((column) => {
          const editable = canEdit && (column.editable || column.kind === 'company' || column.kind === 'name');
          const label = labelOf(column);
          const isEditing = editing === column.key;
          const nameColumn: ColumnDef = column.kind === 'name' ? { ...column, kind: 'text', key: 'name' } : column;
          return (
            <Box key={column.key} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary" sx={{ py: 0.75, overflowWrap: 'anywhere' }}>
                {label}
              </Typography>
              <Box
                component="dd"
                sx={{
                  m: 0,
                  minHeight: 36,
                  display: 'flex',
                  alignItems: 'center',
                  gap: 0.5,
                  minWidth: 0,
                  '&:hover .edit-field, & .edit-field:focus-visible': { opacity: 1 },
                }}
                data-field={column.key}
              >
                {isEditing && column.kind === 'company' ? (
                  <CompanyEditor
                    record={record}
                    label={label}
                    onDone={(company) => (company === undefined ? setEditing(null) : void save(column, { companyId: company?.id ?? null }))}
                  />
                ) : isEditing ? (
                  <CellEditor
                    column={nameColumn}
                    value={readValue(record, nameColumn.key)}
                    pipelineId={typeof record.pipelineId === 'string' ? record.pipelineId : undefined}
                    members={members}
                    label={label}
                    onCommit={(value) =>
                      sameValue(value, readValue(record, nameColumn.key))
                        ? setEditing(null)
                        : void save(column, patchFor(nameColumn.key, value))
                    }
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <Box sx={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', flex: 1, overflowWrap: 'anywhere' }}>
                      <CellValue object={object} column={nameColumn} record={record} nameOf={nameOf} focusable />
                    </Box>
                    {editable && (
                      <IconButton
                        size="small"
                        className="edit-field"
                        onClick={() => setEditing(column.key)}
                        aria-label={t('records.editField', { field: label })}
                        sx={{ opacity: { xs: 1, md: 0.6 } }}
                      >
                        <EditOutlined fontSize="small" />
                      </IconButton>
                    )}
                  </>
                )}
              </Box>
            </Box>
          );
        })}
      </Box>
    </SectionCard>
  );
}
