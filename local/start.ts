/**
 * `npm start`: the whole product on this machine with nothing to configure (README "Run it").
 * Stops every child — the JVM included — on Ctrl-C or SIGTERM. Run as `node --import tsx`, not
 * through the tsx CLI: its signal relay SIGKILLs a child that doesn't acknowledge a signal within
 * 30 ms (easily missed on a busy machine), and then nothing here gets to clean up.
 */
import { configFromEnv } from './config';
import { ensurePrerequisites, JAVA } from './prereqs';
import { startProduct, type Product } from './product';
import { stopAll } from './stack';
import { DEMO_USERS } from './stack/cognito';

const log = (line: string) => console.log(`[scc] ${line}`);

async function main(): Promise<void> {
  const started = Date.now();
  // The SDK warns on every start that its 2027 releases need Node 22; the lockfile pins ours.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = configFromEnv();
  ensurePrerequisites([JAVA], log);
  // Set once started; a signal during start-up still stops the stand-ins already running.
  const running: { product?: Product } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    await running.product?.stop();
    await stopAll();
    log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  running.product = await startProduct(config, { persist: true, log, reminders: true });
  const { endpoints } = running.product;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      '',
      `  Ship Captain Crew is running (ready in ${seconds} s). Ctrl-C stops everything.`,
      '',
      `  Dashboard     ${endpoints.edgeUrl}/`,
      `  Waiver links  ${endpoints.edgeUrl}/g/<event-id>/waiver`,
      `  GraphQL       ${endpoints.graphqlUrl}  (GraphiQL: open it in a browser)`,
      `  Mail viewer   ${endpoints.sesUrl}/`,
      `  DynamoDB      ${endpoints.dynamodbEndpoint}  (table ${endpoints.tableName}, data in ${config.stateDir})`,
      `  Cognito       ${endpoints.cognitoEndpoint}`,
      '',
      `  Demo logins (password ${config.demoPassword}):`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(24)} ${u.group}`),
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  console.error(`[scc] npm start failed: ${error instanceof Error ? error.message : error}`);
  await stopAll();
  process.exit(1);
});
