import { Global, Module } from '@nestjs/common';
import { FieldCipher } from './field-cipher.js';

/** The one FieldCipher (one data key, derived once) for every module that encrypts or hashes personal fields. */
@Global()
@Module({ providers: [FieldCipher], exports: [FieldCipher] })
export class CryptoModule {}
