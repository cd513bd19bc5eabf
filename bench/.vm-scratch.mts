import { loadResolver } from '../local/appsync/runtime';
const r = await loadResolver('/work/main/amplify/data/resolvers/logPayment.load.ts');
const input = { idempotencyKey: 'k-1', eventId: '01ABC', patronEmail: 'p0@bench.test', amountCents: 1, method: 'CASH' };
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) r.run('request', { arguments: { input }, stash: {}, env: { TABLE_NAME: 'bench' }, identity: { sub: 'x', claims: { a: 1 } } });
  console.log('per run ms', (performance.now() - t0) / 1000);
}
