import { applied } from './patches';
import type { DecodeOptions } from '@gotrs/contracts';

/**
 * Patch of the storable-input change: payloads are decoded with the storable-text and zero-value
 * rules, and a write that fails for good because of its data is refused and recorded instead of
 * failing the run. Runs recorded before it replay as they ran: any text taken, such failures thrown.
 */
export const INPUT_PATCH = 'storable-input';

/** Whether this point of the run follows the patch (always, except while replaying an older run). */
export function followsInputPatch(): boolean {
  return applied(INPUT_PATCH);
}

/** How this run decodes a payload at this point: runs recorded before the patch took any text. */
export function payloadOptions(): DecodeOptions {
  return followsInputPatch() ? {} : { acceptUnstorable: true };
}
