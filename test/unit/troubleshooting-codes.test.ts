import { explainCode, loadTrees } from '../../src/troubleshooting';

/**
 * The "Azure client status code" values of seed 003 (Ivanti Neurons for MDM → Azure), written
 * here from the seed itself, with the meaning it gives. The seed says who can fix two of them
 * (the device user); the others are checked only for having an answer.
 */
// Every row has three cells: jest hands a shorter row a `done` callback in the missing place.
const SEED_CODES: [code: string, meaning: string, seedSaysFixedBy: 'device-user' | null][] = [
  ['Success', 'デバイスIDを受信可能', null],
  ['Internal_Error', 'クライアント内またはサーバー側に回復可能なエラーが発生', null],
  ['Workplace_Join_Required', 'デバイスの登録が必要', 'device-user'],
  ['Interaction_Required', '相互作用によるログインが必要', 'device-user'],
  ['Server_Declined_Scopes', '一部の範囲にはアクセス不可', null],
  [
    'Server_Protection_Policies_Required',
    '要求されるリソースがIntune条件付きアクセスポリシーの保護対象',
    null,
  ],
  [
    'User_Canceled',
    'デバイスユーザがWebブラウザで [完了] または [キャンセル] ボタンを押してWeb認証セッションをキャンセル',
    null,
  ],
  ['Account_logged_out', 'アカウントがログアウト済み', null],
];

describe('explain <code> (Ivanti Azure client status codes, seed 003)', () => {
  it.each(SEED_CODES)('explains %s in both languages', (code, meaning, seedSaysFixedBy) => {
    const ja = explainCode(code, 'ja');
    const en = explainCode(code, 'en');
    if (!ja.ok || !en.ok) throw new Error(`${code} is not explained`);
    expect(ja.value.code).toBe(code);
    expect(ja.value.meaning).toContain(meaning);
    expect(ja.value.fix.length).toBeGreaterThan(10);
    expect(en.value.fix).toMatch(/^[\x20-\x7e]+$/); // English, not a copy of the Japanese
    expect(['device-user', 'admin', 'nobody']).toContain(ja.value.fixedBy);
    if (seedSaysFixedBy) expect(ja.value.fixedBy).toBe(seedSaysFixedBy);
    expect(ja.value.text).toContain('対処する人');
    expect(en.value.text).toContain('Who fixes it');
  });

  it('knows exactly the seed codes, no more', () => {
    const unknown = explainCode('nothing-like-this', 'en');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.error.params.known).toBe(SEED_CODES.map(([code]) => code).join(', '));
  });

  it('says the device user fixes a cancelled sign-in, and nobody needs to fix Success', () => {
    const fixedBy = (code: string) => {
      const r = explainCode(code, 'en');
      return r.ok ? r.value.fixedBy : undefined;
    };
    expect(fixedBy('User_Canceled')).toBe('device-user');
    expect(fixedBy('Success')).toBe('nobody');
  });

  // The seed writes names, never numbers; users type them in many ways.
  it.each([
    ['workplace_join_required', 'Workplace_Join_Required'],
    ['WORKPLACE JOIN REQUIRED', 'Workplace_Join_Required'],
    ['Workplace-Join-Required', 'Workplace_Join_Required'],
    ['WorkplaceJoinRequired', 'Workplace_Join_Required'],
    ['  "Interaction_Required" ', 'Interaction_Required'],
    ['`Server_Declined_Scopes`', 'Server_Declined_Scopes'],
    ['ＳＵＣＣＥＳＳ', 'Success'],
    ['MSALErrorInteractionRequired', 'Interaction_Required'],
    ['user_Cancelled', 'User_Canceled'], // the seed's other spelling, in the blank-time note
    ['Internal Error', 'Internal_Error'], // ditto
    ['account logged out', 'Account_logged_out'],
  ])('reads %p as %s', (typed, code) => {
    const result = explainCode(typed, 'ja');
    expect(result.ok && result.value.code).toBe(code);
  });

  it.each(['', '   ', 'Foo', '0x80070005', '-2147024891', 'Success please'])(
    'answers the unknown code %p with an error naming the known codes',
    (typed) => {
      const result = explainCode(typed, 'ja');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('unknown-code');
        expect(result.error.messageKey).toBe('troubleshoot.code.unknown');
        expect(result.error.params.known).toContain('Workplace_Join_Required');
      }
    },
  );

  it('has a step for every seed code in the Ivanti tree', () => {
    const ivanti = loadTrees().find((t) => t.id === 'ivanti-compliance');
    const coded = ivanti?.nodes.flatMap((n) =>
      n.kind === 'answer' && n.statusCode ? [n.statusCode] : [],
    );
    expect(coded?.sort()).toEqual(SEED_CODES.map(([code]) => code).sort());
  });
});
