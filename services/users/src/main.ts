import { runServiceMain } from '@meridian/platform';
import { usersService } from './service.js';

runServiceMain(usersService);
