import { runMigrateMain } from '@meridian/platform';
import { usersService } from './service.js';

runMigrateMain(usersService);
