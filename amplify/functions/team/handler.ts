import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';

import { checkSettingsAtColdStart, fromEnvironment, teamConfigFromEnv, type TeamConfig } from '../config';
import { documentClient } from '../dynamo';
import { ERROR_TYPES, type ErrorType } from '../../domain/errors';
import { Conflict, errorDetail, ValidationError, NotFound, typedError } from '../errors';
import { mailFailure, mailSender } from '../mailer/ses';
import { accessRevoker } from './access';
import { cognitoDirectory } from './directory';
import { teamLock } from './lock';
import { parseTeamRequest } from './request';
import { runTeamRequest, type TeamAnswer } from './run';

export type { TeamConfig } from '../config';

/**
 * The team Lambda, invoked by the team resolvers (amplify/data/resolvers/lib/team.ts) with
 * `{ action, args, actor }`. It answers `{ value }`, or `{ error }` in the one error vocabulary
 * (amplify/domain/errors.ts) for the resolver to raise: refusals are answers here, not thrown, so
 * their type and errorInfo reach the client whatever AppSync makes of a Lambda's own errors.
 */
export type TeamResult =
  { value: TeamAnswer } | { error: { type: ErrorType; message: string; info?: Record<string, unknown> } };

export type TeamHandler = (event: unknown, context?: Context) => Promise<TeamResult>;

export function teamResult(err: unknown): TeamResult {
  const failure = typedError(err);
  if (failure instanceof ValidationError || failure instanceof NotFound)
    return { error: { type: failure.type, message: failure.message } };
  if (failure instanceof Conflict)
    return {
      error: {
        type: failure.type,
        message: failure.message,
        info: { reason: failure.reason, retryable: failure.retryable },
      },
    };
  return {
    error: {
      type: ERROR_TYPES.ServiceUnavailable,
      message: 'The team could not be read or changed just now: try again in a little while.',
      info: { retryable: true },
    },
  };
}

export function teamHandler(config: TeamConfig): TeamHandler {
  // Clients and logger once per handler, reused across invocations.
  const db = documentClient(config.dynamo);
  const deps = {
    directory: cognitoDirectory(config.cognito),
    lock: teamLock(db, config.dynamo.tableName),
    revokeAccess: accessRevoker(db, config.dynamo.tableName),
    sendMail: mailSender(config.mail),
    mailFailure,
    newId: ulid,
    now: () => new Date(),
    dashboardUrl: config.dashboardUrl,
  };
  const logger = new Logger({ serviceName: 'team' });
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      if (!config.cognito.userPoolId || !config.dynamo.tableName)
        throw new Error('USER_POOL_ID or TABLE_NAME is not configured');
      const request = parseTeamRequest(event);
      const value = await runTeamRequest({ ...deps, log: (message, detail) => logger.warn(message, detail) }, request);
      logger.info('team request done', { action: request.action, actor: request.actor });
      return { value };
    } catch (err) {
      logger.error('team request refused or failed', { status: typedError(err).status, error: errorDetail(err) });
      return teamResult(err);
    }
  };
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('team');
const fromEnv = fromEnvironment(teamConfigFromEnv, teamHandler);

/** The AWS entry point. Env: USER_POOL_ID, TABLE_NAME, SENDER_EMAIL, WAIVER_BASE_URL; locally also the endpoints. */
export function handler(event: unknown, context: Context): Promise<TeamResult> {
  return fromEnv()(event, context);
}
