import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type LogFormat } from '../../src/log';
import { registerSecrets } from '../../src/secrets';

/** What a logger writes to a file (not a terminal) in the given format. */
function written(format: LogFormat, write: (log: ReturnType<typeof createLogger>) => void) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'daicho-log-')), 'out.log');
  const fd = openSync(file, 'w');
  try {
    write(createLogger('info', fd, format));
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

describe('log lines', () => {
  registerSecrets(['Log-Secret-Value-42']);
  const event = (log: ReturnType<typeof createLogger>) => {
    log.info({ port: 3978 }, 'Daicho listening on http://127.0.0.1:3978/api/messages');
    log.warn({ uri: 'mongodb://admin:hunter22@db.example/ledger' }, 'token Log-Secret-Value-42');
  };

  it('are JSON objects, one per line, when not written to a terminal (auto) and with json', () => {
    for (const format of ['auto', 'json'] as const) {
      const lines = written(format, event).trim().split('\n');
      expect(lines).toHaveLength(2);
      const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(first).toMatchObject({ level: 30, port: 3978, msg: expect.stringMatching(/^Daicho/) });
      expect(second).toMatchObject({ level: 40, uri: 'mongodb://admin:***@db.example/ledger' });
      expect(JSON.stringify(second)).not.toMatch(/hunter22|Log-Secret-Value-42/);
    }
  });

  it('are readable, one line per event and secrets masked, with pretty', () => {
    const text = written('pretty', event);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: Daicho listening on http:\/\/127\.0\.0\.1:3978/,
    );
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: token \*\*\*/);
    expect(lines[1]).toContain('mongodb://admin:***@db.example/ledger');
    expect(text).not.toMatch(/hunter22|Log-Secret-Value-42/);
    expect(text).not.toMatch(/\u001b\[/); // no colours when not on a terminal
  });
});
