import { ApiBody, type ApiResponseSchemaHost } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = ApiResponseSchemaHost['schema'];

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** `{ items: [...] }` with the listed fields, for the OpenAPI document. */
export function itemsSchema(fields: Record<string, FieldType>): SchemaObject {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: { type: 'object', properties: Object.fromEntries(Object.entries(fields).map(([k, type]) => [k, { type }])) },
      },
    },
  };
}

/**
 * Documents a request body with the zod schema that validates it (@manyi/shared), so the OpenAPI
 * document and the validation can never disagree.
 */
export function ApiZodBody(schema: z.ZodType, description?: string) {
  const body = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as SchemaObject;
  return ApiBody({ schema: body, description });
}
