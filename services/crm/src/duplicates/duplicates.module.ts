import { Module } from '@nestjs/common';
import { DuplicatesController } from './duplicates.controller.js';
import { DuplicatesService } from './duplicates.service.js';
import { MergeService } from './merge.service.js';

@Module({
  controllers: [DuplicatesController],
  providers: [DuplicatesService, MergeService],
})
export class DuplicatesModule {}
