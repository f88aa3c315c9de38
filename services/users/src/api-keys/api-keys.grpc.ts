import { Controller } from '@nestjs/common';
import { currentContext } from '@meridian/platform';
import {
  ApiKeyServiceControllerMethods,
  type ApiKeyServiceController,
  type ResolveApiKeyRequest,
  type ResolveApiKeyResponse,
} from '@meridian/proto/users/v1/api_key_service';
import { ApiKeysService } from './api-keys.service.js';

/** users.v1.ApiKeyService: the caller's x-workspace-id must be the key's own workspace. */
@Controller()
@ApiKeyServiceControllerMethods()
export class ApiKeysGrpcController implements ApiKeyServiceController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  resolveApiKey(request: ResolveApiKeyRequest): Promise<ResolveApiKeyResponse> {
    return this.apiKeys.resolve(request.key, currentContext()?.workspaceId);
  }
}
