import { Help, type Command, type Option } from 'commander';
import { isMessageKey, t, type Locale } from '../i18n/messages';
import { displayWidth } from './table';

/**
 * `--help` and commander's own errors in the CLI's language. The descriptions come from the
 * catalog (src/i18n/cli-help-*.ts), keyed by the command's path: help.daicho.devices.list, its
 * options help.daicho.devices.list.opt.<name> and arguments ….arg.<name>; help.opt.<name> and
 * help.arg.<name> serve any command without its own key. A command, option or argument the
 * catalog does not name keeps the English text it was defined with.
 */
export function localizeHelp(program: Command, locale: Locale): void {
  walk(program, program.name(), locale);
}

function walk(cmd: Command, path: string, locale: Locale): void {
  const say = (...keys: string[]) => {
    const key = keys.find(isMessageKey);
    return key && isMessageKey(key) ? t(locale, key) : undefined;
  };
  const description = say(`help.${path}`);
  if (description !== undefined) cmd.description(description);
  for (const option of cmd.options) {
    const name = option.attributeName();
    option.description = say(`help.${path}.opt.${name}`, `help.opt.${name}`) ?? option.description;
  }
  for (const argument of cmd.registeredArguments) {
    const name = argument.name();
    argument.description =
      say(`help.${path}.arg.${name}`, `help.arg.${name}`) ?? argument.description;
  }
  cmd.configureHelp(helpConfig(locale));
  cmd.configureOutput({
    outputError: (message, write) => write(`${commanderError(message, locale, path)}\n`),
  });
  for (const sub of cmd.commands) walk(sub, `${path}.${sub.name()}`, locale);
}

/** Headings, the built-in help option and command, "(default: …)", widths of 漢字 as two. */
function helpConfig(locale: Locale): Partial<Help> {
  const title = (heading: string) => {
    const key = `help.title.${heading}`;
    return isMessageKey(key) ? t(locale, key) : heading;
  };
  return {
    displayWidth: (text: string) => displayWidth(text),
    styleTitle: title,
    optionDescription(this: Help, option: Option): string {
      if (option.long === '--help') return t(locale, 'help.opt.help');
      return Help.prototype.optionDescription
        .call(this, option)
        .replace(
          /\(default: (.*)\)$/,
          (_, value: string) => `(${t(locale, 'help.default', { value })})`,
        );
    },
    ...(locale === 'ja' ? { boxWrap: wrapJapanese } : {}),
    subcommandDescription(this: Help, sub: Command): string {
      if (sub.name() === 'help') return t(locale, 'help.command.help');
      return Help.prototype.subcommandDescription.call(this, sub);
    },
  };
}

/** A Latin word, one full-width character, or a run of spaces: the places a line may break. */
const BREAKABLE = /[\u3000-\u9fff\uff00-\uffef]|\s+|[^\s\u3000-\u9fff\uff00-\uffef]+/g;
/** Never at the start of a line (kinsoku): 、。) and the like stay with what they follow. */
const CLOSING = /^[、。，．）」』】)\]}:;,.]/;

/**
 * Commander wraps at spaces only, so Japanese broke in the middle of a phrase after a Latin
 * word; here a line may break between any two full-width characters, never inside a word.
 */
function wrapJapanese(this: Help, text: string, width: number): string {
  if (width < this.minWidthToWrap) return text;
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const token of line.match(BREAKABLE) ?? []) {
        const over = displayWidth(current + token) > width;
        if (over && current.trim() !== '' && !CLOSING.test(token)) {
          lines.push(current.trimEnd());
          current = token.trimStart();
        } else current += token;
      }
      return [...lines, current].join('\n');
    })
    .join('\n');
}

const COMMANDER_ERRORS: [RegExp, (m: RegExpExecArray, locale: Locale) => string][] = [
  [
    /^error: unknown option '([^']*)'/,
    (m, l) => t(l, 'cli.commander.unknownOption', { option: m[1] }),
  ],
  [
    /^error: unknown command '([^']*)'/,
    (m, l) => t(l, 'cli.commander.unknownCommand', { command: m[1] }),
  ],
  [
    /^error: missing required argument '([^']*)'/,
    (m, l) => t(l, 'cli.commander.missingArgument', { argument: m[1] }),
  ],
  [
    /^error: option '([^']*)' argument missing/,
    (m, l) => t(l, 'cli.commander.missingOptionValue', { option: m[1] }),
  ],
  [
    /^error: required option '([^']*)' not specified/,
    (m, l) => t(l, 'cli.commander.missingMandatoryOption', { option: m[1] }),
  ],
  [/^error: too many arguments/, (_, l) => t(l, 'cli.commander.excessArguments')],
];

/**
 * Commander's error line ("error: unknown option '--x'") as Daicho says its errors: "Error: …"
 * in the CLI's language, with where to find the usage. An error it does not know is kept.
 */
export function commanderError(message: string, locale: Locale, path: string): string {
  const line = message.trim();
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const hint = /\(Did you mean (.+)\?\)/.exec(line);
    const text = [
      say(m, locale),
      ...(hint ? [t(locale, 'cli.commander.didYouMean', { suggestion: hint[1] })] : []),
      t(locale, 'cli.commander.seeHelp', { command: path.replace(/\./g, ' ') }),
    ].join(' ');
    return t(locale, 'cli.failed', { message: text });
  }
  return line;
}
