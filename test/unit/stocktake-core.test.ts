import { ObjectId } from 'mongodb';
import { t } from '../../src/i18n/messages';
import {
  answerRefusal,
  DEADLINE_CLOSER,
  isRefusal,
  NOTE_MAX,
  parseAnswerInput,
} from '../../src/stocktake/answer-rules';
import { endOfTokyoDay, tokyoDayStamp } from '../../src/stocktake/deadline';
import { DirectoryIndex, planStocktake, type DirectoryPerson } from '../../src/stocktake/plan';
import { countItems, reportRows } from '../../src/stocktake/status';
import type { StocktakeDoc, StocktakeItemDoc } from '../../src/stocktake/stocktake-types';

const person = (p: Partial<DirectoryPerson> & { personId: string }): DirectoryPerson => ({
  upn: null,
  mail: null,
  displayName: null,
  aadObjectId: null,
  department: null,
  ...p,
});

const PEOPLE = [
  person({
    personId: 'E001',
    upn: 'Taro.Yamada@example.co.jp',
    displayName: '山田 太郎',
    aadObjectId: 'aad-yamada',
    department: '営業部',
  }),
  person({ personId: 'E002', upn: 'hanako@example.co.jp', displayName: '佐藤 花子' }),
  // Two people of the same name: their devices cannot be told apart by the name.
  person({ personId: 'E003', upn: 'ichiro1@example.co.jp', displayName: '鈴木 一郎' }),
  person({ personId: 'E004', upn: 'ichiro2@example.co.jp', displayName: '鈴木 一郎' }),
];

const device = (assetNumber: string, user: string | null) => ({
  assetNumber,
  user,
  model: 'ThinkPad X1',
  serialNumber: `SN-${assetNumber}`,
});

describe('planning a stocktake', () => {
  const directory = new DirectoryIndex(PEOPLE);
  const reachable = new Set(['taro.yamada@example.co.jp', 'jiro@example.co.jp']);

  it('asks each reachable user once about all their devices, by name, UPN or mail alike', () => {
    const plan = planStocktake(
      [
        device('PC-3', 'taro.yamada@EXAMPLE.co.jp'),
        device('PC-1', '山田　太郎'),
        device('PC-2', 'jiro@example.co.jp'),
        device('PC-4', '山田太郎'),
      ],
      directory,
      reachable,
    );
    expect(plan.unreachable).toEqual([]);
    expect(plan.asks.map((a) => [a.user.upn, a.devices.map((d) => d.assetNumber)])).toEqual([
      ['jiro@example.co.jp', ['PC-2']],
      ['taro.yamada@example.co.jp', ['PC-1', 'PC-3', 'PC-4']],
    ]);
    expect(plan.asks[1].user).toMatchObject({ aadObjectId: 'aad-yamada', department: '営業部' });
  });

  it('puts every device it cannot ask on the admin list with the reason', () => {
    const plan = planStocktake(
      [
        device('PC-1', null),
        device('PC-2', '   '),
        device('PC-3', '田中'),
        device('PC-4', '鈴木 一郎'),
        device('PC-5', '佐藤 花子'),
        device('PC-6', 'not an @address'),
      ],
      directory,
      reachable,
    );
    expect(plan.asks).toEqual([]);
    expect(plan.unreachable.map((u) => [u.device.assetNumber, u.reason])).toEqual([
      ['PC-1', 'noUser'],
      ['PC-2', 'noUser'],
      ['PC-3', 'notUpn'],
      ['PC-4', 'ambiguousName'],
      ['PC-5', 'noTeams'],
      ['PC-6', 'notUpn'],
    ]);
    expect(plan.unreachable[4].user?.upn).toBe('hanako@example.co.jp');
  });
});

describe('the deadline', () => {
  it('is the end of the day in Japan', () => {
    expect(endOfTokyoDay('2026-12-20')?.toISOString()).toBe('2026-12-20T14:59:59.999Z');
    expect(tokyoDayStamp(new Date('2026-12-05T15:30:00Z'))).toBe('20261206');
  });

  it.each(['2026-02-30', '2026-13-01', '20261220', 'tomorrow', '', '2026-1-5'])(
    'refuses %j',
    (day) => expect(endOfTokyoDay(day)).toBeNull(),
  );
});

const NOW = new Date('2026-12-10T03:00:00Z');

function stocktake(over: Partial<StocktakeDoc> = {}): StocktakeDoc {
  return {
    _id: 'ST-20261206-1',
    scope: { query: {} },
    deadline: endOfTokyoDay('2026-12-20')!,
    deadlineDay: '2026-12-20',
    status: 'open',
    ready: true,
    openSlot: 'open',
    createdBy: 'cli:admin',
    createdAt: new Date('2026-12-06T00:00:00Z'),
    closedBy: null,
    closedAt: null,
    ...over,
  };
}

function item(over: Partial<StocktakeItemDoc> = {}): StocktakeItemDoc {
  return {
    _id: new ObjectId(),
    stocktakeId: 'ST-20261206-1',
    deviceId: new ObjectId(),
    assetNumber: 'PC-1',
    user: '山田 太郎',
    upn: 'taro.yamada@example.co.jp',
    aadObjectId: 'aad-yamada',
    displayName: '山田 太郎',
    department: '営業部',
    model: 'ThinkPad X1',
    serialNumber: 'SN1',
    state: 'toAsk',
    unreachableReason: null,
    answer: null,
    answers: [],
    proposedSerial: null,
    askedAt: null,
    remindedAt: null,
    updatedAt: NOW,
    ...over,
  };
}

