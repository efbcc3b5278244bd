// Copies the JSON schema of `.awesome-ls.json` from the repository's docs/ into the extension
// (schemas/, not committed), so the schema is kept in one place and shipped in the .vsix.
import * as fs from 'node:fs';
import * as path from 'node:path';

const extensionDir = path.resolve(import.meta.dirname, '..');
const source = path.resolve(extensionDir, '..', 'docs', 'awesome-ls.schema.json');
const target = path.join(extensionDir, 'schemas', 'awesome-ls.schema.json');

if (!fs.existsSync(source)) {
  console.error(
    `copy-schema: ${path.relative(extensionDir, source)} does not exist.\n` +
      'The schema of .awesome-ls.json is kept only in docs/awesome-ls.schema.json at the ' +
      'repository root; the extension ships a copy of it. Build from a full checkout.',
  );
  process.exit(1);
}
const text = fs.readFileSync(source, 'utf8');
try {
  JSON.parse(text);
} catch (error) {
  console.error(`copy-schema: ${source} is not valid JSON: ${String(error)}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, text);
console.log(`copy-schema: ${path.relative(extensionDir, target)} <- docs/awesome-ls.schema.json`);
