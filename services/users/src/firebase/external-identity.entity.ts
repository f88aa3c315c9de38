import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in identity at an external provider (Firebase Auth uid), linked to one user. */
@Entity({ name: 'external_identities', schema: 'users' })
export class ExternalIdentityEntity {
  @PrimaryColumn('text') provider!: string;
  @PrimaryColumn('text') subject!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'last_sign_in_at' }) lastSignInAt!: Date;
}