describe('hostile and out-of-turn answers', () => {
  const yamada = { by: 'teams:aad-yamada', aadObjectId: 'AAD-YAMADA', admin: false };

  it('takes the asked user (by object id or UPN) and an admin', () => {
    expect(answerRefusal(stocktake(), item(), yamada, NOW)).toBeNull();
    const byUpn = { by: 'x', upn: 'Taro.Yamada@example.co.jp', admin: false };
    expect(answerRefusal(stocktake(), item(), byUpn, NOW)).toBeNull();
    expect(answerRefusal(stocktake(), item(), { by: 'cli:a', admin: true }, NOW)).toBeNull();
  });

  it("refuses another user's item, even with no ids at all", () => {
    for (const who of [
      { by: 'teams:other', aadObjectId: 'aad-other', admin: false },
      { by: 'teams:nobody', admin: false },
      { by: 'teams:x', upn: '', aadObjectId: '', admin: false },
    ])
      expect(answerRefusal(stocktake(), item(), who, NOW)?.key).toBe('stocktake.answer.notYours');
    const noIds = item({ upn: null, aadObjectId: null });
    expect(answerRefusal(stocktake(), noIds, { by: 'x', admin: false }, NOW)?.key).toBe(
      'stocktake.answer.notYours',
    );
  });

  it('refuses after the deadline and after close, even for an admin', () => {
    const late = new Date(endOfTokyoDay('2026-12-20')!.getTime() + 1);
    expect(answerRefusal(stocktake(), item(), yamada, late)?.key).toBe(
      'stocktake.answer.pastDeadline',
    );
    const closed = stocktake({ status: 'closed' });
    expect(answerRefusal(closed, item(), { by: 'a', admin: true }, NOW)?.key).toBe(
      'stocktake.answer.closed',
    );
  });

  it('says the deadline passed when the stocktake closed itself at its deadline', () => {
    const closed = stocktake({ status: 'closed', closedBy: DEADLINE_CLOSER, closedAt: NOW });
    expect(answerRefusal(closed, item(), yamada, NOW)?.key).toBe('stocktake.answer.pastDeadline');
  });

  it('refuses a device that changed hands', () => {
    expect(answerRefusal(stocktake(), item({ state: 'changedHands' }), yamada, NOW)?.key).toBe(
      'stocktake.answer.changedHands',
    );
  });

  it.each([
    ['an unknown result', { result: 'gone' }, 'stocktake.answer.badResult'],
    ['a result in other case', { result: 'PRESENT' }, 'stocktake.answer.badResult'],
    ['no result', {}, 'stocktake.answer.badResult'],
    ['a list', { result: ['present'] }, 'stocktake.answer.badResult'],
    ['an object', { result: { toString: 1 } }, 'stocktake.answer.badResult'],
    ['a huge note', { result: 'lost', note: 'x'.repeat(100_000) }, 'stocktake.answer.noteTooLong'],
    [
      'a note one too long',
      { result: 'lost', note: 'x'.repeat(NOTE_MAX + 1) },
      'stocktake.answer.noteTooLong',
    ],
    ['a number as note', { result: 'lost', note: 42 }, 'stocktake.answer.notText'],
    [
      'a two-line serial',
      { result: 'present', proposedSerial: 'a\nb' },
      'stocktake.answer.serialTooLong',
    ],
    [
      'a huge serial',
      { result: 'present', proposedSerial: 'S'.repeat(101) },
      'stocktake.answer.serialTooLong',
    ],
  ])('refuses %s', (_label, raw, key) => {
    const parsed = parseAnswerInput(raw);
    expect(isRefusal(parsed) && parsed.key).toBe(key);
  });

  it('keeps a bounded note without control characters, and an empty one as none', () => {
    expect(
      parseAnswerInput({ result: 'broken', note: ' 画面が\u0000割れた\n ', proposedSerial: '' }),
    ).toEqual({ result: 'broken', note: '画面が割れた', proposedSerial: null });
    const long = parseAnswerInput({ result: 'present', note: 'あ'.repeat(NOTE_MAX) });
    expect(isRefusal(long)).toBe(false);
  });
});

describe('status and report', () => {
  const answered = (result: 'present' | 'lost', department: string | null) =>
    item({
      department,
      state: 'answered',
      answer: { result, note: '=cmd', by: 'teams:aad-yamada', at: NOW },
    });
  const items = [
    answered('present', '営業部'),
    answered('lost', '営業部'),
    item({ department: '総務部', assetNumber: 'PC-9' }),
    item({ department: null, state: 'unreachable', unreachableReason: 'noUser' }),
    item({ department: null, state: 'changedHands' }),
  ];

  it('counts answered, not yet, problems and unreachable, per department', () => {
    const { counts, departments } = countItems(items);
    expect(counts).toEqual({ total: 5, answered: 2, pending: 1, problems: 2, unreachable: 1 });
    expect(departments.map((d) => [d.department, d.answered, d.total, d.problems])).toEqual([
      ['営業部', 2, 2, 1],
      ['総務部', 0, 1, 0],
      [null, 0, 2, 1],
    ]);
  });

  it('lists every device with its answer or 未回答', () => {
    const rows = reportRows(items, 'ja');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({ 資産番号: 'PC-1', 回答: '紛失', 回答日時: '2026-12-10 12:00' });
    expect(rows[2].回答).toBe(t('ja', 'stocktake.result.none'));
    expect(rows[2].回答).toBe('未回答');
    expect(rows[3].備考).toBe('利用者が空です');
    expect(reportRows(items, 'en')[3].回答).toBe('No answer');
  });
});
