/**
 * The Agents Toolkit's `${{NAME}}` placeholders (optional spaces inside the braces), filled the
 * way the toolkit fills them: in the raw text, before it is parsed, so a placeholder may sit
 * anywhere in a string. Unlike the toolkit, a name with no value is an error, not an empty string:
 * a package with an empty bot id uploads fine and then never answers.
 */
const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;

/** Every placeholder name in the text, each once, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export interface Filled {
  text: string;
  /** Names that had no value (undefined or empty); the text is unusable when any are listed. */
  missing: string[];
}

export function fillPlaceholders(
  text: string,
  values: (name: string) => string | undefined,
): Filled {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values(name);
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    // The manifest is JSON: a value with a quote or backslash must not end the string early.
    return JSON.stringify(value).slice(1, -1);
  });
  return { text: filled, missing: [...missing] };
}
