import { fieldFromName, parseDate, parseDeviceInput } from '../../src/ledger/device-input';

describe('device input validation', () => {
  it.each([
    ['2024-04-01', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['２０２４/０４/０１', '2024-04-01'],
    ['2024-02-30', null],
    ['2024-13-01', null],
    ['01/04/2024', null],
    ['yesterday', null],
  ])('parses the date %s as %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('maps camelCase, kebab-case, snake_case and Japanese labels to fields', () => {
    expect(fieldFromName('serialNumber')).toBe('serialNumber');
    expect(fieldFromName('serial-number')).toBe('serialNumber');
    expect(fieldFromName('serial_number')).toBe('serialNumber');
    expect(fieldFromName('シリアル番号')).toBe('serialNumber');
    expect(fieldFromName('資産番号')).toBe('assetNumber');
    expect(fieldFromName('廃棄日/解約日')).toBe('disposalDate');
    expect(fieldFromName('serial')).toBeUndefined();
  });

  it('turns blanks into null and trims values', () => {
    const { value, problems } = parseDeviceInput({
      assetNumber: ' PC-1 ',
      user: '  ',
      os: '',
      model: 'X1',
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ assetNumber: 'PC-1', user: null, os: null, model: 'X1' });
  });

  it('reports every problem of a record, naming the field', () => {
    const { problems } = parseDeviceInput({
      assetNumber: 'PC-1',
      serial: 'typo',
      procurementDate: '2024-02-30',
      model: { nested: true },
      user: 'x'.repeat(300),
    });
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['serial', 'input.unknownField'],
      ['procurementDate', 'input.badDate'],
      ['model', 'input.notText'],
      ['user', 'input.tooLong'],
    ]);
  });

  it('refuses a disposal date before the procurement date', () => {
    const { problems } = parseDeviceInput({
      procurementDate: '2024-04-01',
      disposalDate: '2023-04-01',
    });
    expect(problems.map((p) => p.key)).toEqual(['input.disposalBeforeProcurement']);
  });

  it('ignores the read-only columns of an export (source, mdm.*)', () => {
    const { value, problems } = parseDeviceInput({
      assetNumber: 'A',
      source: 'intune',
      'mdm.deviceName': 'X',
      mdm: null,
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ assetNumber: 'A' });
  });

  it('accepts numbers (JSON imports) as text, and an empty asset number means "assign one"', () => {
    const { value } = parseDeviceInput({ assetNumber: '', serialNumber: 12345 });
    expect(value).toEqual({ serialNumber: '12345' });
  });
});
