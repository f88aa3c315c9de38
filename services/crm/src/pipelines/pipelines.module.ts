import { Module } from '@nestjs/common';
import { PipelineStagesService } from './pipeline-stages.service.js';
import { PipelinesController } from './pipelines.controller.js';
import { PipelinesService } from './pipelines.service.js';

@Module({
  controllers: [PipelinesController],
  providers: [PipelinesService, PipelineStagesService],
  exports: [PipelinesService],
})
export class PipelinesModule {}
