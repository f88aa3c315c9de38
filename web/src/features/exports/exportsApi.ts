import { baseApi, baseQueryWithReauth } from '../../api/baseApi';
import { fileNameFromDisposition } from './exportFormat';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportObjectCount {
  service: string;
  object: string;
  count: number;
}

export interface ExportSkipped {
  service: string;
  reason: string;
}

export interface WorkspaceExport {
  id: string;
  status: ExportStatus;
  /** 0–100. */
  progress: number;
  summary: { objects: ExportObjectCount[]; skipped: ExportSkipped[] };
  sizeBytes: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
  downloadable: boolean;
}

interface ExportPage {
  data: WorkspaceExport[];
  nextCursor: string | null;
}

const LIST = { type: 'WorkspaceExport', id: 'LIST' } as const;

export const exportsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** The latest 20 exports, newest first. */
    listExports: build.query<ExportPage, void>({
      query: () => '/workspaces/current/exports',
      providesTags: [LIST],
    }),
    getExport: build.query<WorkspaceExport, string>({
      query: (id) => `/workspaces/current/exports/${encodeURIComponent(id)}`,
      providesTags: (_result, _error, id) => [{ type: 'WorkspaceExport', id }],
    }),
    startExport: build.mutation<WorkspaceExport, void>({
      query: () => ({ url: '/workspaces/current/exports', method: 'POST' }),
      invalidatesTags: [LIST, 'AuditEntry'],
    }),
    /**
     * Fetches the archive with the session's Bearer token (refreshed like any request) and hands
     * it to the browser as a file; the token never appears in a URL and the blob never enters the store.
     */
    downloadExport: build.mutation<null, string>({
      queryFn: async (id, api, extraOptions) => {
        const result = await baseQueryWithReauth(
          {
            url: `/workspaces/current/exports/${encodeURIComponent(id)}/download`,
            responseHandler: async (response) => ({
              blob: await response.blob(),
              fileName: fileNameFromDisposition(response.headers.get('content-disposition'), `meridian-export-${id}.zip`),
            }),
          },
          api,
          extraOptions,
        );
        if (result.error) return { error: result.error };
        const { blob, fileName } = result.data as { blob: Blob; fileName: string };
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.style.display = 'none';
        document.body.append(link);
        link.click();
        link.remove();
        // Give the browser a moment to start the download before the URL goes away.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return { data: null };
      },
    }),
  }),
});

export const { useListExportsQuery, useGetExportQuery, useStartExportMutation, useDownloadExportMutation } = exportsApi;
