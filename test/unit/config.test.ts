import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daicho-config-'));
  mkdirSync(path.join(root, 'env'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(root, 'env', name), text);
  return root;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on embedded defaults with no files and no variables', () => {
    const root = project({});
    const config = loadConfig({}, root);
    expect(config).toMatchObject({
      port: 3978,
      mongodbUri: undefined,
      mongodbDb: 'daicho',
      embeddedDb: 'auto',
      locale: 'ja',
    });
    expect(config.dataDir).toBe(path.join(root, '.daicho'));
  });

  it('reads env/.env.<DAICHO_ENV> and lets the process environment win', () => {
    const root = project({ '.env.dev': 'PORT=4000\nMONGODB_DB=ledger\n' });
    expect(loadConfig({ DAICHO_ENV: 'dev' }, root)).toMatchObject({
      port: 4000,
      mongodbDb: 'ledger',
    });
    expect(loadConfig({ DAICHO_ENV: 'dev', PORT: '5000' }, root).port).toBe(5000);
  });

  it('names every bad variable and the file to fix it in', () => {
    const root = project({ '.env.local': 'PORT=abc\nMONGODB_URI=localhost:27017\n' });
    const problems = problemsOf(() => loadConfig({ DAICHO_EMBEDDED_DB: 'docker' }, root));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT .*"abc".*env\/\.env\.local/);
    expect(problems[1]).toMatch(/^MONGODB_URI must start with mongodb:\/\/.*env\/\.env\.local/);
    expect(problems[2]).toMatch(/^DAICHO_EMBEDDED_DB .*the process environment/);
  });

  it('refuses secrets in the committed env file and accepts them in the .user file', () => {
    const root = project({
      '.env.local': 'SECRET_BOT_PASSWORD=oops\n',
      '.env.local.user': 'SECRET_OTHER=fine\n',
    });
    const problems = problemsOf(() => loadConfig({}, root));
    expect(problems).toEqual([
      expect.stringMatching(/^SECRET_BOT_PASSWORD in env\/\.env\.local: .*env\/\.env\.local\.user/),
    ]);
  });

  it('parses the serial placeholder list', () => {
    const root = project({});
    expect(
      loadConfig({ DAICHO_SERIAL_PLACEHOLDERS: ' ABC , ,XYZ' }, root).serialPlaceholders,
    ).toEqual(['ABC', 'XYZ']);
  });
});
