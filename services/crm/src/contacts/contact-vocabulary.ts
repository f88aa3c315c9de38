/** Lifecycle stages (HubSpot's, which most SMB teams know) in funnel order. */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingQualified',
  'salesQualified',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const LEAD_STATUSES = [
  'new',
  'open',
  'inProgress',
  'openDeal',
  'unqualified',
  'attemptedToContact',
  'connected',
  'badTiming',
] as const;
