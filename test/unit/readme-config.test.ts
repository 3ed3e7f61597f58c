import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VARIABLES } from '../../src/config/variables';

const root = path.join(__dirname, '../..');

describe('configuration table (docs/configuration.md)', () => {
  const doc = readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\|\s*`[A-Z_]+`\s*\|/.test(l));
  const documented = rows.map((l) => /^\|\s*`([A-Z_]+)`/.exec(l)![1]);

  it('documents every environment variable the config reads, and no other', () => {
    expect(documented.sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });
});

describe('README quick start', () => {
  it('names the test command that CI runs, in English and in Japanese', () => {
    for (const readme of ['README.md', 'README.ja.md']) {
      expect(readFileSync(path.join(root, readme), 'utf8')).toMatch(/^npm test\b/m);
    }
    expect(readFileSync(path.join(root, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
