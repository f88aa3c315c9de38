import type { MessageKey } from '../../app/i18n';
import type { DedupeBy, ImportObject } from './types';

export interface ImportTarget {
  key: string;
  labelKey: MessageKey;
  /** Looked up by name (company, owner, pipeline, stage) rather than stored as written. */
  lookup?: boolean;
}

const t = (key: string, lookup = false): ImportTarget => ({ key, labelKey: `imports.field.${key}` as MessageKey, lookup });

const address = ['address.street', 'address.city', 'address.region', 'address.postalCode', 'address.country'].map((k) => t(k));

/** What a CSV column can become, per object (the crm service's import catalogue, docs/crm-api.md). */
export const IMPORT_TARGETS: Record<ImportObject, ImportTarget[]> = {
  contacts: [
    t('firstName'),
    t('lastName'),
    t('fullName'),
    t('email'),
    t('otherEmails'),
    t('phone'),
    t('otherPhones'),
    t('title'),
    t('company', true),
    t('owner', true),
    t('lifecycleStage'),
    t('leadStatus'),
    t('source'),
    t('tags'),
    t('externalId'),
    ...address,
    t('social.linkedin'),
    t('social.twitter'),
    t('social.website'),
  ],
  companies: [
    t('name'),
    t('domain'),
    t('industry'),
    t('employees'),
    t('annualRevenue'),
    t('owner', true),
    t('tags'),
    t('externalId'),
    ...address,
  ],
  deals: [
    t('name'),
    t('amount'),
    t('currency'),
    t('pipeline', true),
    t('stage', true),
    t('probability'),
    t('expectedCloseDate'),
    t('owner', true),
    t('company', true),
    t('lostReason'),
    t('tags'),
    t('externalId'),
  ],
};

/** Duplicate detection keys that make sense per object; the first is the default. */
export const DEDUPE_KEYS: Record<ImportObject, DedupeBy[]> = {
  contacts: ['email', 'externalId', 'none'],
  companies: ['domain', 'externalId', 'none'],
  deals: ['externalId', 'none'],
};

/** A row needs at least one of these mapped, or nothing could be created. */
export const REQUIRED_ANY: Record<ImportObject, string[]> = {
  contacts: ['firstName', 'lastName', 'fullName', 'email'],
  companies: ['name'],
  deals: ['name'],
};

/** The field a dedupe key reads, so the wizard can warn when it is not mapped. */
export const DEDUPE_FIELD: Record<DedupeBy, string | null> = { email: 'email', domain: 'domain', externalId: 'externalId', none: null };
