import { baseApi } from '../../api/baseApi';

export type EmailCategory = 'verification' | 'password_reset' | 'invite' | 'security_notice';
/** queued: waiting for an attempt; sent: accepted by SMTP; stored: dev outbox (nothing left the machine); failed: gave up. */
export type MessageStatus = 'queued' | 'sent' | 'stored' | 'failed';

export interface MessageSummary {
  id: string;
  channel: 'email';
  category: EmailCategory;
  to: string;
  from: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Message extends MessageSummary {
  text: string | null;
  html: string | null;
  /** The body carries someone's single-use link and went to a real mailbox: not shown. */
  bodyWithheld: boolean;
}

interface MessagePage {
  data: MessageSummary[];
  nextCursor: string | null;
}

export const messagesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listMessages: build.infiniteQuery<MessagePage, void, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ pageParam }) => ({ url: '/messages', params: { limit: 50, ...(pageParam && { cursor: pageParam }) } }),
      providesTags: [{ type: 'Message', id: 'LIST' }],
    }),
    getMessage: build.query<Message, string>({
      query: (id) => `/messages/${encodeURIComponent(id)}`,
      providesTags: (_result, _error, id) => [{ type: 'Message', id }],
    }),
  }),
});

export const { useListMessagesInfiniteQuery, useGetMessageQuery } = messagesApi;
