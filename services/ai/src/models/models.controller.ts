import { Authenticated } from '@meridian/platform';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ModelServiceControllerMethods, type GetModelInfoResponse, type ModelServiceController } from '@meridian/proto/ai/v1/model_service';
import { MODEL_INFO, type ModelInfo } from './model-info.js';

/** Which language model answers AI requests (REST for the web app, gRPC for services). */
@ApiTags('ai')
@ApiBearerAuth()
@Controller('api/v1/ai')
@ModelServiceControllerMethods()
export class ModelsController implements ModelServiceController {
  constructor(@Inject(MODEL_INFO) private readonly info: ModelInfo) {}

  @Get('model')
  @Authenticated()
  model(): ModelInfo {
    return this.info;
  }

  getModelInfo(): GetModelInfoResponse {
    return this.info;
  }
}
