import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Resident } from '../auth/resident.entity.js';
import { ContentCheckService } from './content-check.service.js';
import { WechatClient } from './wechat.client.js';
import { WechatTokenStore } from './wechat-token.store.js';

/**
 * The WeChat client and what other modules call through it (login, content checks). No routes and no
 * dependency on the modules that use it, so auth, concerns and uploads can all import it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Resident])],
  providers: [WechatTokenStore, WechatClient, ContentCheckService],
  exports: [WechatClient, ContentCheckService],
})
export class WechatClientModule {}
