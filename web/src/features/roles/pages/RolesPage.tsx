import Check from '@mui/icons-material/Check';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { QueryError } from '../../../common/components/QueryError';
import { VisuallyHidden } from '../../../common/components/VisuallyHidden';
import { useToast } from '../../../common/toast/useToast';
import { permissionLabelKeys, roleDescriptionKeys, roleLabelKeys } from '../../access/roleLabels';
import { usePermission } from '../../access/usePermission';
import { SectionHeader } from '../../settings/SectionHeader';
import { useGetRolesQuery, useSetRecordVisibilityMutation, type RecordVisibility, type RoleInfo } from '../rolesApi';

const sticky = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  bgcolor: 'background.paper',
  borderRight: 1,
  borderRightColor: 'divider',
} as const;

/** The permission matrix, read-only, plus each role's record visibility (editable by admins). */
export function RolesPage() {
  const t = useT();
  const toast = useToast();
  const canEdit = usePermission('settings.manage');
  const { data, error, isLoading, isFetching, refetch } = useGetRolesQuery();
  const [setVisibility, { isLoading: saving }] = useSetRecordVisibilityMutation();

  const visibilityLabel = (v: RecordVisibility) => (v === 'all' ? t('roles.visibility.all') : t('roles.visibility.team'));

  const changeVisibility = async (info: RoleInfo, recordVisibility: RecordVisibility) => {
    const result = await setVisibility({ role: info.role, recordVisibility });
    if (!('error' in result)) {
      toast({ message: t('roles.visibility.saved', { role: t(roleLabelKeys[info.role]), visibility: visibilityLabel(recordVisibility) }) });
      return;
    }
    const problem = describeApiError(result.error);
    toast({
      severity: 'error',
      message: problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected')),
    });
  };

  let body;
  if (isLoading) body = <Skeleton variant="rounded" height={480} aria-hidden />;
  else if (!data) body = <QueryError error={error} message={t('roles.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  else
    body = (
      <Paper
        variant="outlined"
        sx={{
          borderRadius: 3,
          overflow: 'hidden',
          '&:has(.roles-scroll:focus-visible)': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
        }}
      >
        <TableContainer
          className="roles-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('roles.tableLabel')}
          sx={{ '&:focus-visible': { outline: 'none' } }}
        >
          <Table size="small" aria-label={t('roles.tableLabel')} sx={{ minWidth: 720 }} data-testid="roles-matrix">
            <TableHead>
              <TableRow>
                <TableCell sx={{ ...sticky, zIndex: 2, minWidth: 220 }}>{t('roles.permission')}</TableCell>
                {data.roles.map((info) => (
                  <TableCell key={info.role} align="center" sx={{ minWidth: 110 }}>
                    <span title={t(roleDescriptionKeys[info.role])}>{t(roleLabelKeys[info.role])}</span>
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.permissions.map((permission) => (
                <TableRow key={permission}>
                  <TableCell component="th" scope="row" sx={sticky}>
                    {permissionLabelKeys[permission] ? t(permissionLabelKeys[permission]) : permission}
                  </TableCell>
                  {data.roles.map((info) =>
                    info.permissions.includes(permission) ? (
                      <TableCell key={info.role} align="center">
                        <Check fontSize="small" color="success" aria-hidden sx={{ verticalAlign: 'middle' }} />
                        <VisuallyHidden>{t('roles.yes')}</VisuallyHidden>
                      </TableCell>
                    ) : (
                      <TableCell key={info.role} align="center" sx={{ color: 'text.secondary' }}>
                        <span aria-hidden>—</span>
                        <VisuallyHidden>{t('roles.no')}</VisuallyHidden>
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))}
              <TableRow>
                <TableCell component="th" scope="row" sx={{ ...sticky, fontWeight: 600 }}>
                  {t('roles.visibility')}
                  <Typography variant="body2" color="text.secondary">
                    {t('roles.visibilityHelp')}
                  </Typography>
                </TableCell>
                {data.roles.map((info) => (
                  <TableCell key={info.role} align="center">
                    {canEdit && info.recordVisibilityEditable ? (
                      <TextField
                        select
                        size="small"
                        value={info.recordVisibility}
                        disabled={saving}
                        onChange={(event) => void changeVisibility(info, event.target.value as RecordVisibility)}
                        slotProps={{ htmlInput: { 'aria-label': t('roles.visibilityFor', { role: t(roleLabelKeys[info.role]) }) } }}
                        sx={{ minWidth: 130 }}
                      >
                        <MenuItem value="all">{t('roles.visibility.all')}</MenuItem>
                        <MenuItem value="team">{t('roles.visibility.team')}</MenuItem>
                      </TextField>
                    ) : (
                      visibilityLabel(info.recordVisibility)
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableBody>
          </Table>
        </TableContainer>
      </Paper>
    );

  return (
    <>
      <SectionHeader title={t('settings.roles')} subtitle={t('roles.subtitle')} />
      {body}
    </>
  );
}
