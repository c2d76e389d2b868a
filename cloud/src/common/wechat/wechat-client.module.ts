import { Module } from '@nestjs/common';
import { WechatClient } from './wechat.client.js';
import { WechatTokenStore } from './wechat-token.store.js';

/**
 * The WeChat API client (login, content checks, subscribe messages) with its access-token store: one
 * instance for every module that calls WeChat. No routes and nothing of the modules that use it.
 */
@Module({
  providers: [WechatTokenStore, WechatClient],
  exports: [WechatClient],
})
export class WechatClientModule {}
