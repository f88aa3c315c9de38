import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Origin, Public, ZodValidationPipe, type ClientOrigin } from '@meridian/platform';
import { FirebaseSignInService } from './firebase-sign-in.service.js';

const firebaseSignInSchema = z.object({ idToken: z.string().min(20, 'The ID token is missing.').max(8192) });
type FirebaseSignInInput = z.infer<typeof firebaseSignInSchema>;

@ApiTags('auth')
@Controller('api/v1/auth')
export class FirebaseController {
  constructor(@Inject(FirebaseSignInService) private readonly firebase: FirebaseSignInService) {}

  /** Tokens, or `{ mfaRequired: true, mfaToken }` when the account has a second factor. */
  @Public()
  @Post('firebase')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(firebaseSignInSchema, { io: 'input' }) as object })
  signIn(@Body(new ZodValidationPipe(firebaseSignInSchema)) input: FirebaseSignInInput, @Origin() origin: ClientOrigin) {
    return this.firebase.signIn(input.idToken, origin);
  }
}
