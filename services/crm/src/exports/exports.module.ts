import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { DealsModule } from '../deals/deals.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV export of contacts, companies and deals through the record engine. */
@Module({
  imports: [ContactsModule, CompaniesModule, DealsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
