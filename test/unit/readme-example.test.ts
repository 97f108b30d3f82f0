import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the README’s testing example', () => {
  it('is the marble spec the project runs, word for word', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const spec = readFileSync(join(root, 'marbles', 'examples', 'live-view.spec.ts'), 'utf8');
    const code = spec.slice(spec.indexOf('import '));
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(code);
  });
});
