import type { ApiResponseSchemaHost } from '@nestjs/swagger';

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
