import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AdminController } from './admin.controller.js';

/** Staff-only routes that belong to no single domain noun. */
@Module({ imports: [AuthModule], controllers: [AdminController] })
export class AdminModule {}
