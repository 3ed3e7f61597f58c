import { t, type Locale, type MessageKey } from '../i18n/messages';

/** What the help card offers; the template maps each key to its button's verb. */
export type HelpItemKey =
  'devices' | 'status' | 'link' | 'sync' | 'alerts' | 'troubleshoot' | 'provision' | 'mapping';

export interface HelpCardData {
  title: string;
  intro: string;
  items: { key: HelpItemKey; title: string; description: string }[];
  hint: string;
}

const ACTION_TITLE: Record<HelpItemKey, MessageKey> = {
  devices: 'card.action.devices',
  status: 'card.action.status',
  link: 'card.action.link',
  sync: 'card.action.sync',
  alerts: 'card.action.alertChannel',
  troubleshoot: 'card.action.troubleshoot',
  provision: 'card.action.provision',
  mapping: 'card.action.mapping',
};

/** The welcome and help card. Non-admins are not shown buttons they may not press. */
export function helpCardData(locale: Locale, options: { isAdmin: boolean }): HelpCardData {
  const keys: HelpItemKey[] = options.isAdmin
    ? ['devices', 'status', 'troubleshoot', 'link', 'sync', 'alerts', 'provision', 'mapping']
    : ['devices', 'status', 'troubleshoot', 'mapping'];
  return {
    title: t(locale, 'card.help.title'),
    intro: t(locale, 'card.help.intro'),
    items: keys.map((key) => ({
      key,
      title: t(locale, ACTION_TITLE[key]),
      description: t(locale, `card.help.${key}`),
    })),
    hint: t(locale, 'card.help.hint'),
  };
}
