import { createRequire } from 'node:module';
import Module from 'node:module';
import { dirname, sep } from 'node:path';

/**
 * Amplify's data construct generates its model introspection schema at synth time with
 * @aws-amplify/graphql-generator, which carries graphql 15 in its own node_modules but uses
 * @graphql-tools/* and @graphql-codegen/* hoisted to the project root. This project depends on
 * graphql 16 (the local AppSync server), so those hoisted packages load graphql 16 and the
 * generator fails with `Cannot use GraphQLScalarType "ID" from another module or realm` — in
 * `ampx sandbox`, `ampx pipeline-deploy` and `npm run synth` alike. npm `overrides` cannot fix it
 * (it does not duplicate a hoisted package whose peer differs), so while this process builds the
 * backend, those packages get the generator's own graphql. It changes nothing when the versions
 * already agree.
 */
const here = createRequire(import.meta.url);
const generator = dirname(here.resolve('@aws-amplify/graphql-generator/package.json'));
const fromGenerator = createRequire(`${generator}${sep}package.json`);
const generatorGraphql = fromGenerator.resolve('graphql');
const hoistedGraphql = here.resolve('graphql');

if (generatorGraphql !== hoistedGraphql) {
  const codegen = new RegExp(`[\\\\/]node_modules[\\\\/]@graphql-(tools|codegen)[\\\\/]`);
  type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
  const mod = Module as unknown as { _resolveFilename: Resolve };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (this: unknown, request, parent, ...rest) {
    const fromCodegen = parent?.filename && codegen.test(parent.filename) && !parent.filename.startsWith(generator);
    if (fromCodegen && (request === 'graphql' || request.startsWith('graphql/'))) return fromGenerator.resolve(request);
    return original.call(this, request, parent, ...rest);
  };
}
