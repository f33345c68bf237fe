import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * The Content-Security-Policy of every answer. The API's own answers are JSON, which no browser
 * renders; the one page is Swagger UI at /docs, whose scripts, styles and images all come from
 * /docs/static (no inline script), whose "Try it out" calls this origin, and which draws inline
 * styles and data: images (test/browser/swagger-ui.test.ts checks it in Chromium: without either, the
 * page reports violations). No `upgrade-insecure-requests`: the API speaks plain HTTP itself (TLS is a
 * proxy's), and the upgrade would break /docs when it is reached over http.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * Security headers on every answer (helmet's defaults: nosniff, no referrer, same-origin opener and
 * resource policy, HSTS for when a TLS proxy serves it), with the CSP above and no framing at all.
 */
export default fp(
  async (fastify) => {
    await fastify.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      xFrameOptions: { action: 'deny' },
    });
  },
  { name: 'helmet' },
);
