import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../src/i18n/messages';
import { alertCardData } from '../../src/cards/alert';
import { deviceCardData } from '../../src/cards/device';
import { deviceListCardData } from '../../src/cards/device-list';
import { errorCardData } from '../../src/cards/error';
import { helpCardData } from '../../src/cards/help';
import { linkPreviewCardData } from '../../src/cards/link-preview';
import { CARD_NAMES, cardAttachment, cardsDir, renderCard } from '../../src/cards/render';
import { ALL_VERBS, VERBS } from '../../src/cards/verbs';
import { allCards, collect, LINK_SETTINGS as settings, verbsOf } from '../support/card-cases';
import * as s from '../support/card-samples';
import { validateCard } from '../support/card-validator';

/** Teams accepts about 100 KB per message, counted in UTF-16, and advises staying under 80 KB. */
const MAX_BYTES = 80 * 1024;
const utf16Bytes = (card: unknown) => JSON.stringify(card).length * 2;

describe.each<Locale>(['ja', 'en'])('cards in %s', (locale) => {
  describe.each([
    ['typical data', '山田 太郎'],
    ['the largest data', s.LONG],
  ])('with %s', (_label, name) => {
    it.each(allCards(locale, name))(
      '%s: valid Adaptive Card 1.5, known verbs, small',
      (_n, card) => {
        expect(validateCard(card)).toEqual([]);
        expect(JSON.stringify(card)).not.toContain('${');
        for (const verb of verbsOf(card)) expect(ALL_VERBS).toContain(verb);
        expect(utf16Bytes(card)).toBeLessThan(MAX_BYTES);
      },
    );
  });

  it('writes in the user’s language', () => {
    const text = JSON.stringify(renderCard('help', helpCardData(locale, { isAdmin: true })));
    expect(/[ぁ-んァ-ン]/.test(text)).toBe(locale === 'ja');
  });
});

describe('card templates', () => {
  const templates = readdirSync(cardsDir()).filter((f) => f.endsWith('.json'));
  const read = (f: string) => JSON.parse(readFileSync(path.join(cardsDir(), f), 'utf8')) as unknown;

  it('are exactly the cards render knows', () => {
    expect(templates.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...CARD_NAMES].sort());
  });

  it('use every verb, and only known ones', () => {
    const used = new Set(templates.flatMap((f) => verbsOf(read(f))));
    expect([...used].filter((v) => !ALL_VERBS.has(v))).toEqual([]);
    expect([...ALL_VERBS].filter((v) => !used.has(v))).toEqual([]);
  });

  it('hold no words: every text comes localized from the data', () => {
    const words: string[] = [];
    for (const f of templates)
      collect(read(f), (o) => {
        for (const k of ['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText'])
          if (typeof o[k] === 'string' && !/^\$\{.*\}$|^[^\p{L}]*$/u.test(o[k] as string))
            words.push(`${f} ${k}: ${String(o[k])}`);
      });
    expect(words).toEqual([]);
  });
});

describe('the validator', () => {
  it('catches a broken card, one line per problem', () => {
    const card = renderCard('error', errorCardData(new Error('x'), 'en', 'id-1'));
    (card.body[0] as Record<string, unknown>).colr = 'Attention';
    (card.body[1] as Record<string, unknown>).size = 'Huge';
    expect(validateCard(card)).toEqual([
      '/body/0 (TextBlock) must NOT have additional properties "colr"',
      '/body/1/size (TextBlock) must be one of the allowed values, not "Huge"',
    ]);
    expect(validateCard({ ...card, body: [{ type: 'Txt', text: 'a' }] })).toEqual([
      '/body/0 unknown type "Txt"',
    ]);
    // Valid by itself, but a Fact is not a card element.
    expect(validateCard({ ...card, body: [{ type: 'Fact', title: 'a', value: 'b' }] })).toEqual([
      '/body/0 (Fact) is not allowed here',
    ]);
  });
});

