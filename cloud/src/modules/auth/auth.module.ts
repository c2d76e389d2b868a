import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from './password-hasher.js';
import { StaffAccount } from './staff-account.entity.js';

/** Staff and resident identity. Login routes arrive with the concern-loop work; accounts and hashing live here now. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffAccount])],
  providers: [PasswordHasher],
  exports: [PasswordHasher, TypeOrmModule],
})
export class AuthModule {}
