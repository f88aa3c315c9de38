import { baseApi } from '../../api/baseApi';

export type StageKind = 'open' | 'won' | 'lost';

export interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

export interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  position: number;
  stages: Stage[];
}

export interface StageInput {
  name: string;
  probability: number;
  kind: StageKind;
}

// Stage changes move deals between columns: the deal lists and boards refetch too.
const pipelineChanged = [{ type: 'Pipeline' as const, id: 'LIST' }];

export const pipelinesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listPipelines: build.query<{ data: Pipeline[] }, void>({
      query: () => '/pipelines',
      providesTags: pipelineChanged,
    }),
    createPipeline: build.mutation<Pipeline, { name: string; stages?: StageInput[] }>({
      query: (body) => ({ url: '/pipelines', method: 'POST', body }),
      invalidatesTags: pipelineChanged,
    }),
    updatePipeline: build.mutation<Pipeline, { id: string; name?: string; isDefault?: boolean }>({
      query: ({ id, ...body }) => ({ url: `/pipelines/${encodeURIComponent(id)}`, method: 'PATCH', body }),
      invalidatesTags: pipelineChanged,
    }),
    deletePipeline: build.mutation<void, string>({
      query: (id) => ({ url: `/pipelines/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: pipelineChanged,
    }),
    createStage: build.mutation<Stage, { pipelineId: string } & StageInput>({
      query: ({ pipelineId, ...body }) => ({ url: `/pipelines/${encodeURIComponent(pipelineId)}/stages`, method: 'POST', body }),
      invalidatesTags: pipelineChanged,
    }),
    updateStage: build.mutation<Stage, { pipelineId: string; stageId: string } & Partial<StageInput & { position: number }>>({
      query: ({ pipelineId, stageId, ...body }) => ({
        url: `/pipelines/${encodeURIComponent(pipelineId)}/stages/${encodeURIComponent(stageId)}`,
        method: 'PATCH',
        body,
      }),
      invalidatesTags: pipelineChanged,
    }),
    deleteStage: build.mutation<void, { pipelineId: string; stageId: string; moveTo?: string }>({
      query: ({ pipelineId, stageId, moveTo }) => ({
        url: `/pipelines/${encodeURIComponent(pipelineId)}/stages/${encodeURIComponent(stageId)}`,
        method: 'DELETE',
        params: moveTo ? { moveTo } : undefined,
      }),
      invalidatesTags: [...pipelineChanged, { type: 'Record', id: 'deals:LIST' }],
    }),
  }),
});

export const {
  useListPipelinesQuery,
  useCreatePipelineMutation,
  useUpdatePipelineMutation,
  useDeletePipelineMutation,
  useCreateStageMutation,
  useUpdateStageMutation,
  useDeleteStageMutation,
} = pipelinesApi;
