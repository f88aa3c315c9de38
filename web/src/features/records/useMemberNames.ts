import { useMemo } from 'react';
import { useListMembersInfiniteQuery } from '../members/membersApi';
import type { Member } from '../members/types';

/** The workspace's members (owner and assignee pickers) and a userId → name map. */
export function useMembers(): { members: Member[]; nameOf: (userId: string | null | undefined) => string | null } {
  const { data } = useListMembersInfiniteQuery();
  return useMemo(() => {
    const members = data?.pages.flatMap((page) => page.data) ?? [];
    const names = new Map(members.map((m) => [m.userId, m.name || m.email]));
    return { members, nameOf: (userId) => (userId ? (names.get(userId) ?? null) : null) };
  }, [data]);
}
