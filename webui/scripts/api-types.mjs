// Generates src/lib/api/schema.d.ts from src/lib/api/openapi.json, the service's OpenAPI document (kept equal to what
// the service serves at /q/openapi by the Java test OpenApiSchemaUpToDateTest). With --check it writes nothing and
// fails when the committed schema.d.ts is not what generation gives (the build runs it, see package.json).
//
//   npm run gen:api     regenerate schema.d.ts
//   npm run check:api   check it
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
const schema = join(root, 'src', 'lib', 'api', 'openapi.json');
const types = join(root, 'src', 'lib', 'api', 'schema.d.ts');
const REGENERATE =
  'from the repository root: ./mvnw test -Dtest=OpenApiSchemaUpToDateTest -Dsurefire.failIfNoSpecifiedTests=false ' +
  '-Dopenapi.write=true -Dquarkus.quinoa=false ' +
  '&& npm --prefix webui run gen:api';

function generate(out) {
  // SmallRye writes no `required` for record components; Jackson writes them all (see src/lib/api/types.ts).
  execFileSync(process.execPath, [cli, schema, '--properties-required-by-default', '--output', out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const read = (file) => readFileSync(file, 'utf8').replace(/\r\n/g, '\n');

if (!process.argv.includes('--check')) {
  generate(types);
  console.log('wrote src/lib/api/schema.d.ts');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
  try {
    const fresh = join(dir, 'schema.d.ts');
    generate(fresh);
    if (!existsSync(types) || read(fresh) !== read(types)) {
      console.error(
        'src/lib/api/schema.d.ts is missing or out of date with src/lib/api/openapi.json.\n' +
          `Regenerate both (${REGENERATE}), or only the types: npm run gen:api`,
      );
      process.exitCode = 1;
    } else {
      console.log('src/lib/api/schema.d.ts is up to date with openapi.json');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
