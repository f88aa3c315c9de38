import { Module } from '@nestjs/common';
import { BulkService } from './bulk.service.js';
import { BulkWorker } from './bulk.worker.js';

@Module({ providers: [BulkService, BulkWorker], exports: [BulkService] })
export class BulkModule {}
