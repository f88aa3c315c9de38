import { CreateCommunicationInbox1732240500000 } from './1732240500000-create-communication-inbox.js';

export const communicationMigrations = [CreateCommunicationInbox1732240500000];
