import type { DataSource } from './types';
import { isRecord } from './types';

/**
 * AppSync's NONE data source: the request handler's `payload` becomes ctx.result (a request
 * without one gives null), as the "NONE data source" reference describes.
 */
export function noneDataSource(name: string): DataSource {
  return {
    name,
    type: 'NONE',
    invoke: async (request) => ({ result: isRecord(request) && 'payload' in request ? request.payload : null }),
  };
}
