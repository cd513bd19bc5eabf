// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', '.local/', '.amplify/', 'amplify_outputs.json', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-undef': 'off',
    },
  },
  // Tests may reach into loosely shaped results (GraphQL bodies, DynamoDB items) without ceremony;
  // everything that ships or runs the stack states its types.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // The dashboard shares rules with the resolvers only through amplify/domain, which no runtime
  // owns: a resolver module may grow an @aws-appsync/utils import the browser cannot load.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/amplify/data/resolvers', '**/amplify/data/resolvers/**'],
              message: 'Import shared rules from amplify/domain/.',
            },
          ],
        },
      ],
    },
  },
  // AppSync's JS runtime rejects much of JavaScript: the resolvers are linted by its own rules,
  // with type information for the "recommended" set.
  // amplify/domain is imported by the resolvers too, so it is held to the same rules.
  {
    files: ['amplify/data/resolvers/**/*.ts', 'amplify/data/audit.ts', 'amplify/domain/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...(appsync.configs.recommended.languageOptions ?? {}),
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
);
