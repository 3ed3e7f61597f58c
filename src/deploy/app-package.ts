import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readEnvironment } from '../config/env-files';
import { iconProblems } from './icons';
import { manifestSchemaProblems } from './manifest-schema';
import { fillPlaceholders } from './placeholders';
import { zip } from './zip';

export interface AppPackageInput {
  /** The folder holding manifest.json and the icons (appPackage/). */
  appDir: string;
  /** The Toolkit env folder (env/): .env.<name> and .env.<name>.user are read from it. */
  envDir: string;
  /** DAICHO_ENV (or TEAMSFX_ENV) picks the env; its values win over the files', as at start. */
  processEnv: NodeJS.ProcessEnv;
}

export interface AppPackageResult {
  envName: string;
  /** Every reason the package cannot be built, each naming what to fix and where. */
  problems: string[];
  /** Set only when there are no problems. */
  zip?: Buffer;
  /** The filled manifest (also when the schema refused it, to show what was checked). */
  manifest?: Record<string, unknown>;
}

/**
 * Builds the Teams app package the way the Toolkit's teamsApp/zipAppPackage does (placeholders
 * filled from the env files and the environment; manifest.json and both icons at the zip's
 * root), but refuses a missing value by name and checks schema and icons before anything is
 * written, so a bad package never reaches the Teams admin center.
 */
export async function buildAppPackage(input: AppPackageInput): Promise<AppPackageResult> {
  // Placeholders are never secrets, so no secret names: the reader still refuses SECRET_* in a
  // committed file, which this build reports without failing on (it is the server's concern).
  const raw = readEnvironment(input.envDir, input.processEnv);
  const envName = raw.envName;
  const envFile = `env/.env.${envName}`;
  let template: string;
  try {
    template = readFileSync(path.join(input.appDir, 'manifest.json'), 'utf8');
  } catch (e) {
    return {
      envName,
      problems: [`appPackage/manifest.json cannot be read: ${(e as Error).message}`],
    };
  }
  const filled = fillPlaceholders(template, (name) => raw.values.get(name)?.value);
  const problems = filled.missing.map((name) =>
    name.startsWith('SECRET_')
      ? `${name} (used in appPackage/manifest.json) has no value: put it in ${envFile}.user or the process environment`
      : `${name} (used in appPackage/manifest.json) has no value: set it in ${envFile} (the Toolkit's provision writes it there) or in the process environment`,
  );
  if (problems.length > 0) return { envName, problems };

  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(filled.text) as Record<string, unknown>;
  } catch (e) {
    return { envName, problems: [`appPackage/manifest.json is not JSON: ${(e as Error).message}`] };
  }
  const value = (name: string) => raw.values.get(name)?.value;
  const installer = value('DAICHO_STOCKTAKE_INSTALL') === 'auto' ? value('AZURE_CLIENT_ID') : '';
  // The Graph app registration installs the app for stocktake users with a `Self` permission,
  // which lets an app install only itself: the manifest names that registration as its own.
  if (installer) manifest = { ...manifest, webApplicationInfo: { id: installer } };
  const text = installer ? `${JSON.stringify(manifest, null, 2)}\n` : filled.text;
  problems.push(...(await manifestSchemaProblems(manifest)));
  const icons = readIcons(input.appDir, manifest, problems);
  if (problems.length > 0) return { envName, problems, manifest };

  const entries = [{ name: 'manifest.json', data: Buffer.from(text, 'utf8') }, ...icons];
  return { envName, problems, manifest, zip: zip(entries) };
}

/** The two icons the manifest names, checked; their problems are added to `problems`. */
function readIcons(appDir: string, manifest: Record<string, unknown>, problems: string[]) {
  const declared = (manifest.icons ?? {}) as Record<string, unknown>;
  const out: { name: string; data: Buffer }[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = declared[kind];
    if (typeof name !== 'string') continue; // the schema has already said it is required
    // The package is flat: Teams resolves icon names against the zip's root only.
    if (name !== path.basename(name)) {
      problems.push(`icons.${kind} in appPackage/manifest.json must be a file name, got "${name}"`);
      continue;
    }
    const shown = `appPackage/${name}`;
    let data: Buffer;
    try {
      data = readFileSync(path.join(appDir, name));
    } catch {
      problems.push(`${shown} (icons.${kind} in the manifest) is missing`);
      continue;
    }
    problems.push(...iconProblems(kind, shown, data));
    out.push({ name, data });
  }
  return out;
}

/** Env names become file names (env/.env.<name>, daicho-<name>.zip): keep them to one segment. */
export function validEnvName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name);
}
