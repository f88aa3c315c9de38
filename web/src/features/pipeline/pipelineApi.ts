import { baseApi } from '../../api/baseApi';
import { boardFilter, moveBetweenGroups } from './dealFilter';
import type { AggregateRow, BoardScope, Deal, DealPage, Stage, StageScope } from './types';

/** Cards fetched per column and per "Show more". */
export const stagePageSize = 20;

interface MoveDealArgs {
  deal: Deal;
  to: Stage;
  lostReason?: string;
  /** The board the card was dragged on, so its cached columns and totals move with it. */
  scope: BoardScope;
}

// The records feature's tags: a deal created, edited or deleted anywhere refreshes the board too.
const DEALS = { type: 'Record', id: 'deals:LIST' } as const;
const AGGREGATES = { type: 'Record', id: 'deals:AGGREGATE' } as const;

export const pipelineApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** Count and sum of amounts per stage: the column headers. */
    stageTotals: build.query<AggregateRow[], BoardScope>({
      query: (scope) => ({
        url: '/deals/aggregate',
        params: { groupBy: 'stageId', metric: 'sum', field: 'amount', filter: boardFilter(scope) },
      }),
      transformResponse: (response: { data: AggregateRow[] }) => response.data,
      providesTags: [DEALS, AGGREGATES],
    }),
    /** Sum per currency, for the whole board or one stage: amounts in different currencies are never added up. */
    currencyTotals: build.query<AggregateRow[], BoardScope & { stageId?: string }>({
      query: ({ stageId, ...scope }) => ({
        url: '/deals/aggregate',
        params: { groupBy: 'currency', metric: 'sum', field: 'amount', filter: boardFilter(scope, { stageId }) },
      }),
      transformResponse: (response: { data: AggregateRow[] }) => response.data,
      providesTags: [DEALS, AGGREGATES],
    }),
    /** Deals with their own probability, summed per stage and per probability: the weighted value's inputs. */
    ownProbabilityTotals: build.query<{ perStage: AggregateRow[]; byProbability: AggregateRow[] }, BoardScope>({
      queryFn: async (scope, _api, _extra, baseQuery) => {
        const aggregate = (groupBy: string, open: boolean) =>
          baseQuery({
            url: '/deals/aggregate',
            params: { groupBy, metric: 'sum', field: 'amount', filter: boardFilter(scope, { ownProbability: true, open }) },
          });
        const [perStage, byProbability] = await Promise.all([aggregate('stageId', false), aggregate('probability', true)]);
        if (perStage.error) return { error: perStage.error };
        if (byProbability.error) return { error: byProbability.error };
        return {
          data: {
            perStage: (perStage.data as { data: AggregateRow[] }).data,
            byProbability: (byProbability.data as { data: AggregateRow[] }).data,
          },
        };
      },
      providesTags: [DEALS, AGGREGATES],
    }),
    /** One column's cards, most recently changed first, keyset-paged. */
    listStageDeals: build.infiniteQuery<DealPage, StageScope, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg: { stageId, ...scope }, pageParam }) => ({
        url: '/deals',
        params: {
          filter: boardFilter(scope, { stageId }),
          sort: '-updatedAt',
          limit: stagePageSize,
          ...(pageParam && { cursor: pageParam }),
        },
      }),
      providesTags: [DEALS],
    }),
    /**
     * Moves a deal to another stage. The card and both columns' totals change at once;
     * if the server refuses, everything snaps back (the caller shows why).
     */
    moveDeal: build.mutation<Deal, MoveDealArgs>({
      query: ({ deal, to, lostReason }) => ({
        url: `/deals/${encodeURIComponent(deal.id)}`,
        method: 'PATCH',
        body: to.kind === 'lost' && lostReason ? { stageId: to.id, lostReason } : { stageId: to.id },
      }),
      async onQueryStarted({ deal, to, lostReason, scope }, { dispatch, queryFulfilled }) {
        const from = deal.stageId;
        const moved: Deal = {
          ...deal,
          stageId: to.id,
          stageName: to.name,
          status: to.kind,
          lostReason: to.kind === 'lost' ? (lostReason ?? null) : null,
          updatedAt: new Date().toISOString(),
        };
        const patches = [
          dispatch(
            pipelineApi.util.updateQueryData('listStageDeals', { ...scope, stageId: from }, (draft) => {
              for (const page of draft.pages) page.data = page.data.filter((d) => d.id !== deal.id);
            }),
          ),
          dispatch(
            pipelineApi.util.updateQueryData('listStageDeals', { ...scope, stageId: to.id }, (draft) => {
              // The column is sorted by -updatedAt: a card that just moved belongs on top.
              draft.pages[0]?.data.unshift(moved);
            }),
          ),
          dispatch(pipelineApi.util.updateQueryData('stageTotals', scope, (draft) => moveBetweenGroups(draft, deal, from, to.id))),
        ];
        try {
          const { data: saved } = await queryFulfilled;
          dispatch(
            pipelineApi.util.updateQueryData('listStageDeals', { ...scope, stageId: to.id }, (draft) => {
              for (const page of draft.pages) {
                const index = page.data.findIndex((d) => d.id === saved.id);
                if (index >= 0) page.data[index] = { ...page.data[index], ...saved };
              }
            }),
          );
          // The server's totals are the truth (another teammate may have moved deals too).
          dispatch(pipelineApi.util.invalidateTags([AGGREGATES, { type: 'Record', id: saved.id }]));
        } catch {
          for (const patch of patches) patch.undo();
        }
      },
    }),
  }),
});

export const {
  useStageTotalsQuery,
  useCurrencyTotalsQuery,
  useOwnProbabilityTotalsQuery,
  useListStageDealsInfiniteQuery,
  useMoveDealMutation,
} = pipelineApi;
