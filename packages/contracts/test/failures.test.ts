import { DATA_FAILURE_TYPES, FailureTypes, escapeUnstorableFields, isDataFailureType } from '../src';

describe('failure types', () => {
  it('names the failures of the data itself, which no retry cures', () => {
    expect(DATA_FAILURE_TYPES).toEqual(['TicketNotFoundError', 'DecodeError', 'InvalidDataError']);
    expect([FailureTypes.invalidData, FailureTypes.decode, FailureTypes.ticketNotFound].every(isDataFailureType)).toBe(true);
    expect([FailureTypes.smtpRejected, 'Error', undefined].some(isDataFailureType)).toBe(false);
  });
});

describe('escapeUnstorableFields', () => {
  it('escapes NUL and lone surrogates in every string field and string list, and leaves the rest', () => {
    expect(escapeUnstorableFields({ a: 'x\u0000y', b: ['\uD800', 'ok'], n: 3, none: null, emoji: '\uD83D\uDD25' })).toEqual({
      a: 'x\\u0000y', b: ['\\ud800', 'ok'], n: 3, none: null, emoji: '\uD83D\uDD25',
    });
  });
});
