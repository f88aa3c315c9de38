import { useMemo } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import ViewKanbanOutlined from '@mui/icons-material/ViewKanbanOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { EmptyState } from '../../../common/components/EmptyState';
import { PageHeader } from '../../../common/components/PageHeader';
import { QueryError } from '../../../common/components/QueryError';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { usePermission } from '../../access/usePermission';
import { selectCurrentUser } from '../../auth/authSlice';
import { useListPipelinesQuery } from '../../records/pipelinesApi';
import { PipelineBoard } from '../components/PipelineBoard';
import { useStageTotalsQuery } from '../pipelineApi';
import type { BoardScope } from '../types';

type OwnerFilter = 'all' | 'me';

/** /deals/pipeline: the deals of one pipeline as a kanban board; pipeline and owner filter live in the URL. */
export function PipelinePage() {
  const t = useT();
  useDocumentTitle(t('pipeline.title'));
  const me = useAppSelector(selectCurrentUser);
  const canMove = usePermission('records.write');
  const canImport = usePermission('records.import');
  const [params, setParams] = useSearchParams();
  const { data, error, isLoading, isFetching, refetch } = useListPipelinesQuery();
  const pipelines = useMemo(
    () =>
      [...(data?.data ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((p) => ({ ...p, stages: [...p.stages].sort((a, b) => a.position - b.position) })),
    [data],
  );

  const requested = params.get('pipeline');
  const pipeline = pipelines.find((p) => p.id === requested) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const owner: OwnerFilter = params.get('owner') === 'me' ? 'me' : 'all';
  const scope = useMemo<BoardScope | null>(
    () => (pipeline ? { pipelineId: pipeline.id, ...(owner === 'me' && me ? { ownerId: me.id } : {}) } : null),
    [pipeline, owner, me],
  );
  const { data: totals } = useStageTotalsQuery(scope ?? { pipelineId: '' }, { skip: !scope });
  const boardEmpty = totals !== undefined && totals.every((row) => row.count === 0);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const controls = pipeline && (
    <Stack direction="row" sx={{ gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
      {pipelines.length > 1 && (
        <TextField
          select
          size="small"
          label={t('pipeline.select')}
          value={pipeline.id}
          onChange={(event) => setParam('pipeline', event.target.value)}
          fullWidth={false}
          sx={{ minWidth: 200, width: 'auto' }}
        >
          {pipelines.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <ToggleButtonGroup
        exclusive
        size="small"
        value={owner}
        aria-label={t('pipeline.owner.label')}
        onChange={(_event, value: OwnerFilter | null) => value && setParam('owner', value === 'me' ? 'me' : null)}
      >
        <ToggleButton value="all">{t('pipeline.owner.all')}</ToggleButton>
        <ToggleButton value="me">{t('pipeline.owner.me')}</ToggleButton>
      </ToggleButtonGroup>
    </Stack>
  );

  let body;
  if (error && !data) {
    body = <QueryError error={error} message={t('pipeline.loadError')} onRetry={() => void refetch()} retrying={isFetching} />;
  } else if (isLoading) {
    body = (
      <Stack direction="row" sx={{ gap: 1.5, overflow: 'hidden' }} aria-hidden data-testid="board-skeleton">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} variant="rounded" sx={{ flex: '0 0 288px', height: 420, borderRadius: 3 }} />
        ))}
      </Stack>
    );
  } else if (!pipeline || !scope) {
    body = <EmptyState icon={<ViewKanbanOutlined />} title={t('pipeline.none.title')} description={t('pipeline.none.body')} />;
  } else {
    body = (
      <>
        {controls}
        {boardEmpty && (
          <Alert
            severity="info"
            variant="outlined"
            sx={{ mb: 2 }}
            action={
              owner === 'me' ? (
                <Button color="inherit" size="small" onClick={() => setParam('owner', null)}>
                  {t('pipeline.empty.showAll')}
                </Button>
              ) : (
                canImport && (
                  <Button
                    color="inherit"
                    size="small"
                    component={RouterLink}
                    to="/imports/new?object=deals"
                    startIcon={<UploadFileOutlined />}
                  >
                    {t('pipeline.empty.import')}
                  </Button>
                )
              )
            }
          >
            <AlertTitle>{t('pipeline.empty.title')}</AlertTitle>
            {owner === 'me' ? t('pipeline.empty.mine') : t('pipeline.empty.body')}
          </Alert>
        )}
        <PipelineBoard key={`${scope.pipelineId}:${scope.ownerId ?? ''}`} pipeline={pipeline} scope={scope} canMove={canMove} />
      </>
    );
  }

  return (
    <Box>
      <PageHeader title={t('pipeline.title')} subtitle={canMove ? t('pipeline.subtitle') : undefined} />
      {body}
    </Box>
  );
}
