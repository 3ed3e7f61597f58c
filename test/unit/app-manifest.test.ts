/** The Teams app package (appPackage/): the manifest must pass the official JSON schema
 *  after Teams Toolkit fills in its ${{…}} placeholders, and the icons must meet the
 *  size / colour rules Teams enforces on upload. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { decodePng, readPngHeader } from '../support/png';

// @microsoft/app-manifest require()s strip-bom 5, which is ESM-only: Node 20 can load it,
// but Jest's module loader cannot before Node 24.9. Stand in the same one-line behaviour
// (validation never calls it; only the library's file readers do). Hoisted above imports.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const APP_PACKAGE = join(__dirname, '..', '..', 'appPackage');

// Sample values of the kind Teams Toolkit writes to env/.env.<env> on provision.
const SAMPLE_ENV: Record<string, string> = {
  TEAMS_APP_ID: '1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  BOT_ID: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
};

// Teams Toolkit's own placeholder syntax: ${{NAME}}, optional spaces inside the braces.
const PLACEHOLDER = /\$\{\{ *([a-zA-Z_][a-zA-Z0-9_]*) *\}\}/g;

/** Like the toolkit, substitute in the raw text before parsing; unlike it, fail on an
 *  unknown name so a new placeholder cannot slip through unvalidated. */
function expandPlaceholders(text: string, env: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`no sample value for placeholder \${{${name}}}`);
    return value;
  });
}

const rawManifest = readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8');
const loadManifest = (): TeamsManifest =>
  JSON.parse(expandPlaceholders(rawManifest, SAMPLE_ENV)) as TeamsManifest;

/** Validates and puts every error in the failure message, not just the first. */
async function expectValid(manifest: TeamsManifest): Promise<void> {
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  if (errors.length > 0) {
    throw new Error(`manifest has ${errors.length} schema error(s):\n${errors.join('\n')}`);
  }
}

describe('appPackage/manifest.json', () => {
  let fetchSpy: jest.SpiedFunction<typeof fetch>;

  // The library falls back to downloading the schema when it has no local copy; this
  // sandbox (and CI) is offline, so any fetch is a bug we want to see, not a timeout.
  beforeEach(() => {
    fetchSpy = jest
      .spyOn(globalThis, 'fetch')
      .mockRejectedValue(new Error('network access is disabled in tests'));
  });
  afterEach(() => {
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('declares a schema version that @microsoft/app-manifest bundles (validation is offline)', () => {
    const manifest = loadManifest();
    const match = /\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(
      manifest.$schema ?? '',
    );
    expect(match).not.toBeNull();
    expect(manifest.manifestVersion).toBe(match?.[1]);
    const pkgRoot = dirname(dirname(require.resolve('@microsoft/app-manifest')));
    const local = join(pkgRoot, 'build', 'json-schemas', 'teams', `v${match?.[1]}`);
    expect(existsSync(join(local, 'MicrosoftTeams.schema.json'))).toBe(true);
  });

  it('passes schema validation once the Teams Toolkit placeholders are filled in', async () => {
    await expectValid(loadManifest());
  });

  it('uses only the placeholders Teams Toolkit provisions, and the bot id placeholder', () => {
    const names = [...rawManifest.matchAll(PLACEHOLDER)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(['TEAMS_APP_ID', 'BOT_ID']));
    const template = JSON.parse(rawManifest) as TeamsManifest;
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(template.bots?.[0]?.botId).toBe('${{BOT_ID}}');
  });

  it('installs the bot in personal chat, teams and group chats, with commands for each', () => {
    const bot = loadManifest().bots?.[0];
    expect(bot?.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    for (const scope of ['personal', 'team', 'groupChat']) {
      const list = bot?.commandLists?.find((l) => (l.scopes as string[]).includes(scope));
      expect(list?.commands.map((c) => c.title)).toEqual(
        expect.arrayContaining(['help', 'devices', 'device', 'sync', 'status']),
      );
    }
  });

  it('the validator really reports faults, and all of them (not only the first)', async () => {
    const broken = loadManifest() as unknown as Record<string, Record<string, unknown>>;
    delete broken.developer!.name;
    (broken as Record<string, unknown>).accentColor = 'blue'; // must be #RRGGBB
    broken.name!.short = 'Daicho 台帳 — IT device ledger for admins'; // > 30 characters

    const errors = await AppManifestUtils.validateAgainstSchema(broken as unknown as TeamsManifest);
    const report = errors.join('\n');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(report).toMatch(/^\/developer .*required/m);
    expect(report).toMatch(/^\/accentColor /m);
    expect(report).toMatch(/^\/name\/short /m);
  });
});

describe('appPackage icons', () => {
  it('color.png is 192x192 and fully opaque', () => {
    const png = readFileSync(join(APP_PACKAGE, 'color.png'));
    expect(readPngHeader(png)).toMatchObject({ width: 192, height: 192 });
    const img = decodePng(png);
    // RGB has no alpha at all; RGBA must have every alpha byte at 255.
    if (img.channels === 4) {
      for (let i = 3; i < img.pixels.length; i += 4) expect(img.pixels[i]).toBe(255);
    }
  });

  it('outline.png is 32x32, white on transparent only', () => {
    const png = readFileSync(join(APP_PACKAGE, 'outline.png'));
    expect(readPngHeader(png)).toMatchObject({ width: 32, height: 32 });
    const img = decodePng(png);
    expect(img.channels).toBe(4); // needs an alpha channel to be "on transparent"

    // Teams rejects outline icons with any colour: each pixel is white (any alpha,
    // so anti-aliased edges are fine) or fully transparent.
    const offending: string[] = [];
    let visible = 0;
    for (let p = 0; p < img.width * img.height; p++) {
      const [r, g, b, a] = img.pixels.subarray(p * 4, p * 4 + 4);
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) {
        offending.push(`(${p % img.width},${Math.floor(p / img.width)}) rgba(${r},${g},${b},${a})`);
      }
    }
    expect(offending).toEqual([]);
    expect(visible).toBeGreaterThan(0); // an all-transparent icon would pass the colour check
  });
});
