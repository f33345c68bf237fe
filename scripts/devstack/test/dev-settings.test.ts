import { readDevSettings } from '../src/dev-settings';

describe('readDevSettings', () => {
  it('uses the documented default ports and starts its own servers', () => {
    expect(readDevSettings({})).toEqual({
      apiPort: 3000,
      temporalPort: 7233,
      temporalUiPort: 8233,
      pgPort: 5433,
      mailSmtpPort: 1025,
      mailUiPort: 1080,
      smtpHost: undefined,
      temporalAddress: undefined,
      databaseUrl: undefined,
    });
  });

  it('takes ports and existing servers from the environment', () => {
    const settings = readDevSettings({
      API_PORT: '4000',
      PG_PORT: '6543',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      DATABASE_URL: 'postgres://u@db/gotrs',
    });
    expect(settings).toMatchObject({ apiPort: 4000, pgPort: 6543, temporalAddress: 'temporal.internal:7233', databaseUrl: 'postgres://u@db/gotrs' });
  });

  it('rejects a port that is not a number', () => {
    expect(() => readDevSettings({ TEMPORAL_PORT: 'seven' })).toThrow('TEMPORAL_PORT must be a port number (1-65535), got "seven"');
  });
});
