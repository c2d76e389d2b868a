import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { codeSchema, type CategoryView, type CompoundView, type DepartmentView, type StreetView, type Items } from '@manyi/shared';
import { CachedPublicRead } from '../../common/cache/public-cache.interceptor.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { itemsSchema } from '../../openapi/openapi-schemas.js';
import { DirectoryService } from './directory.service.js';

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('streets')
  @CachedPublicRead('directory')
  @ApiOperation({ summary: '街道列表 — every street and the town of Xuhui' })
  @ApiOkResponse({ schema: itemsSchema({ id: 'integer', code: 'string', name: 'string', kind: 'string' }) })
  async streets(): Promise<Items<StreetView>> {
    return { items: await this.directory.listStreets() };
  }

  @Get('streets/:code/compounds')
  @CachedPublicRead('directory')
  @ApiOperation({ summary: '居民区列表 — the compounds of one street' })
  @ApiOkResponse({ schema: itemsSchema({ id: 'integer', code: 'string', name: 'string', streetCode: 'string' }) })
  async compounds(@Param('code', new ZodValidationPipe(codeSchema('街道'))) code: string): Promise<Items<CompoundView>> {
    return { items: await this.directory.listCompounds(code) };
  }

  @Get('categories')
  @CachedPublicRead('directory')
  @ApiOperation({ summary: '诉求类别 — the category tree; leaves carry their request type' })
  @ApiOkResponse({
    schema: itemsSchema({ id: 'integer', code: 'string', name: 'string', parentId: 'integer', requestType: 'string', children: 'array' }),
  })
  async categories(): Promise<Items<CategoryView>> {
    return { items: await this.directory.categoryTree() };
  }

  @Get('departments')
  @CachedPublicRead('directory')
  @ApiOperation({ summary: '部门列表 — street offices and district units' })
  @ApiOkResponse({ schema: itemsSchema({ id: 'integer', code: 'string', name: 'string', kind: 'string', streetCode: 'string' }) })
  async departments(): Promise<Items<DepartmentView>> {
    return { items: await this.directory.listDepartments() };
  }
}
