import { get } from 'node:http';

/** The status and (the first 64 KiB of) the body of one GET. */
export interface HttpAnswer {
  status: number;
  body: string;
}

const MAX_BODY = 65_536;

/**
 * `GET url` on a connection of its own that is closed afterwards (a pooled keep-alive connection
 * would delay the server's graceful shutdown).
 */
export function httpGet(url: string, timeoutMs = 2_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** The status code of `GET url` (see {@link httpGet}). */
export async function httpStatus(url: string, timeoutMs = 2_000): Promise<number> {
  return (await httpGet(url, timeoutMs)).status;
}
