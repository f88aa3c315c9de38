import { CreateAiInbox1732240400000 } from './1732240400000-create-ai-inbox.js';

export const aiMigrations = [CreateAiInbox1732240400000];
