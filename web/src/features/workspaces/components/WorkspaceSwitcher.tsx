import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import Check from '@mui/icons-material/Check';
import UnfoldMore from '@mui/icons-material/UnfoldMore';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { VisuallyHidden } from '../../../common/components/VisuallyHidden';
import { useToast } from '../../../common/toast/useToast';
import { roleLabelKeys } from '../../access/roleLabels';
import { useSwitchWorkspaceMutation } from '../../auth/authApi';
import { selectWorkspace } from '../../auth/authSlice';
import { useListMyWorkspacesQuery } from '../workspacesApi';

/** The current workspace in the top bar; opens a menu of the user's other workspaces. */
export function WorkspaceSwitcher() {
  const t = useT();
  const navigate = useNavigate();
  const toast = useToast();
  const current = useAppSelector(selectWorkspace);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data: workspaces, isLoading, isError, refetch } = useListMyWorkspacesQuery(undefined, { skip: !anchor });
  const [switchWorkspace, { isLoading: switching }] = useSwitchWorkspaceMutation();
  const menuId = useId();
  const buttonId = useId();

  const choose = async (id: string, name: string) => {
    setAnchor(null);
    if (id === current?.id) return;
    const result = await switchWorkspace({ workspaceId: id });
    if ('error' in result) {
      const { status } = describeApiError(result.error);
      toast({ severity: 'error', message: status === null ? t('common.error.network') : t('workspaces.switchFailed', { name }) });
      return;
    }
    navigate('/', { replace: true });
    toast({ message: t('workspaces.switched', { name }) });
  };

  return (
    <>
      <ButtonBase
        id={buttonId}
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        disabled={switching}
        sx={{
          minWidth: 0,
          maxWidth: '100%',
          justifyContent: 'flex-start',
          textAlign: 'left',
          gap: 0.5,
          px: 1,
          py: 0.5,
          borderRadius: 2,
          '&:hover': { bgcolor: 'action.hover' },
        }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', lineHeight: 1.2 }}>
            {t('shell.workspace')}
          </Typography>
          <Typography sx={{ fontWeight: 600, lineHeight: 1.3 }} noWrap data-testid="workspace-name">
            {current?.name}
          </Typography>
        </Box>
        {/* The visible text names the button; this says what it does (WCAG 2.5.3: visible label first). */}
        <VisuallyHidden>{t('workspaces.switch')}</VisuallyHidden>
        <UnfoldMore fontSize="small" sx={{ color: 'text.secondary', flexShrink: 0 }} aria-hidden />
      </ButtonBase>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-labelledby': buttonId, dense: false }, paper: { sx: { minWidth: 260, maxWidth: 360 } } }}
      >
        {isLoading &&
          [0, 1].map((i) => (
            <MenuItem key={i} disabled aria-hidden>
              <Skeleton width={180} />
            </MenuItem>
          ))}
        {isError && (
          <MenuItem onClick={() => void refetch()}>
            <ListItemText primary={t('workspaces.loadError')} secondary={t('common.retry')} />
          </MenuItem>
        )}
        {workspaces?.map((workspace) => {
          const selected = workspace.id === current?.id;
          return (
            <MenuItem
              key={workspace.id}
              selected={selected}
              onClick={() => void choose(workspace.id, workspace.name)}
              aria-current={selected ? 'true' : undefined}
            >
              <ListItemIcon>{selected && <Check fontSize="small" />}</ListItemIcon>
              <ListItemText
                primary={workspace.name}
                secondary={t(roleLabelKeys[workspace.role])}
                slotProps={{ primary: { noWrap: true } }}
              />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
