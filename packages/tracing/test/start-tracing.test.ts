import { startOtlpReceiver, type OtlpReceiver } from '@gotrs/devstack/testing';
import { activeTracing, clientSpan, startTracing } from '../src';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

describe('startTracing', () => {
  it('starts nothing while tracing is off', () => {
    expect(startTracing({ enabled: false, tracesUrl: null, protocol: 'http/protobuf', serviceName: null }, { service: 'gotrs-test' })).toBeNull();
    expect(activeTracing()).toBeNull();
  });

  it('exports spans over OTLP/HTTP protobuf with the service name, OTEL_SERVICE_NAME first', async () => {
    const tracing = startTracing(
      { enabled: true, tracesUrl: `${receiver.endpoint}/v1/traces`, protocol: 'http/protobuf', serviceName: 'gotrs-test-override' },
      { service: 'gotrs-test' },
    );
    expect(tracing).not.toBeNull();
    expect(activeTracing()).toBe(tracing);
    await expect(clientSpan('smtp send', { 'server.port': 1025 }, async () => 'sent')).resolves.toBe('sent');
    await expect(clientSpan('smtp send', {}, async () => Promise.reject(new Error('550 no such user')))).rejects.toThrow('550');
    await tracing!.shutdown();
    const spans = await receiver.waitFor((all) => all.length >= 2, 'two spans');
    expect(receiver.contentTypes.every((type) => type === 'application/x-protobuf')).toBe(true);
    expect(spans.map((s) => ({ name: s.name, service: s.service }))).toEqual([
      { name: 'smtp send', service: 'gotrs-test-override' },
      { name: 'smtp send', service: 'gotrs-test-override' },
    ]);
    expect(spans[0]!.attributes).toMatchObject({ 'server.port': 1025 });
    expect(spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
