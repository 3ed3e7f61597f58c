import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, serverStartProblems } from '../../src/config/config';
import { problemsOf } from '../support/config-problems';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'daicho-config-'));
  mkdirSync(path.join(root, 'env'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(root, 'env', name), text);
  return root;
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

  it('keeps MDM secrets out of committed files and accepts the SECRET_ spelling in .user files', () => {
    const committed = project({
      '.env.local': 'AZURE_TENANT_ID=t\nAZURE_CLIENT_ID=c\nAZURE_CLIENT_SECRET=leak\n',
    });
    expect(problemsOf(() => loadConfig({}, committed))).toEqual([
      expect.stringMatching(/^AZURE_CLIENT_SECRET in env\/\.env\.local: .*env\/\.env\.local\.user/),
    ]);
    const user = project({
      '.env.local': 'AZURE_TENANT_ID=t\nAZURE_CLIENT_ID=c\n',
      '.env.local.user': 'SECRET_AZURE_CLIENT_SECRET=s3cret\n',
    });
    expect(loadConfig({}, user).intune).toMatchObject({
      tenantId: 't',
      clientId: 'c',
      auth: { kind: 'secret', secret: 's3cret' },
    });
  });

  it('keeps a MongoDB URI with a password out of committed files, and reads SECRET_MONGODB_URI', () => {
    const leaked = project({ '.env.local': 'MONGODB_URI=mongodb://app:pa55@db.internal/ledger\n' });
    expect(problemsOf(() => loadConfig({}, leaked))).toEqual([
      expect.stringMatching(/^MONGODB_URI in env\/\.env\.local: .*env\/\.env\.local\.user/),
    ]);
    // Without a password it is no secret: a committed file may name the server.
    const plain = project({ '.env.local': 'MONGODB_URI=mongodb://db.internal:27017/ledger\n' });
    expect(loadConfig({}, plain).mongodbDb).toBe('ledger');
    const toolkit = project({
      '.env.local': '',
      '.env.local.user': 'SECRET_MONGODB_URI=mongodb://app:pa55@db.internal/ledger\n',
    });
    expect(loadConfig({}, toolkit)).toMatchObject({
      mongodbUri: 'mongodb://app:pa55@db.internal/ledger',
      mongodbDb: 'ledger',
    });
  });

  it('requires the whole Jamf connection once any part is set, naming what is missing', () => {
    const root = project({ '.env.local': 'JAMF_URL=https://acme.jamfcloud.com\n' });
    expect(problemsOf(() => loadConfig({}, root))).toEqual([
      expect.stringMatching(/^JAMF_CLIENT_ID is required/),
      expect.stringMatching(/^JAMF_CLIENT_SECRET is required .*env\/\.env\.local\.user/),
    ]);
  });

  it.each([
    ['every 90m', { kind: 'interval', ms: 90 * 60_000 }],
    ['every 6h', { kind: 'interval', ms: 6 * 3600_000 }],
    ['0 */6 * * *', { kind: 'cron', expression: '0 */6 * * *' }],
    ['off', { kind: 'off' }],
  ])('reads SYNC_SCHEDULE=%p', (value, expected) => {
    expect(loadConfig({ SYNC_SCHEDULE: value }, project({})).syncSchedule).toEqual(expected);
  });

  it('refuses a schedule it cannot read, naming the variable', () => {
    expect(problemsOf(() => loadConfig({ SYNC_SCHEDULE: 'twice a day' }, project({})))).toEqual([
      expect.stringMatching(/^SYNC_SCHEDULE must be a cron expression.*"twice a day"/),
    ]);
  });

  it('reads the notifier mode and interval, refusing values it cannot use', () => {
    expect(loadConfig({}, project({})).notify).toEqual({ mode: 'each', intervalMs: 10_000 });
    expect(
      loadConfig({ NOTIFY_MODE: 'digest', NOTIFY_INTERVAL_SECONDS: '2' }, project({})).notify,
    ).toEqual({ mode: 'digest', intervalMs: 2_000 });
    expect(
      problemsOf(() =>
        loadConfig({ NOTIFY_MODE: 'weekly', NOTIFY_INTERVAL_SECONDS: '0' }, project({})),
      ),
    ).toEqual([
      expect.stringMatching(/^NOTIFY_MODE /),
      expect.stringMatching(/^NOTIFY_INTERVAL_SECONDS /),
    ]);
  });

  it('installs for stocktake users only when asked, and then needs the catalog id (a GUID)', () => {
    expect(loadConfig({}, project({})).stocktakeInstall).toEqual({
      mode: 'off',
      catalogId: undefined,
    });
    const id = '6f2e3a7c-8b1d-4e5f-9a0b-1c2d3e4f5a6b';
    expect(
      loadConfig({ DAICHO_STOCKTAKE_INSTALL: 'auto', TEAMS_APP_CATALOG_ID: id }, project({}))
        .stocktakeInstall,
    ).toEqual({ mode: 'auto', catalogId: id });
    expect(problemsOf(() => loadConfig({ DAICHO_STOCKTAKE_INSTALL: 'auto' }, project({})))).toEqual(
      [expect.stringMatching(/^DAICHO_STOCKTAKE_INSTALL=auto needs TEAMS_APP_CATALOG_ID/)],
    );
    expect(
      problemsOf(() =>
        loadConfig(
          { DAICHO_STOCKTAKE_INSTALL: 'yes', TEAMS_APP_CATALOG_ID: 'Daicho' },
          project({}),
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^DAICHO_STOCKTAKE_INSTALL /),
      expect.stringMatching(/^TEAMS_APP_CATALOG_ID must be a GUID/),
    ]);
  });
});

