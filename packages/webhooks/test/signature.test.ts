import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { isSigningSecret, newSigningSecret, signatureHeader } from '../src/signature';

describe('signatureHeader', () => {
  const secret = newSigningSecret();
  const timestamp = new Date('2026-12-01T10:00:00Z');
  const body = '{"type":"ticket.created","data":{"ticketId":"t-1"}}';

  it('is v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"> keyed with the decoded secret, as the specification computes it', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`evt_1.${timestamp.getTime() / 1000}.${body}`).digest('base64');
    expect(signatureHeader([secret], 'evt_1', timestamp, body)).toBe(`v1,${expected}`);
  });

  it('verifies with the standardwebhooks receiver, and with each secret when it carries two', () => {
    const old = newSigningSecret();
    const headers = { 'webhook-id': 'evt_2', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    const now = new Date(Number(headers['webhook-timestamp']) * 1000);
    const signature = signatureHeader([secret, old], 'evt_2', now, body);
    expect(signature.split(' ')).toHaveLength(2);
    for (const s of [secret, old]) expect(new Webhook(s).verify(body, { ...headers, 'webhook-signature': signature })).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, { ...headers, 'webhook-signature': signature })).toThrow('No matching signature');
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers, 'webhook-signature': signature })).toThrow('No matching signature');
  });

  it('makes secrets of whsec_ and the base64 of 32 random bytes, each new', () => {
    const a = newSigningSecret();
    expect([isSigningSecret(a), Buffer.from(a.slice(6), 'base64').length, a === newSigningSecret()]).toEqual([true, 32, false]);
  });
});
