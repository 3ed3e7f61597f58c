import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder that holds Daicho's package.json. Found by walking up from this file so the same
 * answer comes back from `src/` (ts-jest) and from `dist/` (the built CLI), whatever the cwd.
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'env'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
