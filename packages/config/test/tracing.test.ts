import { ConfigError, loadTracingSettings } from '../src';

describe('loadTracingSettings', () => {
  it('leaves tracing off when no OTLP endpoint is set', () => {
    expect(loadTracingSettings({})).toEqual({ enabled: false, tracesUrl: null, protocol: 'http/protobuf', serviceName: null });
  });

  it('treats an empty endpoint (a Go-style zero value) as not set', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_SERVICE_NAME: ' ' }).enabled).toBe(false);
  });

  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT, as the specification says', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toMatchObject({
      enabled: true, tracesUrl: 'http://collector:4318/v1/traces', protocol: 'http/protobuf',
    });
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/base' }).tracesUrl).toBe('https://otlp.example.com/base/v1/traces');
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, and over the base endpoint', () => {
    const settings = loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' });
    expect(settings.tracesUrl).toBe('http://b:4318/custom');
  });

  it('takes the JSON protocol and a service name', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'gotrs-api-eu' }))
      .toEqual({ enabled: true, tracesUrl: 'http://c:4318/v1/traces', protocol: 'http/json', serviceName: 'gotrs-api-eu' });
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }).protocol)
      .toBe('http/protobuf');
  });

  it('stays off with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none, endpoint or not', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toMatchObject({ enabled: false, tracesUrl: null });
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).enabled).toBe(false);
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' }).enabled).toBe(true);
  });

  it('refuses gRPC, other exporters, malformed URLs and flags, naming every variable at once', () => {
    const load = () => loadTracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://x/v1/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_SDK_DISABLED: 'yes',
    });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "ftp:\/\/x\/v1\/traces" is not an http:\/\/ or https:\/\/ URL/);
    expect(load).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" is not an http/);
    expect(load).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" is not supported/);
    expect(load).toThrow(/OTEL_TRACES_EXPORTER: "zipkin" is not supported/);
    expect(load).toThrow(/OTEL_SDK_DISABLED: "yes" is not true or false/);
  });

  it('refuses a URL that is not one', () => {
    expect(() => loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://[::1' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: "http:\/\/\[::1" is not a URL/);
  });
});
