import { startupLine } from '../../src/startup-line';

describe('the start-up line', () => {
  const emulator = {
    kind: 'emulator' as const,
    uri: 'mongodb://127.0.0.1:40001/?directConnection=true',
    name: 'daicho',
    persistent: false,
  };

  it('says where a local server listens, its database, its mode and what to do next', () => {
    const line = startupLine({
      host: '127.0.0.1',
      port: 3978,
      database: emulator,
      production: false,
      authenticated: false,
    });
    expect(line).toContain('http://127.0.0.1:3978/api/messages');
    expect(line).toContain('http://127.0.0.1:3978/healthz');
    expect(line).toContain(
      'database: emulator mongodb://127.0.0.1:40001/?directConnection=true db=daicho (embedded emulator, memory only)',
    );
    expect(line).toContain('mode: local');
    expect(line).toMatch(/next: npm run playground .*npx daicho --help/);
    expect(line.split('\n')).toHaveLength(1);
  });

  it('points a production server at doctor, and names the MONGODB_URI database as given', () => {
    const line = startupLine({
      host: undefined,
      port: 8080,
      database: {
        kind: 'external',
        uri: 'mongodb+srv://daicho:***@cluster0.example.net/ledger',
        name: 'ledger',
        persistent: true,
      },
      production: true,
      authenticated: true,
    });
    expect(line).toContain('http://localhost:8080/api/messages');
    expect(line).toContain('mongodb+srv://daicho:***@cluster0.example.net/ledger db=ledger');
    expect(line).toContain('mode: production');
    expect(line).toContain('next: npx daicho doctor');
    expect(line).not.toContain('playground');
  });

  it('under npm run playground, points at the Playground instead of starting another', () => {
    const line = startupLine({
      host: '127.0.0.1',
      port: 3978,
      database: { ...emulator, kind: 'mongod', persistent: true },
      production: false,
      authenticated: false,
      underPlayground: true,
    });
    expect(line).toContain('(embedded mongod)');
    expect(line).toContain('next: open the Agents Playground');
    expect(line).not.toContain('npm run playground');
  });
});
