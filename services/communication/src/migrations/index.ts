import { CreateCommunicationInbox1732240500000 } from './1732240500000-create-communication-inbox.js';
import { CreateMessages1732243000000 } from './1732243000000-create-messages.js';

/** Every migration of the communication schema, oldest first. Never edit one that has landed. */
export const communicationMigrations = [CreateCommunicationInbox1732240500000, CreateMessages1732243000000];
