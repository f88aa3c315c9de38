import { useState } from 'react';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useI18n } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../common/components/ConfirmDialog';
import { TableSkeleton } from '../../../common/components/TableSkeleton';
import { VisuallyHidden } from '../../../common/components/VisuallyHidden';
import { useToast } from '../../../common/toast/useToast';
import type { Role } from '../../access/permissions';
import { roleLabelKeys } from '../../access/roleLabels';
import { selectCurrentUser, selectRole } from '../../auth/authSlice';
import { useChangeMemberRoleMutation, useRemoveMemberMutation } from '../membersApi';
import { canManageRole, grantableRoles } from '../roleRules';
import type { Member } from '../types';

interface MembersTableProps {
  members: Member[];
  loading: boolean;
  /** Whether the viewer may change roles and remove people at all (members.manage). */
  manage: boolean;
  onLeave: () => void;
}

type Pending = { kind: 'remove'; member: Member } | { kind: 'role'; member: Member; role: Role } | null;

export function MembersTable({ members, loading, manage, onLeave }: MembersTableProps) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const me = useAppSelector(selectCurrentUser);
  const myRole = useAppSelector(selectRole);
  const [changeRole] = useChangeMemberRoleMutation();
  const [remove, removing] = useRemoveMemberMutation();
  const [changingRole, setChangingRole] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const roles = grantableRoles(myRole);

  const errorMessage = (error: unknown) => {
    const problem = describeApiError(error);
    return problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected'));
  };

  const applyRole = async (member: Member, role: Role) => {
    setChangingRole(true);
    const result = await changeRole({ userId: member.userId, role });
    setChangingRole(false);
    if ('error' in result) {
      const message = errorMessage(result.error);
      if (pending) setDialogError(message);
      else toast({ severity: 'error', message });
      return;
    }
    setPending(null);
    toast({ message: t('members.roleChanged', { name: member.name, role: t(roleLabelKeys[role]) }) });
  };

  const requestRole = (member: Member, role: Role) => {
    if (role === member.role) return;
    // Lowering one's own role can lock oneself out of this page: ask first.
    if (member.userId === me?.id) {
      setDialogError(null);
      setPending({ kind: 'role', member, role });
    } else void applyRole(member, role);
  };

  const confirmRemove = async (member: Member) => {
    setDialogError(null);
    const result = await remove(member.userId);
    if ('error' in result) return setDialogError(errorMessage(result.error));
    setPending(null);
    toast({ message: t('members.removed', { name: member.name }) });
  };

  return (
    <>
      <TableContainer>
        <Table size="small" aria-label={t('members.tableLabel')} sx={{ minWidth: 560 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('members.column.member')}</TableCell>
              <TableCell sx={{ width: 180 }}>{t('members.role')}</TableCell>
              <TableCell sx={{ width: 140 }}>{t('members.column.joined')}</TableCell>
              <TableCell align="right" sx={{ width: 120 }}>
                <VisuallyHidden>{t('members.column.actions')}</VisuallyHidden>
              </TableCell>
            </TableRow>
          </TableHead>
          {loading ? (
            <TableSkeleton columns={4} rows={4} />
          ) : (
            <TableBody>
              {members.map((member) => {
                const self = member.userId === me?.id;
                const editable = manage && canManageRole(myRole, member.role) && roles.length > 0;
                return (
                  <TableRow key={member.userId} data-testid="member-row">
                    <TableCell component="th" scope="row">
                      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                        <Typography sx={{ fontWeight: 500 }}>{member.name}</Typography>
                        {self && <Chip size="small" label={t('members.you')} />}
                      </Stack>
                      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                        {member.email}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {editable ? (
                        <TextField
                          select
                          size="small"
                          value={member.role}
                          disabled={changingRole}
                          onChange={(event) => requestRole(member, event.target.value as Role)}
                          slotProps={{ htmlInput: { 'aria-label': t('members.roleFor', { name: member.name }) } }}
                        >
                          {/* A role above the actor's can still be the current one: show it, disabled. */}
                          {(roles.includes(member.role) ? roles : [member.role, ...roles]).map((role) => (
                            <MenuItem key={role} value={role} disabled={!roles.includes(role)}>
                              {t(roleLabelKeys[role])}
                            </MenuItem>
                          ))}
                        </TextField>
                      ) : (
                        <Chip size="small" variant="outlined" label={t(roleLabelKeys[member.role])} />
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={member.joinedAt}>{formatDate(member.joinedAt)}</time>
                    </TableCell>
                    <TableCell align="right">
                      {self ? (
                        <Button size="small" color="error" onClick={onLeave}>
                          {t('members.leave')}
                        </Button>
                      ) : (
                        editable && (
                          <Button
                            size="small"
                            color="error"
                            onClick={() => {
                              setDialogError(null);
                              setPending({ kind: 'remove', member });
                            }}
                            aria-label={t('members.removeLabel', { name: member.name })}
                          >
                            {t('members.remove')}
                          </Button>
                        )
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          )}
        </Table>
      </TableContainer>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'role' ? t('members.selfRoleTitle') : t('members.removeTitle', { name: pending?.member.name ?? '' })}
        description={
          pending?.kind === 'role'
            ? t('members.selfRoleBody', { role: t(roleLabelKeys[pending.role]) })
            : t('members.removeBody', { name: pending?.member.name ?? '' })
        }
        confirmLabel={pending?.kind === 'role' ? t('members.changeRole') : t('members.remove')}
        destructive
        busy={removing.isLoading || changingRole}
        error={dialogError}
        onConfirm={() => {
          if (pending?.kind === 'remove') void confirmRemove(pending.member);
          else if (pending?.kind === 'role') void applyRole(pending.member, pending.role);
        }}
        onClose={() => setPending(null)}
      />
    </>
  );
}
