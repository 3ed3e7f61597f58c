import type { TranslationOf } from './catalog';
import type { alertCardsEn } from './alert-cards-en';

/** Japanese: alert, digest and error cards. */
export const alertCardsJa: TranslationOf<typeof alertCardsEn> = {
  'card.alertType.duplicate': '重複したデバイス',
  'card.alertType.asset-number-conflict': '資産番号の競合',
  'card.alertType.missing-from-mdm': 'MDM に無いデバイス',
  'card.alertType.reenrolment': '再登録されたデバイス',
  'card.alertType.sync-failed': '同期の失敗',
  'card.alertType.sync-partial': '同期の一部失敗',
  'card.alertType.run-held': '承認待ちの同期',
  'card.alert.title': '{type} ({provider})',
  'card.alert.dupMdm':
    'MDM の {count} 台が同じ{key}「{value}」を持っており、それぞれ台帳のデバイスになっています ({assets})。同期中のデバイスは台帳から削除できません。不要な方を MDM から削除すると、次の同期で「MDM に無い」となり、台帳から削除できます。',
  'card.alert.ledgerRecord': '台帳の資産番号',
  'card.alert.notInLedger': '台帳にありません',
  'card.alert.dupLedger':
    '台帳の {count} 台 ({assets}) が同じ{key}「{value}」を持っています。残す 1 台を選ぶか、このままにしてください。',
  'card.alert.conflict':
    '{device} の資産番号「{wanted}」は既に使われているため、{assigned} を付けました。',
  'card.alert.missing':
    '{assetNumber} ({device}) が {provider} に見つかりません。台帳からは削除していません。',
  'card.alert.reenrolment':
    '{newDevice} は {assetNumber} が {provider} に再登録されたもののようです ({key}「{value}」が同じ)。旧登録 {oldDevice} がまだ一覧に残っています。新しい登録は台帳に別レコードとして追加していません。{oldDevice} が {provider} から消えると (ワイプ済みならそちらで削除してください)、{newDevice} が {assetNumber} を資産番号・利用履歴ごと引き継ぎます。',
  'card.alert.reenrolOld': '旧登録',
  'card.alert.reenrolNew': '新しい登録',
  'card.alert.failed': '同期に失敗しました。台帳は何も変更していません。',
  'card.alert.partial': '{count} 件のエラーがありました。それ以外の変更は適用しました。',
  'card.alert.recordsLedger': '台帳のデバイス',
  'card.alert.linkedTo': '連携中の MDM デバイス',
  'card.alert.ledgerOnly': 'なし（台帳のみ）',
  'card.alert.records': 'MDM のデバイス',
  'card.alert.keep': 'このままにする',
  'card.alert.keepThis': 'これを残す',
  'card.alert.keepSys': 'SYS 番号のままにする',
  'card.alert.seen': '確認済みにする',
  'card.alert.rename': '資産番号を変更',
  'card.alert.newAssetNumber': '新しい資産番号',
  'card.alert.resolved': '{by} が「{action}」を選びました ({when})',
  'card.alert.resolvedPlain': '解決済み',
  'card.digest.title': 'アラート {count} 件',
  'card.digest.intro': 'アラートが多いため、まとめてお知らせします。',
  'card.digest.group': '{type}: {count} 件',
  'card.error.title': 'エラー',
  'card.error.unexpected': '予期しないエラーが発生しました。',
  'card.error.correlation': '相関 ID: {correlationId} (管理者に伝えるとログを探せます)',
};
