import type { ImportObject } from './dto/import.schemas.js';

/**
 * What a CSV column can be mapped to, per object: the API's field keys, dotted keys for
 * address/social parts, lookups by name (`company`, `owner`, `pipeline`, `stage`), the
 * contact's `fullName` (split into first and last) and `custom.<key>`.
 */
export const IMPORT_TARGETS: Record<ImportObject, readonly string[]> = {
  contacts: [
    'firstName',
    'lastName',
    'fullName',
    'email',
    'otherEmails',
    'phone',
    'otherPhones',
    'title',
    'company',
    'companyId',
    'owner',
    'ownerId',
    'lifecycleStage',
    'leadStatus',
    'source',
    'tags',
    'externalId',
    'address.street',
    'address.city',
    'address.region',
    'address.postalCode',
    'address.country',
    'social.linkedin',
    'social.twitter',
    'social.website',
  ],
  companies: [
    'name',
    'domain',
    'industry',
    'employees',
    'annualRevenue',
    'owner',
    'ownerId',
    'tags',
    'externalId',
    'address.street',
    'address.city',
    'address.region',
    'address.postalCode',
    'address.country',
  ],
  deals: [
    'name',
    'amount',
    'currency',
    'pipeline',
    'pipelineId',
    'stage',
    'stageId',
    'probability',
    'expectedCloseDate',
    'owner',
    'ownerId',
    'company',
    'companyId',
    'lostReason',
    'tags',
    'externalId',
  ],
};

/** Mapping value that leaves a column out of the import. */
export const IGNORE = '';

export const CUSTOM_KEY = /^custom\.([a-z][a-z0-9_]{0,62})$/;

/** Header spelling reduced to letters and digits: "Person - E-mail" → "personemail". */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Headers every object shares (ids, owners, tags, addresses), as exported by HubSpot, Salesforce, Pipedrive and spreadsheets. */
const COMMON: Record<string, string> = {
  recordid: 'externalId',
  externalid: 'externalId',
  id: 'externalId',
  contactowner: 'owner',
  companyowner: 'owner',
  dealowner: 'owner',
  owner: 'owner',
  owneremail: 'owner',
  ownerid: 'ownerId',
  tags: 'tags',
  labels: 'tags',
  street: 'address.street',
  streetaddress: 'address.street',
  address: 'address.street',
  mailingstreet: 'address.street',
  billingstreet: 'address.street',
  city: 'address.city',
  mailingcity: 'address.city',
  billingcity: 'address.city',
  stateregion: 'address.region',
  state: 'address.region',
  region: 'address.region',
  mailingstate: 'address.region',
  billingstate: 'address.region',
  postalcode: 'address.postalCode',
  zip: 'address.postalCode',
  zipcode: 'address.postalCode',
  mailingpostalcode: 'address.postalCode',
  billingpostalcode: 'address.postalCode',
  country: 'address.country',
  countryregion: 'address.country',
  mailingcountry: 'address.country',
  billingcountry: 'address.country',
};

const CONTACTS: Record<string, string> = {
  ...COMMON,
  firstname: 'firstName',
  first: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  last: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  name: 'fullName',
  fullname: 'fullName',
  personname: 'fullName',
  contactname: 'fullName',
  email: 'email',
  emailaddress: 'email',
  personemail: 'email',
  workemail: 'email',
  additionalemailaddresses: 'otherEmails',
  otheremails: 'otherEmails',
  phone: 'phone',
  phonenumber: 'phone',
  personphone: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  mobilephonenumber: 'phone',
  workphone: 'phone',
  otherphones: 'otherPhones',
  title: 'title',
  jobtitle: 'title',
  company: 'company',
  companyname: 'company',
  accountname: 'company',
  organization: 'company',
  organizationname: 'company',
  personorganization: 'company',
  associatedcompany: 'company',
  lifecyclestage: 'lifecycleStage',
  leadstatus: 'leadStatus',
  status: 'leadStatus',
  source: 'source',
  leadsource: 'source',
  originalsource: 'source',
  contactid: 'externalId',
  leadid: 'externalId',
  personid: 'externalId',
  linkedin: 'social.linkedin',
  linkedinurl: 'social.linkedin',
  twitter: 'social.twitter',
  twitterusername: 'social.twitter',
  website: 'social.website',
  websiteurl: 'social.website',
};

