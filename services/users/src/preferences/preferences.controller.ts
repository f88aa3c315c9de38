import { Body, Controller, Get, Inject, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authenticated, CurrentPrincipal, ZodValidationPipe, type Principal } from '@meridian/platform';
import { PREFERENCE_STORE, type PreferenceStore } from './preference-store.js';
import { preferencesPatchSchema, type PreferencesPatch } from './preferences.schema.js';

/** The caller's own preferences in the current workspace. */
@ApiTags('preferences')
@ApiBearerAuth()
@Controller('api/v1/me/preferences')
export class PreferencesController {
  constructor(@Inject(PREFERENCE_STORE) private readonly store: PreferenceStore) {}

  @Get()
  @Authenticated()
  get(@CurrentPrincipal() principal: Principal) {
    return this.store.get(principal.workspaceId, principal.userId);
  }

  @Patch()
  @Authenticated()
  @ApiBody({ schema: z.toJSONSchema(preferencesPatchSchema, { io: 'input' }) as object })
  update(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(preferencesPatchSchema)) patch: PreferencesPatch) {
    return this.store.update(principal.workspaceId, principal.userId, patch);
  }
}
