/**
 * English left in Japanese text. A Latin-script sentence is three or more English words in a row
 * ("Signed in as app"); product names (Jamf Pro, Microsoft 365 …), identifiers (UPN, CSV,
 * managedDevices, AZURE_CLIENT_ID, macOS, PC-0012), commands (in backticks, or `daicho …` / `npm …`) and
 * values that came from the data are not words of a sentence.
 */

/** Names a Japanese admin reads in English too: products, and what their consoles call things. */
export const PRODUCT_NAMES = [
  'Microsoft Intune',
  'Microsoft Endpoint Manager',
  'Microsoft Graph',
  'Microsoft Entra',
  'Microsoft Teams',
  'Microsoft 365',
  'Configuration Manager',
  'Apple Business Manager',
  'Android Enterprise',
  'Graph Explorer',
  'Jamf Pro',
  'Entra ID',
  'Ivanti Neurons',
  // Jamf Pro's English console, named next to the Japanese one for an admin who sees it in English.
  'Read Computers',
  'Read Mobile Devices',
  'API roles and clients',
  'Generate client secret',
];

const WORD = "(?:[A-Za-z][a-z]+(?:['’][a-z]+)?|a|I)";
/** Three or more words, each standing alone (not part of an identifier such as managedDevices). */
const SENTENCE = new RegExp(`(?<![\\w.$/@-])${WORD}(?:,? ${WORD}){2,}(?![\\w$/@-]|\\.\\w)`, 'g');

export function latinSentences(text: string, data: readonly string[] = []): string[] {
  // A command: in backticks, or a CLI command line (it starts with the CLI's name).
  let rest = text.replace(/`[^`]*`/g, ' ').replace(/\b(?:daicho|npm)(?: [a-z][\w:-]*)+/g, ' ');
  for (const value of [...data].sort((a, b) => b.length - a.length))
    if (value) rest = rest.split(value).join(' ');
  for (const name of PRODUCT_NAMES) rest = rest.split(name).join(' ');
  return rest.match(SENTENCE) ?? [];
}

/** The text a person sees on an Adaptive Card: texts, titles, labels, facts; not its data. */
export function visibleStrings(node: unknown, parentKey = ''): string[] {
  if (typeof node === 'string') return [];
  if (Array.isArray(node)) return node.flatMap((item) => visibleStrings(item, parentKey));
  if (!node || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' || key === 'verb' || key === 'id' || key === 'url') continue;
    if (typeof value === 'string') {
      const shown = VISIBLE.has(key) || (key === 'value' && parentKey === 'facts');
      if (shown) out.push(value);
    } else out.push(...visibleStrings(value, key));
  }
  return out;
}

const VISIBLE = new Set([
  'text',
  'title',
  'label',
  'placeholder',
  'errorMessage',
  'fallbackText',
  'altText',
  'speak',
]);
