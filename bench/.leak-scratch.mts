import { loadResolver } from '../local/appsync/runtime';
try {
  const r = await loadResolver('/tmp/leak/leak.ts');
  console.log(JSON.stringify(r.run('request', { arguments: { word: 'a' } })));
  console.log(JSON.stringify(r.run('request', { arguments: { word: 'b' } })));
} catch (e) { console.log('REJECTED', e.message, JSON.stringify(e.problems)); }
