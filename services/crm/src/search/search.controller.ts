import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, ZodValidationPipe, type Principal } from '@meridian/platform';
import { searchQuerySchema, type SearchQuery } from './dto/search.schemas.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @RequirePermission('records.read')
  find(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(searchQuerySchema)) query: SearchQuery) {
    return this.search.search(principal, query);
  }
}
