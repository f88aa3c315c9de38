import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { DealsModule } from '../deals/deals.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { RecordGrpcController } from './record.grpc.js';

@Module({ imports: [CompaniesModule, DealsModule, ActivitiesModule, TasksModule], controllers: [RecordGrpcController] })
export class RecordsGrpcModule {}
