/** `npm run package`: the Teams app package is built from appPackage/ with every ${{…}} filled
 *  from env/ and the environment, refused by name when a value is missing, and checked offline
 *  (schema, icon sizes, outline colour) before anything is written. */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { buildAppPackage } from '../../src/deploy/app-package';
import { fillPlaceholders, placeholderNames } from '../../src/deploy/placeholders';
import { solidPng, unzip } from '../support/zip-reader';

// As in app-manifest.test.ts: @microsoft/app-manifest require()s the ESM-only strip-bom, which
// Jest cannot load before Node 24.9; validation never calls it.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const ROOT = path.join(__dirname, '..', '..');
const TEAMS_APP_ID = '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const BOT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project folder holding a copy of appPackage/ and the given env files. */
function project(envFiles: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'daicho-package-'));
  made.push(dir);
  mkdirSync(path.join(dir, 'appPackage'));
  mkdirSync(path.join(dir, 'env'));
  for (const f of ['manifest.json', 'color.png', 'outline.png']) {
    copyFileSync(path.join(ROOT, 'appPackage', f), path.join(dir, 'appPackage', f));
  }
  for (const [name, text] of Object.entries(envFiles))
    writeFileSync(path.join(dir, 'env', name), text);
  return dir;
}

const build = (dir: string, processEnv: NodeJS.ProcessEnv = { DAICHO_ENV: 'test' }) =>
  buildAppPackage({
    appDir: path.join(dir, 'appPackage'),
    envDir: path.join(dir, 'env'),
    processEnv,
  });

const FILLED = `TEAMS_APP_ID=${TEAMS_APP_ID}\nBOT_ID=${BOT_ID}\n`;

let fetchSpy: jest.SpiedFunction<typeof fetch>;
beforeEach(() => {
  fetchSpy = jest.spyOn(globalThis, 'fetch');
});
afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled(); // the schema check stays offline
  fetchSpy.mockRestore();
});

describe('placeholders', () => {
  it('finds each name once and fills it as JSON string content', () => {
    const text = '{"a":"${{A}}","b":"${{ B }}-${{A}}","c":"${{C}}"}';
    expect(placeholderNames(text)).toEqual(['A', 'B', 'C']);
    const filled = fillPlaceholders(text, (n) => ({ A: 'x"y', B: 'b', C: '' })[n]);
    expect(filled.missing).toEqual(['C']); // empty counts as missing: an empty bot id never answers
    expect(filled.text).toBe('{"a":"x\\"y","b":"b-x\\"y","c":"${{C}}"}');
  });
});

describe('buildAppPackage', () => {
  it('builds a zip of the filled manifest and both icons that validates against the schema', async () => {
    const dir = project({ '.env.test': FILLED });
    const result = await build(dir);
    expect(result.problems).toEqual([]);
    const files = unzip(result.zip!);
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifestText = files.get('manifest.json')!.toString('utf8');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as TeamsManifest;
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    for (const icon of ['color.png', 'outline.png']) {
      expect(files.get(icon)!.equals(readFileSync(path.join(ROOT, 'appPackage', icon)))).toBe(true);
    }
  });

  it('takes values from the .user file and lets the process environment win over the files', async () => {
    const dir = project({
      '.env.test': `TEAMS_APP_ID=${TEAMS_APP_ID}\nBOT_ID=00000000-0000-4000-8000-000000000000\n`,
      '.env.test.user': `BOT_ID=${BOT_ID}\n`,
    });
    const fromFiles = await build(dir);
    expect(JSON.parse(unzip(fromFiles.zip!).get('manifest.json')!.toString()).bots[0].botId).toBe(
      BOT_ID,
    );
    const other = '11111111-2222-4333-8444-555555555555';
    const fromEnv = await build(dir, { DAICHO_ENV: 'test', BOT_ID: other });
    expect(JSON.parse(unzip(fromEnv.zip!).get('manifest.json')!.toString()).bots[0].botId).toBe(
      other,
    );
  });

  it('names the Graph app registration as its own when stocktakes install it (DAICHO_STOCKTAKE_INSTALL=auto)', async () => {
    const graphApp = '3f0b7c1e-2a44-4c8e-9d1b-7e6f5a4b3c21';
    const dir = project({
      '.env.test': `${FILLED}DAICHO_STOCKTAKE_INSTALL=auto\nAZURE_CLIENT_ID=${graphApp}\n`,
    });
    const result = await build(dir);
    expect(result.problems).toEqual([]);
    const manifest = JSON.parse(
      unzip(result.zip!).get('manifest.json')!.toString(),
    ) as TeamsManifest;
    expect(manifest).toHaveProperty('webApplicationInfo', { id: graphApp });
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    // Off (the default): the manifest is as written.
    const off = await build(project({ '.env.test': `${FILLED}AZURE_CLIENT_ID=${graphApp}\n` }));
    expect(JSON.parse(unzip(off.zip!).get('manifest.json')!.toString())).not.toHaveProperty(
      'webApplicationInfo',
    );
  });

  it('refuses a missing value, naming the variable and the file to put it in', async () => {
    const result = await build(project({ '.env.test': `TEAMS_APP_ID=${TEAMS_APP_ID}\nBOT_ID=\n` }));
    expect(result.zip).toBeUndefined();
    expect(result.problems).toEqual([
      expect.stringMatching(/^BOT_ID .*no value.*env\/\.env\.test\b/),
    ]);
  });

  it('reports schema errors of the filled manifest', async () => {
    const dir = project({ '.env.test': `TEAMS_APP_ID=not-a-guid\nBOT_ID=${BOT_ID}\n` });
    const result = await build(dir);
    expect(result.zip).toBeUndefined();
    expect(result.problems.join('\n')).toMatch(/^appPackage\/manifest\.json \/id /m);
  });
});

