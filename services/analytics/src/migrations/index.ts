import { CreateAnalyticsInbox1732240200000 } from './1732240200000-create-analytics-inbox.js';

/** Every migration of the analytics schema, oldest first. */
export const analyticsMigrations = [CreateAnalyticsInbox1732240200000];
