import { useNavigate } from 'react-router';
import { useAppDispatch } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { describeApiError } from '../../api/problem';
import { useToast } from '../../common/toast/useToast';
import { authApi } from '../auth/authApi';
import { logOut } from '../auth/logOut';
import { workspacesApi } from '../workspaces/workspacesApi';
import { useLeaveWorkspaceMutation } from './membersApi';

/**
 * Leaves the current workspace, then carries on in another of the user's workspaces, or
 * logs out when there is none. Resolves to an error message, or null on success.
 */
export function useLeaveWorkspace() {
  const t = useT();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const toast = useToast();
  const [leave, { isLoading }] = useLeaveWorkspaceMutation();

  const run = async (workspaceName: string): Promise<string | null> => {
    const result = await leave();
    if ('error' in result) {
      const problem = describeApiError(result.error);
      return problem.status === null ? t('common.error.network') : (problem.detail ?? t('common.error.unexpected'));
    }
    const remaining = await dispatch(
      workspacesApi.endpoints.listMyWorkspaces.initiate(undefined, { forceRefetch: true, subscribe: false }),
    );
    const next = remaining.data?.find((w) => !w.current);
    const switched = next ? await dispatch(authApi.endpoints.switchWorkspace.initiate({ workspaceId: next.id })) : null;
    if (!switched || 'error' in switched) {
      await dispatch(logOut());
      return null;
    }
    navigate('/', { replace: true });
    toast({ message: t('members.left', { name: workspaceName }) });
    return null;
  };

  return { leave: run, isLoading };
}
