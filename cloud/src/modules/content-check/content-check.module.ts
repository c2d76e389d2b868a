import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatClientModule } from '../../common/wechat/wechat-client.module.js';
import { Resident } from '../auth/resident.entity.js';
import { ContentCheckService } from './content-check.service.js';

/** WeChat's content security for what residents write and upload (concerns, visit questions, photos). */
@Module({
  imports: [TypeOrmModule.forFeature([Resident]), WechatClientModule],
  providers: [ContentCheckService],
  exports: [ContentCheckService],
})
export class ContentCheckModule {}
