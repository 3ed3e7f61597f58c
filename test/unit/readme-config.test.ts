import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VARIABLES } from '../../src/config/variables';

describe('README configuration table', () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\|\s*`[A-Z_]+`\s*\|/.test(l));
  const documented = rows.map((l) => /^\|\s*`([A-Z_]+)`/.exec(l)![1]);

  it('documents every environment variable the config reads, and no other', () => {
    expect(documented.sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });

  it('names the test command that CI runs', () => {
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync(path.join(__dirname, '../../.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
