import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/cli';

/**
 * The layer rules of .dependency-cruiser.cjs (docs/ARCHITECTURE.md) hold for src/, and each rule
 * does catch what it names — checked on a small tree of files that break one rule each.
 */
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(cwd: string): { status: number | null; output: string } {
  const r = spawnSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('layer rules', () => {
  it('src/ breaks none of them', () => {
    const { status, output } = cruise(ROOT);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  }, 60_000);

  it('each rule catches the import it forbids', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-layers-'));
    const files: Record<string, string> = {
      'tsconfig.json': '{ "compilerOptions": { "module": "commonjs" } }',
      'src/db/collections.ts': 'export const collections = 1;',
      'src/bot/commands.ts': 'export const COMMANDS = 1;',
      'src/sync/settings.ts': 'export const PROVIDERS = 1;',
      'src/notify/plan.ts': 'export const PLAN = 1;',
      // features-stay-apart, edges-are-not-imported, only-owners-see-collections
      'src/notify/bad.ts': [
        "import { PROVIDERS } from '../sync/settings';",
        "import { COMMANDS } from '../bot/commands';",
        "import { collections } from '../db/collections';",
        'export const bad = [PROVIDERS, COMMANDS, collections];',
      ].join('\n'),
      // shared-homes-need-no-feature
      'src/mdm/bad.ts': "import { PLAN } from '../notify/plan';\nexport const bad = PLAN;",
      // no-runtime-cycles
      'src/ledger/a.ts': "import { b } from './b';\nexport const a = () => b;",
      'src/ledger/b.ts': "import { a } from './a';\nexport const b = () => a;",
    };
    try {
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      const { status, output } = cruise(dir);
      expect(status).not.toBe(0);
      for (const rule of [
        'features-stay-apart: src/notify/bad.ts → src/sync/settings.ts',
        'edges-are-not-imported: src/notify/bad.ts → src/bot/commands.ts',
        'only-owners-see-collections: src/notify/bad.ts → src/db/collections.ts',
        'shared-homes-need-no-feature: src/mdm/bad.ts → src/notify/plan.ts',
        'no-runtime-cycles: src/ledger/a.ts',
      ])
        expect(output).toContain(rule);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
