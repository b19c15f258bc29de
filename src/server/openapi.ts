import { z } from 'zod';
import type { RouteDef } from './route';

/**
 * OpenAPI 3.1 document built from the route table: one source for routes, roles and schemas. Routes
 * that implement a contract entry (src/contract) carry its answer's schema; the answer is described
 * as it travels (the schema's input side: what the server sends, before any default).
 */
const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    reason: { type: 'string', description: 'stable reason; the web shows errors.<reason>' },
    params: { type: 'object' },
    message: { type: 'string' },
    field: { type: 'string' },
  },
  required: ['error', 'message'],
};

export function openApiDocument(routes: readonly RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schema = (s: z.ZodType) => {
    try {
      return z.toJSONSchema(s, { unrepresentable: 'any', io: 'input' });
    } catch {
      return {};
    }
  };
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...r.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.query ? (schema(r.query) as { properties?: Record<string, unknown>; required?: string[] }) : undefined;
    const queryParams = Object.entries(query?.properties ?? {}).map(([name, s]) => ({
      name,
      in: 'query',
      required: query?.required?.includes(name) ?? false,
      schema: s,
    }));
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: r.tags,
      'x-roles': r.access,
      parameters: [...params, ...queryParams],
      ...(r.body ? { requestBody: { content: { 'application/json': { schema: schema(r.body) } } } } : {}),
      responses: {
        '200': r.response
          ? r.endpoint?.download
            ? { description: 'OK (a file)', content: { [r.endpoint.download]: { schema: { type: 'string', format: 'binary' } } } }
            : { description: 'OK', content: { 'application/json': { schema: schema(r.response) } } }
          : { description: 'OK' },
        '400': { description: 'bad input: { error, reason, params, message, field }', content: { 'application/json': { schema: ERROR_SCHEMA } } },
        ...(r.access !== 'public' ? { '401': { description: 'not signed in' }, '403': { description: 'role or scope refused, or CSRF token missing' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CallFloor API', version: '0.1.0' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cf_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
