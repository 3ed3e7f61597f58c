import type { TranslationOf } from './catalog';
import type { peopleEn } from './people-en';

/** Japanese: the people directory (利用者) and its CLI. Spread into ja.ts. */
export const peopleJa: TranslationOf<typeof peopleEn> = {
  'people.notFound': 'ディレクトリに利用者「{id}」はいません。',
  'people.badAccountId':
    '「{accountId}」は Microsoft 365 アカウントIDではありません。ユーザーのオブジェクトID (GUID、Entra 管理センターの「ユーザー」に表示) を指定してください。',
  'people.alreadyLinked':
    '利用者「{id}」はすでにアカウント {accountId} と紐付いています。先に解除してください (daicho people unlink {id})。',
  'people.accountTaken': 'アカウント {accountId} はすでに利用者「{otherId}」と紐付いています。',
  'people.notLinked': '利用者「{id}」は Microsoft 365 アカウントと紐付いていません。',
  'people.groupNotFound': 'ディレクトリグループ「{name}」はありません。',
  'people.linked': '利用者「{id}」を Microsoft 365 アカウント {accountId} と紐付けました。',
  'people.alreadyLinkedSame':
    '利用者「{id}」はすでにアカウント {accountId} と紐付いています。変更はありません。',
  'people.unlinked':
    '利用者「{id}」とアカウント {accountId} の紐付けを解除しました。次回のプロビジョニング適用でこのアカウントを{removal}します。',
  'people.removal.stop': '停止 (サインインをブロック)',
  'people.removal.delete': '削除',
  'people.importRejected':
    '{count} 行に誤りがあるため、何も書き込んでいません。修正してからもう一度取り込んでください。',
  'people.importDone':
    '利用者を取り込みました: 追加 {created} 件、更新 {updated} 件、変更なし {unchanged} 件。新しいディレクトリグループ {groupsCreated} 件。',
  'people.input.personIdMissing': 'personId (社員番号) がありません',
  'people.input.badPersonId': 'personId「{value}」は空白を含まない 1〜64 文字にしてください',
  'people.input.duplicateInFile': '利用者「{id}」がファイル内で重複しています ({line} 行目と同じ)',
  'people.input.badEmail': '「{field}」がメールアドレスの形式ではありません:「{value}」',
  'people.input.badUsageLocation':
    'usageLocation は 2 文字の国コード (JP、US など) にしてください:「{value}」',
  'people.input.badMailNickname':
    'mailNickname「{value}」に使えるのは半角英数字と . - _ だけです (空白や @ は不可)',
  'people.input.badBoolean': '「{field}」は true か false にしてください:「{value}」',
  'people.input.badCustomName': 'カスタムフィールド名「{field}」にドットや空白は使えません',
};
