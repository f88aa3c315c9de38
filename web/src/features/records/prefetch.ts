import type { AppDispatch } from '../../app/store';
import { recordsApi } from './recordsApi';
import type { RecordObject } from './types';

/** The arguments a list page starts with when no saved view is linked. */
export const defaultListArgs = (object: RecordObject) => ({ object, filter: null, sort: '-createdAt' });

/**
 * Starts the first page of a list while the page's code is still loading (called from the
 * route), so the rows and the JavaScript arrive together instead of one after the other.
 * The result stays cached for the page to pick up; nothing is fetched twice.
 */
export function prefetchRecordList(dispatch: AppDispatch, object: RecordObject, search: string) {
  if (new URLSearchParams(search).has('view')) return;
  dispatch(recordsApi.endpoints.listRecords.initiate(defaultListArgs(object))).unsubscribe();
}