const COMPANIES: Record<string, string> = {
  ...COMMON,
  name: 'name',
  companyname: 'name',
  company: 'name',
  accountname: 'name',
  organization: 'name',
  organizationname: 'name',
  domain: 'domain',
  companydomainname: 'domain',
  website: 'domain',
  websiteurl: 'domain',
  organizationwebsite: 'domain',
  industry: 'industry',
  organizationindustry: 'industry',
  employees: 'employees',
  numberofemployees: 'employees',
  organizationnumberofemployees: 'employees',
  annualrevenue: 'annualRevenue',
  organizationannualrevenue: 'annualRevenue',
  companyid: 'externalId',
  accountid: 'externalId',
  organizationid: 'externalId',
};

const DEALS: Record<string, string> = {
  ...COMMON,
  name: 'name',
  dealname: 'name',
  dealtitle: 'name',
  title: 'name',
  opportunityname: 'name',
  amount: 'amount',
  value: 'amount',
  dealvalue: 'amount',
  currency: 'currency',
  dealcurrency: 'currency',
  pipeline: 'pipeline',
  dealpipeline: 'pipeline',
  stage: 'stage',
  dealstage: 'stage',
  probability: 'probability',
  probability0: 'probability',
  dealprobability: 'probability',
  closedate: 'expectedCloseDate',
  expectedclosedate: 'expectedCloseDate',
  dealexpectedclosedate: 'expectedCloseDate',
  company: 'company',
  companyname: 'company',
  accountname: 'company',
  organization: 'company',
  organizationname: 'company',
  associatedcompany: 'company',
  lostreason: 'lostReason',
  deallostreason: 'lostReason',
  closedlostreason: 'lostReason',
  dealid: 'externalId',
  opportunityid: 'externalId',
};

const PRESETS: Record<ImportObject, Record<string, string>> = { contacts: CONTACTS, companies: COMPANIES, deals: DEALS };

/** Headers that identify where a file was exported from; shown in the preview. */
const SIGNATURES: { source: 'hubspot' | 'salesforce' | 'pipedrive'; headers: string[] }[] = [
  { source: 'pipedrive', headers: ['personname', 'organizationname', 'dealtitle', 'dealvalue', 'personemail'] },
  { source: 'hubspot', headers: ['recordid', 'contactowner', 'lifecyclestage', 'phonenumber', 'companyowner', 'dealstage'] },
  { source: 'salesforce', headers: ['contactid', 'leadid', 'accountname', 'owneremail', 'mailingcity', 'leadsource'] },
];

export type ExportSource = (typeof SIGNATURES)[number]['source'];

export function detectSource(headers: readonly string[]): ExportSource | null {
  const normalised = new Set(headers.map(normaliseHeader));
  let best: { source: ExportSource; hits: number } | null = null;
  for (const sig of SIGNATURES) {
    const hits = sig.headers.filter((h) => normalised.has(h)).length;
    if (hits >= 2 && (!best || hits > best.hits)) best = { source: sig.source, hits };
  }
  return best?.source ?? null;
}

/** A custom field key for a header: "Renewal Date" → "renewal_date". */
export function customKeyFor(header: string): string | null {
  const slug = header
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!slug) return null;
  return /^[a-z]/.test(slug) ? slug : `f_${slug}`;
}

/**
 * Suggested mapping: each header to the first unused target its normalised spelling names;
 * the others become custom fields when `customForUnknown` (createFields), else are left out.
 */
export function autoMap(object: ImportObject, headers: readonly string[], customForUnknown: boolean): Record<string, string> {
  const preset = PRESETS[object];
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    // A file exported by Meridian names its columns by field key ("firstName", "custom.plan").
    const own = IMPORT_TARGETS[object].includes(header) || CUSTOM_KEY.test(header) ? header : undefined;
    const target = own ?? preset[normaliseHeader(header)];
    if (target && !used.has(target)) {
      mapping[header] = target;
      used.add(target);
      continue;
    }
    const key = customForUnknown ? customKeyFor(header) : null;
    const custom = key ? `custom.${key}` : null;
    if (custom && !used.has(custom)) {
      mapping[header] = custom;
      used.add(custom);
    } else {
      mapping[header] = IGNORE;
    }
  }
  return mapping;
}

/** Why a mapping target is not valid for the object, or null when it is. */
export function targetProblem(object: ImportObject, target: string): string | null {
  if (target === IGNORE || IMPORT_TARGETS[object].includes(target) || CUSTOM_KEY.test(target)) return null;
  return `"${target.slice(0, 80)}" is not a field of ${object}; use one of ${IMPORT_TARGETS[object].join(', ')}, custom.<key> or "" to skip the column.`;
}