describe('builders and render', () => {
  it('pages the device list by 10 and carries the filter in prev/next/CSV', () => {
    const devices = Array.from({ length: 25 }, (_, i) => s.ledgerDevice(i));
    const filter = { text: 'Mac' };
    const data = deviceListCardData(
      { devices: devices.slice(10), total: 25, page: 2, filter },
      'en',
    );
    expect(data.rows).toHaveLength(10);
    const card = renderCard('device-list', data);
    const actions = card.actions as { verb: string; data: unknown }[];
    expect(actions.map((a) => [a.verb, a.data])).toEqual([
      [VERBS.devicesPage, { filter, page: 1 }],
      [VERBS.devicesPage, { filter, page: 3 }],
      [VERBS.downloadCsv, { filter }],
    ]);
    expect(data.pageText).toBe('Page 2 of 3 (25 devices)');
  });

  it('shows 10 duplicates of 500 and says how many more', () => {
    const data = linkPreviewCardData(settings, { counts: s.COUNTS, preview: s.preview(500) }, 'ja');
    const duplicates = data.sections.find((x) => x.title.startsWith('重複'))!;
    expect(duplicates.lines).toHaveLength(10);
    expect(duplicates.more).toBe('ほか 490 件 (すべて見るには CSV をダウンロードしてください)');
    expect(data.settings).toEqual(settings);
  });

  it('shows who resolved an alert, and no buttons then', () => {
    const a = s.alerts()[0];
    const at = new Date('2025-04-01T03:00:00Z');
    const resolution = { by: 'teams:1', verb: VERBS.alertKeep, at };
    const data = alertCardData(a, 'en', { resolution, actorNames: { 'teams:1': 'Hanako Sato' } });
    expect(data.resolvedText).toBe('Hanako Sato chose "Keep as is" (2025-04-01 12:00 JST)');
    expect(verbsOf(renderCard('alert', data))).toEqual([]);
    // Duplicates inside the MDM: no merge button (each one is a synced device), only "keep".
    expect(verbsOf(renderCard('alert', alertCardData(a, 'en')))).toEqual([VERBS.alertKeep]);
  });

  it('offers delete only to admins, and only for devices the MDM no longer has', () => {
    const verbs = (d: ReturnType<typeof s.device>, isAdmin: boolean) =>
      verbsOf(renderCard('device', deviceCardData(d, [], 'ja', { isAdmin })));
    const missing = s.device();
    missing.mdm!.missingFromMdm = true;
    expect(verbs(s.ledgerDevice(1), true)).toContain(VERBS.deviceDelete);
    expect(verbs(missing, true)).toContain(VERBS.deviceDelete);
    expect(verbs(s.device(), true)).not.toContain(VERBS.deviceDelete);
    expect(verbs(s.ledgerDevice(1), false)).not.toContain(VERBS.deviceDelete);
  });

  it('keeps user text that looks like a binding as text', () => {
    const card = renderCard(
      'device',
      deviceCardData(s.device({ user: '${evil}' }), [], 'en', { isAdmin: false }),
    );
    expect(JSON.stringify(card)).toContain('$\u200B{evil}');
  });

  it('renders a template again and again with new data, each card on its own', () => {
    // The parsed template is shared between replies: nothing of one may leak into the next.
    const render = (user: string) =>
      renderCard('device', deviceCardData(s.device({ user }), [], 'en', { isAdmin: false }));
    const first = render('山田 太郎');
    const before = JSON.stringify(first);
    (first.body as unknown[]).length = 0;
    const second = render('佐藤 花子');
    expect(JSON.stringify(second)).toContain('佐藤 花子');
    expect(JSON.stringify(second)).not.toContain('山田 太郎');
    expect(JSON.stringify(render('山田 太郎'))).toBe(before);
  });

  it('throws when a binding finds no data', () => {
    expect(() => renderCard('error', {} as never)).toThrow(/card "error": unexpanded binding/);
  });

  it('wraps a card as a Teams attachment', () => {
    const card = renderCard('help', helpCardData('en', { isAdmin: false }));
    expect(cardAttachment(card)).toEqual({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: card,
    });
  });
});
