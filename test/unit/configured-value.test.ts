import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configuredValue, loadConfig } from '../../src/config/config';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daicho-configured-'));
  mkdirSync(path.join(root, 'env'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(root, 'env', name), text);
  return root;
}

/**
 * npm run playground answers in Japanese unless the user chose a bot language: it asks whether
 * DAICHO_BOT_LOCALE is set anywhere the server would read it, not what it defaults to.
 */
describe('a variable as the user set it (configuredValue)', () => {
  it('is undefined when set nowhere, though the config has a default for it', () => {
    const root = project({});
    expect(configuredValue('DAICHO_BOT_LOCALE', {}, root)).toBeUndefined();
    expect(loadConfig({}, root).botLocale).toBe('auto');
  });

  it('is read from env/.env.<env>, then env/.env.<env>.user, then the process environment', () => {
    const root = project({
      '.env.local': 'DAICHO_BOT_LOCALE=en\n',
      '.env.dev': 'DAICHO_BOT_LOCALE=en\n',
      '.env.dev.user': 'DAICHO_BOT_LOCALE=auto\n',
    });
    expect(configuredValue('DAICHO_BOT_LOCALE', {}, root)).toBe('en');
    expect(configuredValue('DAICHO_BOT_LOCALE', { DAICHO_ENV: 'dev' }, root)).toBe('auto');
    expect(
      configuredValue('DAICHO_BOT_LOCALE', { DAICHO_ENV: 'dev', DAICHO_BOT_LOCALE: 'ja' }, root),
    ).toBe('ja');
  });
});
