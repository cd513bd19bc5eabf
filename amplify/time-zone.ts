/**
 * The operator's one time zone, an IANA name: every surface shows times in it. It is chosen once per deployment:
 * `SCC_TIME_ZONE` in the environment that deploys (amplify/backend.ts) or runs `npm start`. The
 * backend hands it on as `TIME_ZONE` (AppSync's ctx.env and the Lambdas' environment) and publishes
 * it in amplify_outputs.json as `custom.timeZone` for the dashboard and scripts. Stored timestamps
 * stay ISO 8601 in UTC; everything shown, emailed, exported or used as an id uses this zone.
 */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/** The zone a setting names (the default when unset), refused at once if it is not a zone. */
export function operatorTimeZone(setting?: string | null): string {
  const zone = setting?.trim() || DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`The time zone "${zone}" is not an IANA time zone name, such as America/Los_Angeles.`);
  }
}
