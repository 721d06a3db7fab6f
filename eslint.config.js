// ESLint (flat config): typescript-eslint's type-checked rules on the library and CLI sources,
// the untyped recommended set on tests and scripts. Formatting is Prettier's (npm run lint runs
// both); nothing here restates a formatting rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.fuzz-out/',
      '.test-results/',
      'certs-fixtures/',
      'test/cli-fixtures/**/*.{pem,der,pfx,p12,txt}',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The sanitiser, the PEM reader and the terminal tests match control characters on purpose.
      'no-control-regex': 'off',
      // A leading underscore marks a value kept for its position (destructuring, callbacks).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // ASN.1 tags and classes are numeric enums compared with the bytes read; the comparison is
      // the point, not a mistake.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // A caught value passed on unchanged keeps its type (unknown); wrapping it would lose it.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // The generated SHA kernels (scripts/gen-kdf-kernels.mjs) unroll rounds: the last round's
    // temporaries are assigned and not read again.
    files: ['src/read/pkcs12/pkcs12Kdf.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    // Tests read JSON documents the CLI printed: their shape is what the test asserts.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
        globalThis: 'readonly',
      },
    },
  },
);
