import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppException } from '../errors/app.exception.js';

/**
 * Validates a body or query against a schema from @manyi/shared — the same schema the front ends'
 * forms use — and answers 400 VALIDATION_FAILED with the first problem as the message and every
 * problem in `details`.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new AppException('VALIDATION_FAILED', issues[0]?.message ?? '提交的内容不符合要求', issues);
  }
}
