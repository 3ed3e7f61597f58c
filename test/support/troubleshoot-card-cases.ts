import { t, type Locale } from '../../src/i18n/messages';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import { troubleshootMenuCardData, troubleshootStepCardData } from '../../src/cards/troubleshoot';
import { checkView } from '../../src/cards/troubleshoot-check';
import { applyCheckOutcome, choose, menu, render, start } from '../../src/troubleshooting';
import type { StepView } from '../../src/troubleshooting';

function step(state: { treeId: string; path: string[] }, locale: Locale): StepView {
  const view = render(state, locale);
  if (!view.ok) throw new Error(`cannot render ${JSON.stringify(state)}`);
  return view.value;
}

/**
 * The troubleshooting card: the menu, the first step of every guide, a check step after a
 * failed connection check, and the largest an admin can produce (a 1,000-character device name
 * and error detail, many roles).
 */
export function troubleshootCards(locale: Locale, name: string): [string, AdaptiveCard][] {
  const device = [
    { title: t(locale, 'card.field.assetNumber'), value: name.slice(0, 100) },
    {
      title: t(locale, 'troubleshoot.fact.managementAgent'),
      value: 'configurationManagerClientMdm',
    },
  ];
  const cards: [string, AdaptiveCard][] = [
    [
      'troubleshoot menu',
      renderCard(
        'troubleshoot',
        troubleshootMenuCardData(menu(locale), locale, { device, assetNumber: name.slice(0, 200) }),
      ),
    ],
  ];
  for (const tree of menu(locale).trees) {
    const started = start(tree.id);
    if (!started.ok) throw new Error(tree.id);
    cards.push([
      `troubleshoot ${tree.id} start`,
      renderCard('troubleshoot', troubleshootStepCardData(step(started.value, locale), locale)),
    ]);
  }
  const intune = start('intune-sync');
  if (!intune.ok) throw new Error('intune-sync');
  // Walk to the check step by the first choice until there is one (the tree puts it early).
  let state = intune.value;
  for (let i = 0; i < 5 && !step(state, locale).isCheck; i++) {
    const next = choose(state, step(state, locale).choices[0].id);
    if (next.ok) state = next.value;
  }
  const landed = applyCheckOutcome(state, 'missing-permission');
  if (!landed.ok) throw new Error('no missing-permission step');
  const check = checkView(
    {
      provider: 'intune',
      outcome: 'missing-permission',
      facts: {
        tenantId: name.slice(0, 300),
        roles: Array.from({ length: 40 }, (_, i) => `Role.${i}.${name.slice(0, 50)}`),
        status: 403,
        requestId: name.slice(0, 100),
      },
      detail: name,
      durationMs: 1234,
    },
    locale,
  );
  cards.push([
    'troubleshoot after a failed check',
    renderCard(
      'troubleshoot',
      troubleshootStepCardData(step(landed.value, locale), locale, { device, check }),
    ),
  ]);
  return cards;
}
