import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import Paper from '@mui/material/Paper';
import { useAppDispatch, useAppStore } from '../../../app/hooks';
import { useT } from '../../../app/i18n';
import { decodeAccessToken } from '../../auth/accessToken';
import { describeApiError } from '../../../api/problem';
import { PageHeader } from '../../../common/components/PageHeader';
import { useDocumentTitle } from '../../../common/hooks/useDocumentTitle';
import { ImportSteps } from '../components/ImportSteps';
import { MappingStep, type ImportOptionsState } from '../components/MappingStep';
import { UploadStep } from '../components/UploadStep';
import { DEDUPE_KEYS } from '../importTargets';
import { importsApi, usePreviewImportMutation } from '../importsApi';
import { uploadImport } from '../uploadImport';
import { SKIP } from '../mapping';
import type { ImportObject, ImportPreview } from '../types';

const isObject = (value: string | null): value is ImportObject => value === 'contacts' || value === 'companies' || value === 'deals';

/** /imports/new: upload and mapping; once started, the import's own page shows progress and the result. */
export function ImportWizardPage() {
  const t = useT();
  useDocumentTitle(t('imports.wizard.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requested = params.get('object');
  const [object, setObject] = useState<ImportObject>(isObject(requested) ? requested : 'contacts');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [options, setOptions] = useState<ImportOptionsState | null>(null);
  // One key per file and mapping attempt: a retried or double-clicked start never imports twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [previewImport, { isLoading: previewing }] = usePreviewImportMutation();
  const [uploaded, setUploaded] = useState<number | null>(null);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const starting = uploaded !== null;

  const toMapping = async () => {
    if (!file) return;
    setPreviewError(null);
    const result = await previewImport({ file, object });
    if ('error' in result) {
      const info = describeApiError(result.error);
      setPreviewError(
        info.status === null
          ? t('common.error.network')
          : t('imports.upload.previewFailed', {
              reason: Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected'),
            }),
      );
      return;
    }
    const data = result.data;
    const mapping = Object.fromEntries(data.headers.map((header) => [header, data.mapping[header] ?? SKIP]));
    setPreview(data);
    setOptions({ mapping, createFields: false, dedupeBy: DEDUPE_KEYS[object][0] ?? 'none', onDuplicate: 'update' });
    setIdempotencyKey(crypto.randomUUID());
    setStartError(null);
  };

  const start = async () => {
    if (!file || !options) return;
    setStartError(null);
    setUploaded(0);
    // The upload bypasses RTK Query (it needs progress events): make sure the token outlives it
    // by letting an ordinary request refresh an expiring session first.
    const claims = decodeAccessToken(store.getState().auth.session?.accessToken);
    if (!claims?.expiresAt || claims.expiresAt * 1000 - Date.now() < 60_000) {
      await dispatch(importsApi.endpoints.listImports.initiate(undefined, { subscribe: false, forceRefetch: true }));
    }
    const token = store.getState().auth.session?.accessToken ?? '';
    const result = await uploadImport({ file, object, idempotencyKey, ...options }, token, setUploaded);
    setUploaded(null);
    if ('error' in result) {
      const info = describeApiError(result.error);
      setStartError(
        info.status === null
          ? t('common.error.network')
          : (Object.values(info.fieldErrors)[0] ?? info.detail ?? t('common.error.unexpected')),
      );
      return;
    }
    navigate(`/imports/${result.data.id}`);
  };

  const mapping = preview && options && file;
  return (
    <>
      <PageHeader title={t('imports.wizard.title')} />
      <ImportSteps active={mapping ? 1 : 0} />
      <Paper variant="outlined" sx={{ borderRadius: 3, p: { xs: 2, sm: 3 } }}>
        {mapping ? (
          <MappingStep
            object={object}
            fileName={file.name}
            preview={preview}
            options={options}
            onChange={(next) => {
              setOptions(next);
              // Different settings are a different import: a new key, so the server does not return the old one.
              setIdempotencyKey(crypto.randomUUID());
            }}
            starting={starting}
            uploaded={uploaded}
            startError={startError}
            onBack={() => setPreview(null)}
            onStart={() => void start()}
          />
        ) : (
          <UploadStep
            object={object}
            file={file}
            error={previewError}
            busy={previewing}
            onObjectChange={(next) => {
              setObject(next);
              setPreviewError(null);
            }}
            onFileChange={(next) => {
              setFile(next);
              setPreviewError(null);
            }}
            onNext={() => void toMapping()}
          />
        )}
      </Paper>
    </>
  );
}
