import { baseApi, baseQueryWithReauth } from '../../api/baseApi';
import { fileNameFromDisposition } from '../exports/exportFormat';
import type { ImportJob, ImportObject, ImportPreview } from './types';

// The preview reads only the first rows: sending the head of a 200 MB file is enough and fast.
const previewBytes = 1024 * 1024;

export const importsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    previewImport: build.mutation<ImportPreview, { file: File; object: ImportObject }>({
      query: ({ file, object }) => {
        const form = new FormData();
        form.append('object', object);
        form.append('file', file.size > previewBytes ? new File([file.slice(0, previewBytes)], file.name, { type: file.type }) : file);
        return { url: '/imports/preview', method: 'POST', body: form };
      },
    }),
    getImport: build.query<ImportJob, string>({
      query: (id) => `/imports/${encodeURIComponent(id)}`,
    }),
    listImports: build.query<{ data: ImportJob[]; nextCursor: string | null }, void>({
      query: () => ({ url: '/imports', params: { limit: 50 } }),
    }),
    /** The rejected rows as a CSV file (row, column, reason, value), fetched with the session's token. */
    downloadImportErrors: build.mutation<null, { id: string; fileName?: string | null }>({
      queryFn: async ({ id, fileName }, api, extraOptions) => {
        const fallback = `${(fileName ?? 'import').replace(/\.csv$/i, '')}-errors.csv`;
        const result = await baseQueryWithReauth(
          {
            url: `/imports/${encodeURIComponent(id)}/errors`,
            responseHandler: async (response) => ({
              blob: await response.blob(),
              fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallback),
            }),
          },
          api,
          extraOptions,
        );
        if (result.error) return { error: result.error };
        const { blob, fileName: name } = result.data as { blob: Blob; fileName: string };
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.style.display = 'none';
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return { data: null };
      },
    }),
  }),
});

export const { usePreviewImportMutation, useGetImportQuery, useListImportsQuery, useDownloadImportErrorsMutation } = importsApi;
