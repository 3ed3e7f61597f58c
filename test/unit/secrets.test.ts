import { maskSecrets, maskUri, registerSecrets } from '../../src/secrets';

describe('secrets are masked in every message', () => {
  it.each([
    ['mongodb://admin:S3cret@db.example/ledger', 'mongodb://admin:***@db.example/ledger'],
    // A password with an unescaped @ or : (a malformed URI) is masked whole, not cut at the first @.
    ['mongodb://admin:p@ss:w0rd@host:27017/db', 'mongodb://admin:***@host:27017/db'],
    [
      'mongodb+srv://u:x%40y@cluster0.abc.mongodb.net/?retryWrites=true',
      'mongodb+srv://u:***@cluster0.abc.mongodb.net/?retryWrites=true',
    ],
    [
      'mongodb://h/db?authSource=admin&password=hunter22&tlsCertificateKeyFilePassword=pw',
      'mongodb://h/db?authSource=admin&password=***&tlsCertificateKeyFilePassword=***',
    ],
    [
      'mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abcdef',
      'mongodb://h/?authMechanism=MONGODB-AWS&authMechanismProperties=***',
    ],
    [
      'mongodb://127.0.0.1:27017/?directConnection=true',
      'mongodb://127.0.0.1:27017/?directConnection=true',
    ],
    ['not a uri', 'not a uri'],
  ])('maskUri(%s)', (uri, masked) => {
    expect(maskUri(uri)).toBe(masked);
  });

  it('masks URIs inside any text, and every registered secret value wherever it appears', () => {
    registerSecrets(['bot-Pa55#word', 'short', undefined]);
    const text =
      'failed: mongodb://root:toor99@10.0.0.1/x; MicrosoftAppPassword=bot-Pa55#word and bot-Pa55%23word (short stays)';
    const out = maskSecrets(text);
    expect(out).not.toMatch(/toor99|bot-Pa55/);
    expect(out).toContain('mongodb://root:***@10.0.0.1/x');
    expect(out).toContain('(short stays)');
  });
});
