/** The Microsoft 365 Agents Toolkit project: m365agents.yml and m365agents.local.yml validate
 *  against the Toolkit's own YAML schema (vendored, see test/support/toolkit/README.md), every
 *  ${{VAR}} they, the manifest and the Bicep parameters use is defined before it is needed, and
 *  infra/ hands the App Service Daicho's real variable names, its secrets through Key Vault. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { VARIABLES } from '../../src/config/variables';
import { placeholderNames } from '../../src/deploy/placeholders';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const schema = JSON.parse(read('test/support/toolkit/yaml.schema.v1.12.json')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Project = Record<'provision' | 'deploy' | 'publish', Action[] | undefined>;

const PROJECTS = [
  { file: 'm365agents.yml', env: 'dev' },
  { file: 'm365agents.local.yml', env: 'local' },
];

/** Keys an env's files declare (empty values included: the Toolkit fills them on provision). */
function envKeys(env: string): Set<string> {
  const keys = new Set<string>();
  for (const file of [`env/.env.${env}`, `env/.env.${env}.user.example`]) {
    let text = '';
    try {
      text = read(file);
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)) keys.add(m[1]);
  }
  return keys;
}

const bicepOutputs = () =>
  [...read('infra/azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]);

/** What an action reads: its own ${{…}}, plus those of the files it fills (manifest, parameters). */
function placeholdersOf(action: Action): string[] {
  const names = placeholderNames(JSON.stringify(action));
  if (action.uses === 'teamsApp/zipAppPackage' || action.uses === 'teamsApp/validateManifest') {
    names.push(...placeholderNames(read(String(action.with?.manifestPath))));
  }
  if (action.uses === 'arm/deploy') {
    for (const t of action.with?.templates as { parameters: string }[]) {
      names.push(...placeholderNames(read(t.parameters)));
    }
  }
  return names;
}

describe.each(PROJECTS)('$file', ({ file, env }) => {
  const text = read(file);
  const project = parse(text) as Project;

  it('validates against the Toolkit YAML schema it declares', () => {
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*\/v1\.12\/yaml\.schema\.json$/m);
    const ok = validate(project);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('uses each ${{VAR}} only after an env file or an earlier action defines it', () => {
    const defined = envKeys(env);
    const undefinedUses: string[] = [];
    for (const stage of ['provision', 'deploy', 'publish'] as const) {
      for (const action of project[stage] ?? []) {
        for (const name of placeholdersOf(action)) {
          if (!defined.has(name)) undefinedUses.push(`${stage} ${action.uses}: ${name}`);
        }
        for (const v of Object.values(action.writeToEnvironmentFile ?? {})) defined.add(v);
        if (action.uses === 'arm/deploy') bicepOutputs().forEach((o) => defined.add(o));
      }
    }
    expect(undefinedUses).toEqual([]);
  });

  it('provisions a single-tenant or managed-identity bot, never a multi-tenant one', () => {
    const actions = project.provision ?? [];
    expect(text).not.toMatch(/AzureADMultipleOrgs|MultiTenant/);
    const aad = actions.find((a) => a.uses === 'aadApp/create');
    if (aad) expect(aad.with?.signInAudience).toBe('AzureADMyOrg');
    else expect(read('infra/botRegistration/azurebot.bicep')).toMatch(/msaAppType: botType/);
    for (const uses of ['teamsApp/create', 'teamsApp/zipAppPackage', 'teamsApp/update']) {
      expect(actions.map((a) => a.uses)).toContain(uses);
    }
  });
});

describe('the schema check is not vacuous', () => {
  it('rejects an unknown action and a missing required input', () => {
    const project = parse(read('m365agents.yml')) as Project;
    const broken = structuredClone(project);
    broken.provision![0] = { uses: 'teamsApp/createe', with: { name: 'x' } };
    expect(validate(broken)).toBe(false);
    const missing = structuredClone(project);
    delete missing.deploy![2].with!.resourceId;
    expect(validate(missing)).toBe(false);
  });
});

describe('infra/', () => {
  const bicep = read('infra/azure.bicep');
  const params = (text: string) =>
    new Map([...text.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => [m[1], !!m[2]]));
  const declared = params(bicep);
  const given = Object.keys(
    (JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters,
  );

  it('azure.parameters.json gives only parameters azure.bicep declares, and every required one', () => {
    expect(given.filter((p) => !declared.has(p))).toEqual([]);
    const required = [...declared].filter(([, hasDefault]) => !hasDefault).map(([p]) => p);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });

  it('the bot module is called with parameters botRegistration/azurebot.bicep declares', () => {
    const moduleParams = params(read('infra/botRegistration/azurebot.bicep'));
    const call = /module azureBotRegistration [^{]*\{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/.exec(
      bicep,
    );
    const passed = [...call![1].matchAll(/^\s+(\w+):/gm)].map((m) => m[1]);
    expect(passed.filter((p) => !moduleParams.has(p))).toEqual([]);
    const required = [...moduleParams].filter(([, d]) => !d).map(([p]) => p);
    expect(required.filter((p) => !passed.includes(p))).toEqual([]);
  });

  it("sets only Daicho's own variables (and App Service's), every secret as a Key Vault reference", () => {
    const settings = [...bicep.matchAll(/\{ name: '(\w+)', value: (.+?) \}(?=\]| *$)/gm)].map(
      (m) => ({
        name: m[1],
        value: m[2],
      }),
    );
    expect(settings.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'NODE_ENV',
        'DAICHO_ENV',
        'BOT_ID',
        'BOT_TYPE',
        'BOT_TENANT_ID',
        'PUBLIC_URL',
      ]),
    );
    const daicho = new Set<string>(VARIABLES.map((v) => v.name));
    const platform = /^(WEBSITE_|SCM_)/;
    expect(settings.filter((s) => !daicho.has(s.name) && !platform.test(s.name))).toEqual([]);
    const secrets = [
      ...VARIABLES.filter((v) => 'secret' in v && v.secret).map((v) => v.name),
      'MONGODB_URI',
    ];
    for (const name of secrets) {
      const setting = settings.find((s) => s.name === name);
      expect({ name, value: setting?.value }).toEqual({
        name,
        value: expect.stringMatching(/^'\$\{kv\}/),
      });
    }
    expect(bicep).toMatch(/@secure\(\)\n(@\w+\(.*\)\n)*param mongodbUri string$/m);
    expect(bicep).toMatch(/^param linuxFxVersion string = 'NODE\|20-lts'$/m);
  });
});
