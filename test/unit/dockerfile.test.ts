/**
 * Issue 14: the container recipe, read as text (building it needs an engine: scripts/container-check.sh
 * does that with podman, outside CI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** Instructions with their continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** The instructions of each stage, in order (everything after a FROM up to the next). */
const stages: string[][] = [];
for (const line of instructions) {
  if (/^FROM\s/i.test(line)) stages.push([line]);
  else stages.at(-1)?.push(line);
}
const final = stages.at(-1)!;
const of = (stage: string[], keyword: string) =>
  stage.filter((l) => l.toUpperCase().startsWith(`${keyword} `));

describe('Dockerfile', () => {
  it('is multi-stage on the official Node 20 image, which a build argument can replace', () => {
    expect(instructions[0]).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM \$\{NODE_IMAGE\}( AS \w+)?$/i);
  });

  it('builds with every dependency, then installs only production dependencies in the final stage', () => {
    const build = stages[0].join('\n');
    expect(build).toMatch(/^RUN npm ci\b(?!.*--omit)/m);
    expect(build).toMatch(/^RUN npm run build\b/m);
    const runs = of(final, 'RUN').join('\n');
    expect(runs).toMatch(/npm ci --omit=dev\b/);
    expect(runs).not.toMatch(/npm (install|i) /);
    expect(runs).not.toMatch(/npm run build/);
    // The compiled server comes from the build stage; the lock file pins what is installed.
    expect(of(final, 'COPY')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^COPY --from=build \/app\/dist \.\/dist$/),
        expect.stringMatching(/package-lock\.json/),
      ]),
    );
  });

  it('copies what projectRoot() and the server read at run time: package.json, env/, cards/', () => {
    const copies = of(final, 'COPY').join('\n');
    expect(copies).toMatch(/package\.json/);
    expect(copies).toMatch(/^COPY env \.\/env$/m);
    expect(copies).toMatch(/^COPY cards \.\/cards$/m);
    // .npmrc: botbuilder-dialogs' postinstall runs npx, which needs yes=true.
    expect(copies).toMatch(/\.npmrc/);
  });

  it('runs as a non-root user, in production, on port 3978, as node dist/index.js', () => {
    const users = of(final, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    // Nothing after USER switches back to root.
    const userAt = final.lastIndexOf(users.at(-1)!);
    expect(final.slice(userAt + 1).some((l) => /^RUN\s/.test(l))).toBe(false);
    expect(final.join('\n')).toMatch(/^ENV NODE_ENV=production\b/m);
    expect(of(final, 'EXPOSE')).toEqual(['EXPOSE 3978']);
    expect(of(final, 'CMD').at(-1)).toBe('CMD ["node", "dist/index.js"]');
  });

  it('checks its health on /healthz with node (no curl in the image)', () => {
    const checks = of(final, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    expect(checks[0]).not.toMatch(/curl|wget/);
  });

  it('holds no wire emulator: a container needs MONGODB_URI', () => {
    expect(dockerfile).not.toMatch(/mockupdb|mongomock|python|wire_emulator|apt-get/i);
    // src/ (where the emulator's script lives) reaches only the build stage.
    expect(of(final, 'COPY').join('\n')).not.toMatch(/^COPY src\b/m);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, tests, docs, secrets and logs out of the build context', () => {
    for (const entry of [
      'node_modules',
      'dist',
      '.git',
      'test',
      'docs',
      'appPackage/build',
      'env/*.user',
      '*.log',
      '.daicho',
    ])
      expect(dockerignore).toContain(entry);
  });
});
