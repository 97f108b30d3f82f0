// Writes the README's error table from the catalogue (src/errors/error-code.ts): `npm run docs:errors`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withErrorTable } from '../src/errors/error-table';

const readme = join(__dirname, '..', 'README.md');
writeFileSync(readme, withErrorTable(readFileSync(readme, 'utf8')));
