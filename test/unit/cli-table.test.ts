import type { Command } from 'commander';
import stringWidth from 'string-width';
import { isMessageKey } from '../../src/i18n/messages';
import { buildProgram } from '../../src/cli/program';
import { formatLabelled, formatTable } from '../../src/cli/table';
import { cliTime } from '../../src/cli/time';

describe('CLI tables', () => {
  it('lines columns up by display width: 漢字 and カナ take two columns', () => {
    const lines = formatTable(
      [
        ['PC-0001', '山田 太郎', '利用中'],
        ['PC-0002', 'Bob', '在庫'],
      ],
      ['資産番号', '利用者', 'ステータス'],
    );
    const column = (line: string, cell: string) => stringWidth(line.slice(0, line.indexOf(cell)));
    expect(column(lines[0], 'ステータス')).toBe(column(lines[1], '利用中'));
    expect(column(lines[1], '利用中')).toBe(column(lines[2], '在庫'));
    // 資産番号 is 8 columns wide, PC-0001 7: the second column starts after 8 + 2.
    expect(column(lines[1], '山田')).toBe(10);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
  });

  it('aligns "label value" lines the same way', () => {
    const lines = formatLabelled([
      ['最終チェックイン', 'x'],
      ['OS', 'y'],
    ]);
    expect(lines).toEqual(['最終チェックイン  x', 'OS                y']);
  });
});

describe('cliTime', () => {
  it('prints the machine zone and its offset, so nobody has to guess', () => {
    // TZ is set by the test's process (package.json / jest): compare with what Intl says.
    const at = new Date('2026-12-01T03:04:05Z');
    const text = cliTime(at);
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
    const [, offset] = /([+-]\d\d:\d\d)$/.exec(text)!;
    const minutes =
      (offset.startsWith('-') ? -1 : 1) *
      (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
    const local = new Date(at.getTime() + minutes * 60_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    expect(text.slice(0, 19)).toBe(local);
    expect(cliTime('2026-12-01T03:04:05Z')).toBe(text);
  });

  it('shows nothing as "-" and an unreadable time as it was', () => {
    expect(cliTime(null)).toBe('-');
    expect(cliTime('')).toBe('-');
    expect(cliTime('soon')).toBe('soon');
  });
});

describe('daicho --help', () => {
  it('has a catalog entry for every command, option and argument', () => {
    const missing: string[] = [];
    const walk = (cmd: Command, path: string) => {
      if (!isMessageKey(`help.${path}`)) missing.push(`help.${path}`);
      for (const o of cmd.options) {
        const name = o.attributeName();
        if (!isMessageKey(`help.${path}.opt.${name}`) && !isMessageKey(`help.opt.${name}`))
          missing.push(`help.${path}.opt.${name}`);
      }
      for (const a of cmd.registeredArguments) {
        const name = a.name();
        if (!isMessageKey(`help.${path}.arg.${name}`) && !isMessageKey(`help.arg.${name}`))
          missing.push(`help.${path}.arg.${name}`);
      }
      for (const sub of cmd.commands) walk(sub, `${path}.${sub.name()}`);
    };
    walk(buildProgram(), 'daicho');
    expect(missing).toEqual([]);
  });
});
