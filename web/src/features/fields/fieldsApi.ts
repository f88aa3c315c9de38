import { baseApi } from '../../api/baseApi';
import type { FieldDefinition, FieldOption, FieldType, RecordObject } from '../records/types';

export interface CreateFieldInput {
  object: RecordObject;
  key: string;
  label: string;
  type: FieldType;
  options?: FieldOption[];
  required?: boolean;
}

export interface UpdateFieldInput {
  label?: string;
  options?: FieldOption[];
  required?: boolean;
  position?: number;
}

export const fieldsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listFields: build.query<{ data: FieldDefinition[] }, RecordObject>({
      query: (object) => ({ url: '/fields', params: { object } }),
      providesTags: (_r, _e, object) => [{ type: 'Field', id: object }],
    }),
    createField: build.mutation<FieldDefinition, CreateFieldInput>({
      query: (body) => ({ url: '/fields', method: 'POST', body }),
      invalidatesTags: (_r, _e, { object }) => [{ type: 'Field', id: object }],
    }),
    updateField: build.mutation<FieldDefinition, { id: string; object: RecordObject; changes: UpdateFieldInput }>({
      query: ({ id, changes }) => ({ url: `/fields/${encodeURIComponent(id)}`, method: 'PATCH', body: changes }),
      invalidatesTags: (_r, _e, { object }) => [{ type: 'Field', id: object }],
    }),
    deleteField: build.mutation<void, { id: string; object: RecordObject }>({
      query: ({ id }) => ({ url: `/fields/${encodeURIComponent(id)}`, method: 'DELETE' }),
      // Deleting a field removes its values from every record.
      invalidatesTags: (_r, _e, { object }) => [
        { type: 'Field', id: object },
        { type: 'Record', id: `${object}:LIST` },
      ],
    }),
  }),
});

export const { useListFieldsQuery, useCreateFieldMutation, useUpdateFieldMutation, useDeleteFieldMutation } = fieldsApi;
