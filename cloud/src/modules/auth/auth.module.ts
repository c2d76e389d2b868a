import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatClientModule } from '../../common/wechat/wechat-client.module.js';
import { AccountStateCache } from './account-state.js';
import { AccountWriteSubscriber } from './account-write.subscriber.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AuditModule } from '../audit/audit.module.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { LoginThrottle } from './login-throttle.entity.js';
import { StaffAuthController } from './staff-auth.controller.js';
import { StaffAuthService } from './staff-auth.service.js';
import { StaffPasswordHistory } from './staff-password-history.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { Resident } from './resident.entity.js';
import { StaffAccount } from './staff-account.entity.js';
import { TokenService } from '../../common/security/token.service.js';

/** Staff and resident identity: logins, session tokens, the guard every protected route uses. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffAccount, Resident, LoginThrottle, StaffPasswordHistory]), AuditModule, WechatClientModule],
  controllers: [AuthController, StaffAuthController],
  providers: [
    PasswordHasher,
    TokenService,
    AuthService,
    AuthGuard,
    AccountStateCache,
    AccountWriteSubscriber,
    StaffAuthService,
    LoginThrottleService,
  ],
  exports: [PasswordHasher, TokenService, AuthGuard, AccountStateCache, TypeOrmModule, LoginThrottleService],
})
export class AuthModule {}
