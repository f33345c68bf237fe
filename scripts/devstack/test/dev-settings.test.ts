import { readDevSettings } from '../src/dev-settings';

describe('readDevSettings', () => {
  it('uses the documented default ports and starts its own servers', () => {
    expect(readDevSettings({})).toEqual({
      temporalServer: 'dev',
      apiPort: 3000,
      temporalPort: 7233,
      temporalUiPort: 8233,
      pgPort: 5433,
      temporalPgPort: 5434,
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

  it('starts the full Temporal server on PostgreSQL when DEV_TEMPORAL_SERVER=full', () => {
    expect(readDevSettings({ DEV_TEMPORAL_SERVER: 'full', TEMPORAL_PG_PORT: '6544' })).toMatchObject({ temporalServer: 'full', temporalPgPort: 6544 });
  });

  it('rejects a Temporal server it does not know', () => {
    expect(() => readDevSettings({ DEV_TEMPORAL_SERVER: 'cloud' })).toThrow('DEV_TEMPORAL_SERVER must be "dev" or "full", got "cloud"');
  });

  it('rejects a port that is not a number', () => {
    expect(() => readDevSettings({ TEMPORAL_PORT: 'seven' })).toThrow('TEMPORAL_PORT must be a port number (1-65535), got "seven"');
  });
});
