import { type Tree } from './schema';
import { shippedStatusCodes, statusCodeBookProblems } from './status-codes';
import coManagement from './trees/co-management.json';
import intuneSync from './trees/intune-sync.json';
import ivantiCompliance from './trees/ivanti-compliance.json';
import jamfSync from './trees/jamf-sync.json';
import { formatProblems, validateTrees, type TreeProblem } from './validate';

/**
 * The trees Daicho ships. Static imports, so `tsc` copies the JSON into dist and no file is read
 * at run time; the order here is the order of the menu.
 */
export const SHIPPED_TREES: readonly unknown[] = [
  intuneSync,
  jamfSync,
  coManagement,
  ivantiCompliance,
];

/** The status code book is data an admin edits too, so its problems are reported alike. */
const STATUS_CODES_FILE = 'ivanti-status-codes';

export class TreeValidationError extends Error {
  constructor(readonly problems: readonly TreeProblem[]) {
    super(
      `The troubleshooting trees (src/troubleshooting/trees) have ${problems.length} problem(s):\n` +
        formatProblems(problems),
    );
    this.name = 'TreeValidationError';
  }
}

/** The validated trees; throws at start, listing every problem, if any file is wrong. */
export function loadTrees(): Tree[] {
  const codeProblems = statusCodeBookProblems(shippedStatusCodes).map((problem) => ({
    treeId: STATUS_CODES_FILE,
    problem,
  }));
  const { trees, problems } = validateTrees(SHIPPED_TREES);
  const all = [...codeProblems, ...problems];
  if (all.length > 0) throw new TreeValidationError(all);
  return trees;
}
