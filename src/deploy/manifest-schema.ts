import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';

/**
 * Validates a filled manifest against the Teams JSON schema named by its `$schema`, offline.
 * @microsoft/app-manifest bundles the schemas and uses its copy when it has one; for any other
 * version it would download the schema. A build must give the same answer on a plane as in CI,
 * so that download is refused here and reported as "pick a bundled version" instead.
 */
export async function manifestSchemaProblems(manifest: unknown): Promise<string[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL | Request) => {
    throw new Error(`it would download ${String(url)}`);
  }) as typeof fetch;
  try {
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest);
    return errors.map((e) => `appPackage/manifest.json ${e}`);
  } catch (e) {
    return [
      `appPackage/manifest.json cannot be checked offline (${(e as Error).message}): use a manifestVersion and $schema that @microsoft/app-manifest bundles (1.17, or 1.19 and later)`,
    ];
  } finally {
    globalThis.fetch = realFetch;
  }
}