describe('buildAppPackage icon checks', () => {
  it('refuses a colour icon of the wrong size', async () => {
    const dir = project({ '.env.test': FILLED });
    writeFileSync(path.join(dir, 'appPackage', 'color.png'), solidPng(64, 64, [30, 99, 180, 255]));
    const result = await build(dir);
    expect(result.zip).toBeUndefined();
    expect(result.problems).toEqual([
      'appPackage/color.png is 64×64; the color icon must be 192×192',
    ]);
  });

  it('refuses an outline icon of the wrong size, or one that is not white on transparent', async () => {
    const dir = project({ '.env.test': FILLED });
    const outline = path.join(dir, 'appPackage', 'outline.png');
    writeFileSync(outline, solidPng(48, 48, [255, 255, 255, 255]));
    expect((await build(dir)).problems).toEqual([
      'appPackage/outline.png is 48×48; the outline icon must be 32×32',
    ]);
    writeFileSync(outline, solidPng(32, 32, [30, 99, 180, 255]));
    expect((await build(dir)).problems).toEqual([
      expect.stringMatching(/^appPackage\/outline\.png has a pixel that is not white at \(0,0\)/),
    ]);
    writeFileSync(outline, solidPng(32, 32, [255, 255, 255, 0]));
    expect((await build(dir)).problems).toEqual([
      'appPackage/outline.png is fully transparent; draw the outline in white',
    ]);
  });
});

describe('node dist/deploy/package-app.js (the npm run package entry)', () => {
  const entry = path.join(ROOT, 'dist', 'deploy', 'package-app.js');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [entry, ...args], {
      encoding: 'utf8',
      // Only what the test gives: no DAICHO_ENV / TEAMS_APP_ID from the shell running jest.
      env: { PATH: process.env.PATH, ...env },
    });

  it('writes appPackage/build/daicho-<env>.zip for --env, or for DAICHO_ENV', () => {
    expect(existsSync(entry)).toBe(true); // built by `npm run build` (pretest)
    const dir = project({ '.env.pilot': FILLED });
    const byFlag = run(['--project', dir, '--env', 'pilot']);
    expect(byFlag.stderr).toBe('');
    expect(byFlag.status).toBe(0);
    const zipPath = path.join(dir, 'appPackage', 'build', 'daicho-pilot.zip');
    expect(unzip(readFileSync(zipPath)).has('manifest.json')).toBe(true);

    const byEnv = run([`--project=${dir}`], { DAICHO_ENV: 'staging', ...parse(FILLED) });
    expect(byEnv.status).toBe(0);
    expect(byEnv.stdout).toMatch(/daicho-staging\.zip/);
  });

  it('exits 1 naming every missing variable and the file, and writes nothing', () => {
    const dir = project({});
    const result = run(['--project', dir, '--env', 'prod']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/TEAMS_APP_ID .*env\/\.env\.prod\b/);
    expect(result.stderr).toMatch(/BOT_ID .*env\/\.env\.prod\b/);
    expect(existsSync(path.join(dir, 'appPackage', 'build'))).toBe(false);
  });

  it('exits 2 on a bad command line', () => {
    expect(run(['--nope']).status).toBe(2);
    expect(run(['--env', '../x']).status).toBe(2);
  });
});

function parse(envText: string): Record<string, string> {
  return Object.fromEntries(
    envText
      .trim()
      .split('\n')
      .map((l) => l.split('=', 2)),
  );
}
