/**
 * AppSync refuses code its APPSYNC_JS linter rejects (try/catch, while, for(;;), ++, async,
 * classes, recursion, regex literals, `this`…). We run AWS's own rules, @aws-appsync/eslint-plugin
 * (base + recommended), through ESLint's Linter. Several recommended rules need type information:
 * each lint builds a TypeScript program over the resolver's own source files, reusing the
 * previous program so the standard library is parsed once per process.
 */
import appsync from '@aws-appsync/eslint-plugin';
import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import ts from 'typescript';
import type { LintProblem } from './types';

const require = createRequire(import.meta.url);
const utilsTypes = dirname(require.resolve('@aws-appsync/utils/package.json'));

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts'],
  types: [],
  allowJs: true,
  noEmit: true,
  skipLibCheck: true,
  // Resolver files may live anywhere (the CLI takes any path): the typings come from here.
  paths: {
    '@aws-appsync/utils': [`${utilsTypes}/lib/index.d.ts`],
    '@aws-appsync/utils/dynamodb': [`${utilsTypes}/dynamodb.d.ts`],
    '@aws-appsync/utils/rds': [`${utilsTypes}/rds.d.ts`],
  },
};

const host = ts.createCompilerHost(compilerOptions, true);
const libCache = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile.bind(host);
// Library and typings files never change while we run; resolver sources are re-read every time.
host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  if (!fileName.includes('node_modules') && !fileName.includes('/typescript/lib/')) {
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  }
  if (!libCache.has(fileName)) libCache.set(fileName, getSourceFile(fileName, languageVersion, onError, shouldCreate));
  return libCache.get(fileName);
};

let previous: ts.Program | undefined;

type FlatConfigs = Record<
  'base' | 'recommended',
  { rules: Linter.RulesRecord; languageOptions: { parser: Linter.Parser } }
>;
const configs = appsync.configs as unknown as FlatConfigs;
const rules = { ...configs.base.rules, ...configs.recommended.rules };
const linter = new Linter({ cwd: '/' });

/**
 * Lint the given source files (absolute paths); a file without problems is absent from the answer.
 * With `withImports`, the local files they import (found by the type-checker) are linted too.
 */
export function lintResolverSources(
  files: string[],
  withImports = false,
): { linted: string[]; problems: Map<string, LintProblem[]> } {
  const program = ts.createProgram({ rootNames: files, options: compilerOptions, host, oldProgram: previous });
  previous = program;
  const linted = withImports
    ? program
        .getSourceFiles()
        .filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/'))
        .map((sf) => sf.fileName)
    : files;
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
      plugins: { '@aws-appsync': appsync },
      languageOptions: {
        parser: configs.recommended.languageOptions.parser,
        parserOptions: { programs: [program] },
      },
      rules,
    },
  ];
  const problems = new Map<string, LintProblem[]>();
  for (const file of linted) {
    const messages = linter.verify(readFileSync(file, 'utf8'), config, { filename: file });
    const found = messages
      .filter((m) => m.severity === 2)
      .map((m) => ({
        line: m.line,
        column: m.column,
        message: m.message,
        ruleId: m.ruleId ?? undefined,
        span: m.endLine === m.line && m.endColumn ? m.endColumn - m.column : undefined,
      }));
    if (found.length > 0) problems.set(file, found);
  }
  return { linted, problems };
}
