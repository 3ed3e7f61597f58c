/** One part of a language's catalog: message key → template with `{name}` placeholders. */
export type CatalogPart = Record<string, string>;

/**
 * A translation of an English catalog part: exactly its keys, each with a template. Annotating a
 * Japanese part with it makes a missing key (and, in the object literal, an extra one) a compile
 * error, so the English parts alone define which message keys exist.
 */
export type TranslationOf<English extends CatalogPart> = Record<keyof English, string>;
