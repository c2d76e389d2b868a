import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatClientModule } from '../wechat/wechat-client.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Resident } from './resident.entity.js';
import { StaffAccount } from './staff-account.entity.js';
import { TokenService } from './token.service.js';

/** Staff and resident identity: logins, session tokens, the guard every protected route uses. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffAccount, Resident]), WechatClientModule],
  controllers: [AuthController],
  providers: [PasswordHasher, TokenService, AuthService, AuthGuard],
  exports: [PasswordHasher, TokenService, AuthGuard, TypeOrmModule],
})
export class AuthModule {}
