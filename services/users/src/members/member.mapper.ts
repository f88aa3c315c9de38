import type { Role } from '@meridian/platform';

export interface MemberRow {
  id: string;
  role: Role;
  created_at: Date;
  cursor_at: string;
  name: string;
  email: string;
}

export interface MemberDto {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export const memberMapper = {
  toDto: (row: MemberRow): MemberDto => ({
    userId: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    joinedAt: new Date(row.created_at).toISOString(),
  }),
};
