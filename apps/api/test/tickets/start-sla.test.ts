import { ApiError } from '../../src/errors/api-error';
import { parseSlaOverride } from '../../src/tickets/start-sla';

describe('parseSlaOverride', () => {
  it('takes durations up to P366D', () => {
    expect(parseSlaOverride({ resolutionTime: 'P366D', firstResponseTime: 'PT4H' })).toEqual({ Resolution: 366 * 86_400_000, FirstResponse: 4 * 3_600_000 });
  });

  it('answers 400 invalid_duration naming every duration longer than P366D, without computing anything', () => {
    let error: unknown;
    try {
      parseSlaOverride({ resolutionTime: 'P99999999D', updateTime: 'P53W', firstResponseTime: 'PT1H' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'invalid_duration',
      status: 400,
      errors: [
        { field: 'body.sla.resolutionTime', message: expect.stringMatching(/too long \(the longest duration taken is P366D\)/) },
        { field: 'body.sla.updateTime', message: expect.stringMatching(/too long/) },
      ],
    });
  });
});
