import stringWidth from 'string-width';
import { t, type Locale } from '../i18n/messages';
import type { TreeMenu, StepView } from '../troubleshooting';
import { clip, type Fact } from './format';
import type { TroubleshootStepPayload } from './troubleshoot-payloads';

/** A card's share of a tree's links; the rest stay in the tree file. */
const LINKS_MAX = 3;
/** Long answers are split into paragraphs (one TextBlock each) and bounded. */
const PARAGRAPHS_MAX = 30;
const PARAGRAPH_MAX = 2000;

/** What an automatic check found, as the step it jumped to shows it. */
export interface CheckView {
  /** e.g. "Connection check: the app has no permission to read Intune devices". */
  title: string;
  text: string;
  ok: boolean;
  facts: Fact[];
}

/** One template for the menu and every step: `treeId` is '' on the menu. */
export interface TroubleshootCardData extends TroubleshootStepPayload {
  treeTitle: string;
  title: string;
  paragraphs: { text: string }[];
  commands: { text: string }[];
  choices: ({ id: string; label: string } & TroubleshootStepPayload)[];
  trees: { id: string; title: string; description: string }[];
  /** Each a markdown link: as text, a long title is never cut as a button's is. */
  links: { text: string }[];
  /** The ledger device the dialog is about (co-management), as facts; [] when none. */
  device: Fact[];
  assetNumber: string;
  isCheck: boolean;
  canGoBack: boolean;
  hasCheck: boolean;
  checkTitle: string;
  checkText: string;
  checkStyle: 'good' | 'attention';
  checkFacts: Fact[];
  /** Short labels as buttons (one press); long ones as a list with one "next" button. */
  choicesAs: 'buttons' | 'list';
  labels: {
    back: string;
    restart: string;
    menu: string;
    runCheck: string;
    device: string;
    open: string;
    next: string;
    pickOne: string;
  };
}

/**
 * The widest choice label a button shows whole (display columns: a full-width character counts
 * two): Teams cuts a longer button title, and a card on a phone is about 300 px wide.
 */
export const BUTTON_LABEL_MAX_WIDTH = 32;

/** Buttons when every label fits on one; otherwise a list to pick from. */
function choicesAs(labels: readonly string[]): TroubleshootCardData['choicesAs'] {
  return labels.every((label) => stringWidth(label) <= BUTTON_LABEL_MAX_WIDTH) ? 'buttons' : 'list';
}

function labels(locale: Locale): TroubleshootCardData['labels'] {
  return {
    back: t(locale, 'troubleshoot.back'),
    restart: t(locale, 'troubleshoot.restart'),
    menu: t(locale, 'troubleshoot.menu'),
    runCheck: t(locale, 'troubleshoot.runCheck'),
    device: t(locale, 'troubleshoot.device'),
    open: t(locale, 'troubleshoot.open'),
    next: t(locale, 'troubleshoot.next'),
    pickOne: t(locale, 'troubleshoot.pickOne'),
  };
}

function paragraphs(text: string): { text: string }[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .slice(0, PARAGRAPHS_MAX)
    .map((p) => ({ text: clip(p, PARAGRAPH_MAX) }));
}

const none = {
  nodeId: '',
  commands: [],
  choices: [],
  choicesAs: 'buttons' as const,
  links: [],
  isCheck: false,
  canGoBack: false,
  hasCheck: false,
  checkTitle: '',
  checkText: '',
  checkStyle: 'good' as const,
  checkFacts: [],
};

export function troubleshootMenuCardData(
  menu: TreeMenu,
  locale: Locale,
  context: { device?: Fact[]; assetNumber?: string } = {},
): TroubleshootCardData {
  return {
    ...none,
    treeId: '',
    treeTitle: menu.title,
    title: menu.text,
    paragraphs: [],
    trees: menu.trees.map((tree) => ({
      id: tree.id,
      title: clip(tree.title),
      description: clip(tree.description, 300),
    })),
    device: context.device ?? [],
    assetNumber: context.assetNumber ?? '',
    labels: labels(locale),
  };
}

export function troubleshootStepCardData(
  step: StepView,
  locale: Locale,
  context: { device?: Fact[]; assetNumber?: string; check?: CheckView } = {},
): TroubleshootCardData {
  const check = context.check;
  return {
    treeId: step.treeId,
    nodeId: step.nodeId,
    // A step without its own title carries the guide's; saying it twice helps nobody.
    treeTitle: step.title === step.treeTitle ? '' : step.treeTitle,
    title: step.title,
    paragraphs: paragraphs(step.text),
    commands: step.commands.map((c) => ({ text: clip(c, 300) })),
    choices: step.choices.map((c) => ({
      id: c.id,
      label: clip(c.label),
      treeId: step.treeId,
      nodeId: step.nodeId,
    })),
    choicesAs: choicesAs(step.choices.map((c) => clip(c.label))),
    trees: [],
    // Links are text (a markdown link), not buttons: their titles are long and a button cuts them.
    links: step.links.slice(0, LINKS_MAX).map((link) => ({
      text: `[${link.label.replace(/[[\]]/g, '')}](${link.url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`,
    })),
    device: context.device ?? [],
    assetNumber: context.assetNumber ?? '',
    isCheck: step.isCheck,
    canGoBack: step.canGoBack,
    hasCheck: !!check,
    checkTitle: check?.title ?? '',
    checkText: check?.text ?? '',
    checkStyle: check && !check.ok ? 'attention' : 'good',
    checkFacts: check?.facts ?? [],
    labels: labels(locale),
  };
}
