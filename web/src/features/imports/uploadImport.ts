import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import { apiBaseUrl } from '../../api/baseApi';
import type { StartImportRequest } from './types';

/** The multipart body of POST /imports; options come before the file so the server reads them first. */
export function importForm({ file, object, mapping, createFields, dedupeBy, onDuplicate, idempotencyKey }: StartImportRequest): FormData {
  const form = new FormData();
  form.append('object', object);
  form.append('mapping', JSON.stringify(mapping));
  form.append('createFields', String(createFields));
  form.append('dedupeBy', dedupeBy);
  form.append('onDuplicate', onDuplicate);
  form.append('idempotencyKey', idempotencyKey);
  form.append('file', file);
  return form;
}

export type UploadResult = { data: { id: string; status: string } } | { error: FetchBaseQueryError };

/**
 * Sends the import with XMLHttpRequest, the one browser API that reports upload progress
 * (a 200 MB file takes a while). Errors come back shaped like RTK Query's, for describeApiError.
 */
export function uploadImport(
  request: StartImportRequest,
  accessToken: string,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiBaseUrl}/imports`);
    xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ data: body as { id: string; status: string } });
      else resolve({ error: { status: xhr.status, data: body } });
    };
    xhr.onerror = () => resolve({ error: { status: 'FETCH_ERROR', error: 'The upload did not reach the server.' } });
    xhr.send(importForm(request));
  });
}
