import { parseCsvRows } from '../../src/csv/table-file';
import { peopleCsv } from '../../src/csv/people-csv';
import { defaultImmutableId } from '../../src/people/person';
import { fieldFromName } from '../../src/people/person-fields';
import { parsePersonInput } from '../../src/people/person-input';
import { person } from '../support/provisioning-fixtures';

const keys = (raw: Record<string, unknown>) => parsePersonInput(raw).problems.map((p) => p.key);

describe('people input', () => {
  it('reads Japanese headers, lists split at ";" or line breaks, custom fields and 全角 ids', () => {
    const { value, problems } = parsePersonInput({
      社員番号: 'Ｅ００１',
      表示名: '山田 太郎',
      姓: '山田',
      名: '太郎',
      ユーザープリンシパル名: 'taro@contoso.example',
      電話番号: '03-1234-5678',
      その他のメール: 'a@example.jp; b@example.jp\nc@example.jp',
      部門: '管理本部',
      コストセンター: 'CC-1',
      利用場所: 'jp',
      ライセンスプロファイル: '標準',
      グループ: '全社員;営業部',
      'custom.社員区分': '正社員',
      'カスタム.grade': '',
      'Microsoft 365 アカウントID': 'ignored',
      削除済み: 'いいえ',
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({
      personId: 'E001',
      attributes: {
        displayName: '山田 太郎',
        surname: '山田',
        givenName: '太郎',
        userPrincipalName: 'taro@contoso.example',
        businessPhones: ['03-1234-5678'],
        otherMails: ['a@example.jp', 'b@example.jp', 'c@example.jp'],
        division: '管理本部',
        costCenter: 'CC-1',
        usageLocation: 'JP',
      },
      custom: { 社員区分: '正社員', grade: null },
      licenceProfile: '標準',
      groups: ['全社員', '営業部'],
      removed: false,
    });
  });

  it.each([
    [{ displayName: 'x' }, 'people.input.personIdMissing'],
    [{ personId: 'E 1' }, 'people.input.badPersonId'],
    [{ personId: 'E1', userPrincipalName: 'taro' }, 'people.input.badEmail'],
    [{ personId: 'E1', otherMails: 'a@example.jp;oops' }, 'people.input.badEmail'],
    [{ personId: 'E1', usageLocation: 'Japan' }, 'people.input.badUsageLocation'],
    [{ personId: 'E1', mailNickname: 'taro yamada' }, 'people.input.badMailNickname'],
    [{ personId: 'E1', employeeId: '12345678901234567' }, 'input.tooLong'],
    [{ personId: 'E1', removed: 'maybe' }, 'people.input.badBoolean'],
    [{ personId: 'E1', 'custom.a b': 'x' }, 'people.input.badCustomName'],
    [{ personId: 'E1', shoeSize: '27' }, 'input.unknownField'],
    [{ personId: 'E1', city: { a: 1 } }, 'input.notText'],
  ])('refuses %j', (raw, key) => {
    expect(keys(raw)).toEqual([key]);
  });

  it('knows the field names in every spelling', () => {
    expect(fieldFromName('user_principal_name')).toBe('userPrincipalName');
    expect(fieldFromName('office-location')).toBe('officeLocation');
    expect(fieldFromName(' 勤務先 ')).toBe('officeLocation');
    expect(fieldFromName('ID')).toBe('personId');
    expect(fieldFromName('custom.区分')).toBe('custom.区分');
  });

  it('a CSV export reads back to the same values (lists, custom fields, formula-like phones)', () => {
    const p = person('E9', {
      businessPhones: ['+81 3-1234-5678'],
      otherMails: ['x@example.jp', 'y@example.jp'],
      custom: { 区分: '=契約' },
      groups: ['a', 'b'],
      m365AccountId: '11111111-1111-1111-1111-111111111111',
    });
    const [row] = parseCsvRows(peopleCsv([p], false));
    const { value, problems } = parsePersonInput(row.raw);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      personId: 'E9',
      attributes: {
        businessPhones: ['+81 3-1234-5678'],
        otherMails: ['x@example.jp', 'y@example.jp'],
        onPremisesImmutableId: defaultImmutableId('E9'),
        city: null,
      },
      custom: { 区分: '=契約' },
      groups: ['a', 'b'],
      removed: false,
    });
  });
});
