import type { Command } from 'commander';
import { peopleCsv } from '../../csv/people-csv';
import { registerExport } from '../export-command';

/** `daicho people export [--format csv|json] [--out FILE] [--excel]`. */
export function registerPeopleExport(people: Command): void {
  registerExport(people, {
    description: 'export every person of the directory (CSV or JSON array); imports back unchanged',
    defaultFormat: 'csv',
    list: (ctx) => ctx.people.list(),
    csv: peopleCsv,
  });
}
