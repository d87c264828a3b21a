// The UI's boundaries, as bulletproof-react draws them: features never import one another, only the app composes
// them, and shared code (components, lib, hooks) knows no feature. Plus the cheap recommended sets. `npm run lint`;
// the build runs it too.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'src/lib/api/schema.d.ts'] },
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    settings: {
      // no-restricted-paths checks only imports it can resolve to a file
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.d.ts', '.js'] } },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // every relative import must resolve, or no-restricted-paths would skip it (packages: tsc checks those)
      'import/no-unresolved': ['error', { ignore: ['^[^.]'] }],
      'import/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            // a feature imports only itself and shared code; the app passes it other features' pieces as props
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features do not import one another: compose them in src/app, or move shared code to src/lib or src/components.',
            })),
            {
              target: ['./src/features', './src/components', './src/lib', './src/hooks'],
              from: './src/app',
              message: 'Only the app imports src/app; routing helpers for features live in src/lib/router.tsx and src/lib/paths.ts.',
            },
            {
              target: ['./src/components', './src/lib', './src/hooks'],
              from: './src/features',
              message: 'Shared code does not know the features.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['*.{js,ts}', 'scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright script: runs in Node, with callbacks evaluated in the page
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
