import type { TranslationOf } from './catalog';
import type { botCliEn } from './bot-cli-en';

/** Japanese: the bot's and the CLI's own answers (commands, errors, usage). */
export const botCliJa: TranslationOf<typeof botCliEn> = {
  'bot.unknown':
    '「{text}」はわかりませんでした。使えるコマンド: ヘルプ、デバイス ‹資産番号・シリアル・利用者›、デバイス一覧、同期、状態、連携、連携解除、通知先をここに、機種変更 ‹資産番号›、ワークフロー、トラブルシュート、説明 ‹コード›、プロビジョニング、プロビジョニング履歴 ‹社員番号›、利用者 ‹社員番号›、マッピング、棚卸 (英語のコマンド名も使えます)。',
  'bot.error': '処理中にエラーが発生しました。もう一度お試しください (相関ID: {correlationId})。',
  'bot.tooLong':
    'メッセージが長すぎます ({length} 文字。コマンドとして読むのは {max} 文字まで)。何も実行していません。「device PC-0012」のようなコマンドを送るか、「ヘルプ」で一覧を表示してください。',
  'bot.notAdmin':
    'この操作は管理者だけが行えます。管理者に依頼するか、ADMIN_USER_IDS / ADMIN_TEAM_IDS に追加してもらってください。',
  'bot.localTesting':
    'ローカルモード: BOT_ID が未設定のため、要求を認証せず 127.0.0.1 でのみ待ち受けます (Agents Playground・テスト用)。Teams で使うには BOT_ID と BOT_PASSWORD を設定してください。',
  'bot.noAdmins':
    '管理者が設定されていないため、Teams から台帳や連携を変更できる人はいません。ADMIN_USER_IDS (Entra のオブジェクト ID) か ADMIN_TEAM_IDS (Teams のチーム ID) を設定して再起動してください。',
  'bot.ledgerUnreachable':
    '台帳に接続できません。データベースが応答しないため、この操作を完了できませんでした。数分後にもう一度お試しください。続く場合は Daicho の運用担当者にデータベースの確認を依頼してください (相関ID: {correlationId})。',
  'bot.noDevice': '「{id}」に一致するデバイスはありません。',
  'bot.devicesFound': '「{id}」に一致するデバイスが {count} 台あります: {list}',
  'query.bad': '{option} の値「{value}」が正しくありません。',
  'query.badChoice': '{option} に「{value}」は指定できません ({choices} のどれか)。',
  'bot.badPayload':
    'このボタンの内容が正しくないか、古くなっています。もう一度最初からやり直してください。何も変更していません。',
  'bot.linkCancelled': 'マスタ連携を中止しました。何も変更していません。',
  'bot.unlinkCancelled': 'マスタ連携の解除を中止しました。',
  'bot.unlinkStale': '連携先が変わっているため解除しませんでした (現在: {current})。',
  'bot.alertChannelSet': 'この会話をアラートの通知先にしました。',
  'bot.answeredBelow': '下に表示しました。',
  'bot.syncStarted': '同期を開始しました。',
  'bot.download': 'CSVをダウンロードできます (1時間有効): {url}',
  'bot.mergeMdmSide':
    'MDM側の重複は台帳では統合できません。MDMで不要なレコードを削除してください。次の同期で「MDMに無い」となり、台帳からも削除できるようになります。',
  'cli.failed': 'エラー: {message}',
  'cli.badFormat': '形式「{format}」には対応していません (json または csv)。',
  'cli.cannotWrite': 'ファイル「{file}」に書き込めません: {reason}。何も書き込んでいません。',
  'cli.unexpectedWord':
    '「{word}」の意味がわかりません。項目は --項目名 値 の形で指定してください。',
  'cli.unknownField': '不明な項目「{field}」です (例: --serial-number, --user, --status)。',
  'cli.missingValue': '--{field} の値がありません。',
  'cli.invalidValues': '値が正しくありません: {reasons}。何も変更していません。',
  'cli.usage': '{message} (daicho --help で使い方を確認できます)',
  'cli.badChoice': '{option} に「{value}」は指定できません ({choices} のどれか)。',
  'db.stopped': '組み込みデータベース ({kind}, pid {pid}) を停止しました。',
  'db.notRunning': '組み込みデータベースは動いていません。',
  'cli.unexpected':
    '予期しないエラーが発生しました (相関ID: {correlationId})。ログを確認してください。',
};
