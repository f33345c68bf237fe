import { DecodeError } from '../src';

/** The DecodeError `decode` throws (any other outcome fails the test). */
export function refusal(decode: () => unknown): DecodeError {
  try {
    decode();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('decoded without a DecodeError');
}

/** Text PostgreSQL cannot store: a NUL character, and a lone UTF-16 surrogate. */
export const NUL = 'a\u0000b';
export const LONE_SURROGATE = 'a\uD800b';
