import { ApiError, notificationNotFound, ticketNotFound } from '../errors/api-error';
import { AuthFailure, bearerChallenge } from './auth-failure';
import type { Decision, Denial } from './decision';

/** The HTTP error of a denial; `id` names what was hidden, so the 404 reads as for a missing one. */
export function denialError(denial: Denial, id = ''): ApiError {
  switch (denial.code) {
    case 'forbidden':
      return new ApiError('forbidden', denial.message);
    case 'insufficient_scope':
      return new AuthFailure(
        'insufficient_scope',
        denial.message,
        bearerChallenge({ error: 'insufficient_scope', description: denial.message, scope: denial.missing }),
      );
    case 'not_found':
      if (denial.resource === 'ticket') return ticketNotFound(id);
      if (denial.resource === 'notification') return notificationNotFound(id);
      return new ApiError('inbox_not_found', `no inbox for "${id}"`);
  }
}

/** The value of an allowed decision; throws the denial's error otherwise. */
export function enforce<T>(decision: Decision<T>, id?: string): T {
  if (decision.effect === 'allow') return decision.value;
  throw denialError(decision, id);
}