describe('production safety in the configuration', () => {
  const root = () => project({});

  it('takes the database from the path of MONGODB_URI when MONGODB_DB is unset', () => {
    expect(
      loadConfig({ MONGODB_URI: 'mongodb://db.example/ledger_staging' }, root()).mongodbDb,
    ).toBe('ledger_staging');
    expect(
      loadConfig({ MONGODB_URI: 'mongodb://a,b/ledger_prod?replicaSet=rs0' }, root()).mongodbDb,
    ).toBe('ledger_prod');
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.example/?x=1' }, root()).mongodbDb).toBe(
      'daicho',
    );
    expect(
      loadConfig({ MONGODB_URI: 'mongodb://db.example/same', MONGODB_DB: 'same' }, root())
        .mongodbDb,
    ).toBe('same');
  });

  it('refuses MONGODB_DB that contradicts the database in MONGODB_URI, naming both', () => {
    const problems = problemsOf(() =>
      loadConfig(
        { MONGODB_URI: 'mongodb://db.example/ledger_staging', MONGODB_DB: 'daicho' },
        root(),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^MONGODB_DB=daicho .*contradicts.*MONGODB_URI \(ledger_staging/),
    ]);
  });

  it('never prints the password of a malformed MONGODB_URI', () => {
    for (const uri of [
      'mongodb://admin:Sup3rS3cret@db example/ledger',
      'mongodb://admin:Sup3r@S3cret@ db/ledger',
      'mongodb://admin:Sup3rS3cret@host/bad name',
    ]) {
      let text = '';
      try {
        loadConfig({ MONGODB_URI: uri }, root());
      } catch (e) {
        text = (e as Error).message;
      }
      expect(text).toMatch(/MONGODB_URI/);
      expect(text).not.toMatch(/Sup3r|S3cret/);
    }
  });

  it("reads botbuilder's MicrosoftAppId / MicrosoftAppPassword as the bot's credentials", () => {
    const config = loadConfig(
      {
        MicrosoftAppId: 'app-1',
        MicrosoftAppPassword: 'pw-123456',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 't-1',
      },
      root(),
    );
    expect(config.bot).toEqual({
      appId: 'app-1',
      password: 'pw-123456',
      type: 'SingleTenant',
      tenantId: 't-1',
    });
    expect(
      problemsOf(() => loadConfig({ BOT_ID: 'app-1', MicrosoftAppId: 'app-2' }, root())),
    ).toEqual([expect.stringMatching(/^BOT_ID .*MicrosoftAppId .*differ/)]);
    // The alias of a secret is a secret: not in a committed file.
    const committed = project({ '.env.local': 'MicrosoftAppPassword=leaked-pw\n' });
    expect(problemsOf(() => loadConfig({}, committed))).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword in env\/\.env\.local: .*\.user/),
    ]);
  });

  it('refuses to start a server in production without bot credentials, naming the variables', () => {
    const uri = 'mongodb://db.example:27017/daicho';
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ NODE_ENV: 'production', MONGODB_URI: uri }, /NODE_ENV=production/],
      [{ DAICHO_ENV: 'staging', MONGODB_URI: uri }, /DAICHO_ENV=staging/],
    ];
    for (const [env, why] of cases) {
      const config = loadConfig(env, root());
      expect(config.production).toBe(true);
      const problems = serverStartProblems(config);
      expect(problems).toEqual([expect.stringMatching(/BOT_ID and BOT_PASSWORD/)]);
      expect(problems[0]).toMatch(why);
      expect(problems[0]).toMatch(/UserAssignedMSI/);
    }
    expect(serverStartProblems(loadConfig({}, root()))).toEqual([]);
    // BOT_TYPE defaults to SingleTenant (Azure refuses new multi-tenant bots), so with its tenant.
    expect(
      serverStartProblems(
        loadConfig(
          {
            NODE_ENV: 'production',
            BOT_ID: 'a',
            BOT_PASSWORD: 'pw-123456',
            BOT_TENANT_ID: 't-1',
            MONGODB_URI: uri,
          },
          root(),
        ),
      ),
    ).toEqual([]);
    expect(
      problemsOf(() =>
        loadConfig({ NODE_ENV: 'production', BOT_ID: 'a', BOT_PASSWORD: 'pw-123456' }, root()),
      ),
    ).toEqual([expect.stringMatching(/^BOT_TENANT_ID is required with BOT_TYPE=SingleTenant/)]);
  });
  it('refuses to start a server in production without MONGODB_URI (never the embedded database), naming it', () => {
    const bot = { BOT_ID: 'a', BOT_PASSWORD: 'pw-123456', BOT_TENANT_ID: 't-1' };
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ ...bot, NODE_ENV: 'production' }, /NODE_ENV=production/],
      [{ ...bot, DAICHO_ENV: 'staging' }, /DAICHO_ENV=staging/],
      // An empty value (a container's `-e MONGODB_URI=`) is no value.
      [{ ...bot, NODE_ENV: 'production', MONGODB_URI: '' }, /NODE_ENV=production/],
    ];
    for (const [env, why] of cases) {
      const problems = serverStartProblems(loadConfig(env, root()));
      expect(problems).toEqual([expect.stringMatching(/^MONGODB_URI is required with /)]);
      expect(problems[0]).toMatch(why);
    }
    // Neither bot credentials nor a database: both named, bot first.
    expect(serverStartProblems(loadConfig({ NODE_ENV: 'production' }, root()))).toEqual([
      expect.stringMatching(/^BOT_ID and BOT_PASSWORD/),
      expect.stringMatching(/^MONGODB_URI is required with NODE_ENV=production/),
    ]);
    // Local mode keeps the embedded default.
    expect(serverStartProblems(loadConfig({ ...bot }, root()))).toEqual([]);
  });
});
