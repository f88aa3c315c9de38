import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Add from '@mui/icons-material/Add';
import Close from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../../app/i18n';
import { describeApiError } from '../../../api/problem';
import { QueryError } from '../../../common/components/QueryError';
import { useToast } from '../../../common/toast/useToast';
import { usePermission } from '../../access/usePermission';
import { useSearchQuery } from '../../search/searchApi';
import { recordTitle } from '../columns';
import { useListPipelinesQuery } from '../pipelinesApi';
import { useGetRecordQuery, useListRecordsInfiniteQuery, useUpdateRecordMutation } from '../recordsApi';
import type { AnyRecord, FilterGroup, RecordObject } from '../types';
import { CompanyName, formatMoney } from './CellValue';
import { CreateRecordDialog } from './CreateRecordDialog';
import { SectionCard } from './SectionCard';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';

function RelatedList({
  object,
  filter,
  title,
  empty,
  action,
}: {
  object: RecordObject;
  filter: FilterGroup;
  title: string;
  empty: string;
  action?: React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const { data, error, isLoading, isFetching, refetch } = useListRecordsInfiniteQuery({ object, filter, sort: '-createdAt' });
  const rows = data?.pages[0]?.data ?? [];
  const total = data?.pages[0]?.total?.count;
  return (
    <SectionCard title={total ? `${title} (${total})` : title} action={action} testId={`related-${object}`}>
      {error && !data ? (
        <QueryError error={error} message={t('records.related.loadError')} onRetry={() => void refetch()} retrying={isFetching} />
      ) : isLoading ? (
        <Skeleton variant="rounded" height={32} />
      ) : rows.length === 0 ? (
        <Typography color="text.secondary">{empty}</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {rows.slice(0, 20).map((r) => (
            <Box component="li" key={r.id} sx={{ py: 0.5 }}>
              <Link component={RouterLink} to={`/${object}/${r.id}`} underline="hover">
                {recordTitle(object, r) || t('records.untitled')}
              </Link>
              <Typography component="span" variant="body2" color="text.secondary">
                {object === 'deals' &&
                  ` · ${r.stageName ?? ''}${r.amount ? ` · ${formatMoney(r.amount, String(r.currency ?? ''), locale)}` : ''}`}
                {object === 'contacts' && r.email ? ` · ${String(r.email)}` : ''}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </SectionCard>
  );
}

function CompanyCard({ companyId }: { companyId: string | null }) {
  const { t } = useI18n();
  return (
    <SectionCard title={t('records.field.company')} testId="related-company">
      {companyId ? (
        <CompanyName id={companyId} focusable />
      ) : (
        <Typography color="text.secondary">{t('records.related.noCompany')}</Typography>
      )}
    </SectionCard>
  );
}

function DealContact({ id, onRemove, canWrite }: { id: string; onRemove: () => void; canWrite: boolean }) {
  const { t } = useI18n();
  const { data } = useGetRecordQuery({ object: 'contacts', id });
  const name = data ? recordTitle('contacts', data) : '…';
  return (
    <Box component="li" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <Link component={RouterLink} to={`/contacts/${id}`} underline="hover" sx={{ flex: 1 }}>
        {name}
      </Link>
      {canWrite && (
        <IconButton size="small" onClick={onRemove} aria-label={t('records.related.unlink', { name })}>
          <Close fontSize="small" />
        </IconButton>
      )}
    </Box>
  );
}

/** A deal's people: linked contacts, add one by search, remove a link. */
function DealContacts({ deal }: { deal: AnyRecord }) {
  const { t } = useI18n();
  const toast = useToast();
  const canWrite = usePermission('records.write');
  const [updateRecord] = useUpdateRecordMutation();
  const [q, setQ] = useState('');
  const { data: hits } = useSearchQuery({ q, limit: 8, objects: ['contacts'] }, { skip: q.trim().length < 1 });
  const ids = Array.isArray(deal.contactIds) ? (deal.contactIds as string[]) : [];
  const save = async (contactIds: string[]) => {
    const result = await updateRecord({ object: 'deals', id: deal.id, changes: { contactIds } });
    if ('error' in result) toast({ message: describeApiError(result.error).detail ?? t('common.error.unexpected'), severity: 'error' });
  };
  return (
    <SectionCard title={t('records.related.contacts')} testId="related-contacts">
      {ids.length === 0 && <Typography color="text.secondary">{t('records.related.noContacts')}</Typography>}
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, mb: canWrite ? 1.5 : 0 }}>
        {ids.map((id) => (
          <DealContact key={id} id={id} canWrite={canWrite} onRemove={() => void save(ids.filter((x) => x !== id))} />
        ))}
      </Box>
      {canWrite && (
        <Autocomplete
          size="small"
          options={(hits?.data ?? []).filter((h) => !ids.includes(h.id))}
          getOptionLabel={(h) => h.title}
          filterOptions={(x) => x}
          inputValue={q}
          onInputChange={(_e, v) => setQ(v)}
          value={null}
          onChange={(_e, hit) => {
            if (hit) void save([...ids, hit.id]);
            setQ('');
          }}
          noOptionsText={t('records.company.typeToSearch')}
          renderInput={(params) => <TextField {...params} label={t('records.related.addContact')} />}
        />
      )}
    </SectionCard>
  );
}

/** The deal's pipeline as steps: where it stands, and a click moves it. */
function StageCard({ deal }: { deal: AnyRecord }) {
  const { t } = useI18n();
  const toast = useToast();
  const canWrite = usePermission('records.write');
  const { data } = useListPipelinesQuery();
  const [updateRecord] = useUpdateRecordMutation();
  const pipeline = data?.data.find((p) => p.id === deal.pipelineId);
  const stages = pipeline?.stages ?? [];
  const activeIndex = stages.findIndex((s) => s.id === deal.stageId);
  const [losing, setLosing] = useState<string | null>(null);
  const [lostReason, setLostReason] = useState('');
  const move = async (stageId: string, reason?: string) => {
    const changes = reason ? { stageId, lostReason: reason } : { stageId };
    const result = await updateRecord({ object: 'deals', id: deal.id, changes });
    if ('error' in result) toast({ message: describeApiError(result.error).detail ?? t('common.error.unexpected'), severity: 'error' });
    else toast({ message: t('deals.movedTo', { stage: stages.find((x) => x.id === stageId)?.name ?? '' }) });
  };
  // A lost deal asks why: the reason feeds win/loss reviews.
  const choose = (stageId: string) => {
    if (stages.find((x) => x.id === stageId)?.kind === 'lost') {
      setLostReason('');
      setLosing(stageId);
    } else void move(stageId);
  };
  return (
    <SectionCard
      title={pipeline ? t('records.related.stageIn', { pipeline: pipeline.name }) : t('records.field.stage')}
      testId="deal-stage"
    >
      {!pipeline ? (
        <Skeleton variant="rounded" height={32} />
      ) : (
        <Stepper nonLinear activeStep={activeIndex} orientation="vertical">
          {stages.map((stage, index) => (
            <Step key={stage.id} completed={index < activeIndex && stage.kind === 'open'}>
              <StepButton
                onClick={() => canWrite && stage.id !== deal.stageId && choose(stage.id)}
                disabled={!canWrite}
                optional={
                  <Typography variant="caption" color="text.secondary">
                    {t('settings.pipelines.probabilityValue', { value: stage.probability })}
                  </Typography>
                }
                aria-current={stage.id === deal.stageId ? 'step' : undefined}
              >
                {stage.name}
              </StepButton>
            </Step>
          ))}
        </Stepper>
      )}
      <Dialog open={Boolean(losing)} onClose={() => setLosing(null)} aria-labelledby="lost-reason-title" fullWidth maxWidth="xs">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (losing) void move(losing, lostReason.trim() || undefined);
            setLosing(null);
          }}
        >
          <DialogTitle id="lost-reason-title">{t('deals.lostTitle')}</DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={2}
              name="lostReason"
              label={`${t('deals.lostReason')} (${t('common.optional')})`}
              value={lostReason}
              onChange={(e) => setLostReason(e.target.value)}
              sx={{ mt: 1 }}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2.5 }}>
            <Button color="inherit" onClick={() => setLosing(null)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" color="error">
              {t('deals.markLost')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </SectionCard>
  );
}

/** What a record is connected to: contact → company, deals; company → contacts, deals; deal → stage, company, contacts. */
export function RelatedRecords({ object, record }: { object: RecordObject; record: AnyRecord }) {
  const { t } = useI18n();
  const canWrite = usePermission('records.write');
  const [creatingDeal, setCreatingDeal] = useState(false);
  const companyId = typeof record.companyId === 'string' ? record.companyId : null;
  const addDeal = canWrite && (
    <Button size="small" startIcon={<Add />} onClick={() => setCreatingDeal(true)}>
      {t('deals.create')}
    </Button>
  );
  const dealDialog = (
    <CreateRecordDialog
      object="deals"
      open={creatingDeal}
      onClose={() => setCreatingDeal(false)}
      initial={
        object === 'companies'
          ? { company: { id: record.id, name: String(record.name ?? '') } }
          : { contactIds: [record.id], company: companyId ? { id: companyId, name: String(record.companyName ?? '') } : undefined }
      }
    />
  );
  if (object === 'contacts') {
    return (
      <>
        <CompanyCard companyId={companyId} />
        <RelatedList
          object="deals"
          filter={{ and: [{ field: 'contactIds', op: 'contains', value: record.id }] }}
          title={t('records.related.deals')}
          empty={t('records.related.noDeals')}
          action={addDeal}
        />
        {dealDialog}
      </>
    );
  }
  if (object === 'companies') {
    return (
      <>
        <RelatedList
          object="contacts"
          filter={{ and: [{ field: 'companyId', op: 'eq', value: record.id }] }}
          title={t('records.related.contacts')}
          empty={t('records.related.noContacts')}
        />
        <RelatedList
          object="deals"
          filter={{ and: [{ field: 'companyId', op: 'eq', value: record.id }] }}
          title={t('records.related.deals')}
          empty={t('records.related.noDeals')}
          action={addDeal}
        />
        {dealDialog}
      </>
    );
  }
  return (
    <>
      <StageCard deal={record} />
      <CompanyCard companyId={companyId} />
      <DealContacts deal={record} />
    </>
  );
}
