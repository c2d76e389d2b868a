import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PublicCaseCard } from '../concerns/public-case-card.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { AdminBoardController, BoardController } from './board.controller.js';
import { BoardService } from './board.service.js';

/** 已办结 — the public board and 公开案例 (issue 17). Global: the workbench detail reads its card (PublicCaseCard). */
@Global()
@Module({
  imports: [AuthModule, AuditModule, UploadsModule],
  controllers: [BoardController, AdminBoardController],
  providers: [BoardService, { provide: PublicCaseCard, useExisting: BoardService }],
  exports: [BoardService, PublicCaseCard],
})
export class BoardModule {}
