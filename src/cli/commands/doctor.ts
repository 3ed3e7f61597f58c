import type { Command } from 'commander';
import type { DoctorCheck } from '../../doctor';
import { t, type Locale } from '../../i18n/messages';
import { printJson } from '../output';
import { formatTable } from '../table';

/** `daicho doctor`: one line per check of the configuration; exit 1 when one fails. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the configuration end to end: config, database, Intune, Jamf Pro, bot credentials, PUBLIC_URL, admins',
    )
    .option('--json', 'print {"checks":[{"name","status","detail","fix"}]}')
    .action(async (opts: { json?: boolean }) => {
      // Loaded on use: the Azure identity library it needs costs every other command ~0.15 s.
      const { runDoctor } = await import('../../doctor');
      const { locale, checks } = await runDoctor();
      if (opts.json) printJson({ checks });
      else process.stdout.write(formatChecks(locale, checks));
      if (checks.some((check) => check.status === 'fail')) process.exitCode = 1;
    });
}

/** "OK  database   detail  fix: …", the status in the user's language, aligned. */
export function formatChecks(locale: Locale, checks: DoctorCheck[]): string {
  const label = (check: DoctorCheck) => t(locale, `doctor.status.${check.status}`);
  const lines = formatTable(
    checks.map((check) => {
      const fix = check.fix ? `  ${t(locale, 'doctor.fixLabel', { fix: check.fix })}` : '';
      return [label(check), check.name, `${check.detail}${fix}`];
    }),
  );
  const failed = checks.filter((check) => check.status === 'fail').length;
  const summary =
    failed > 0
      ? t(locale, 'doctor.summary.fail', { count: failed })
      : t(locale, 'doctor.summary.ok');
  return `${lines.join('\n')}\n${summary}\n`;
}
