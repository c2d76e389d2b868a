import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CategoryView, CompoundView, DepartmentView, StreetView } from '@manyi/shared';
import type { Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { mapCategoryTree, mapCompound, mapDepartment, mapStreet } from './directory.mapper.js';
import { Street } from './street.entity.js';

/** The directory: streets, compounds, departments and categories, as reference data everyone reads — what is in use (停用 items are left out). */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(Street) private readonly streets: Repository<Street>,
    @InjectRepository(Compound) private readonly compounds: Repository<Compound>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
  ) {}

  async listStreets(): Promise<StreetView[]> {
    const streets = await this.streets.find({ where: { disabled: false }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return streets.map(mapStreet);
  }

  async listCompounds(streetCode: string): Promise<CompoundView[]> {
    const street = await this.streets.findOneBy({ code: streetCode, disabled: false });
    if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${streetCode}」不存在`);
    const compounds = await this.compounds.find({ where: { streetId: street.id, disabled: false }, order: { id: 'ASC' } });
    return compounds.map((c) => mapCompound(c, street.code));
  }

  async listDepartments(): Promise<DepartmentView[]> {
    const [departments, streets] = await Promise.all([
      this.departments.find({ where: { disabled: false }, order: { id: 'ASC' } }),
      this.streets.find(),
    ]);
    const streetCodes = new Map(streets.map((s) => [s.id, s.code]));
    return departments.map((d) => mapDepartment(d, streetCodes));
  }

  async categoryTree(): Promise<CategoryView[]> {
    const categories = await this.categories.find({ where: { disabled: false }, order: { sortOrder: 'ASC', id: 'ASC' } });
    return mapCategoryTree(categories);
  }
}
