import type { TranslationOf } from './catalog';
import type { troubleshootEn } from './troubleshoot-en';

/** Japanese: the troubleshooting guides, the connection check and `explain`. Spread into ja.ts. */
export const troubleshootJa: TranslationOf<typeof troubleshootEn> = {
  'troubleshoot.open': '始める',
  'troubleshoot.pickOne': 'どれか 1 つを選んでください',
  'troubleshoot.back': '戻る',
  'troubleshoot.restart': '最初から',
  'troubleshoot.menu': 'ガイド一覧',
  'troubleshoot.runCheck': '今すぐ接続を確認',
  'troubleshoot.device': '台帳のデバイス',
  'troubleshoot.checkTitle': '接続の確認: {verdict}',
  'troubleshoot.checkAdminOnly':
    '接続の確認を実行できるのは管理者だけです。手動の手順はこのまま進められます。',
  'troubleshoot.stale': 'そのボタンは前の手順のものです。現在の手順を表示します。',
  'troubleshoot.noSession':
    'このトラブルシュートは終了しています。「トラブルシュート」と送ると最初から始められます。',
  'troubleshoot.unknownGuide':
    'トラブルシュートガイド「{name}」はありません。「トラブルシュート」と送ると一覧を表示します。',
  'troubleshoot.deviceNotFound':
    '台帳にデバイス「{assetNumber}」がありません。デバイスなしでガイドを始めます。',
  'troubleshoot.deviceNotIntune': 'Intune と同期していません（管理エージェントの情報がありません）',
  'troubleshoot.explainUsage':
    '「説明」に続けてステータスコードを送ってください。例: 「説明 Workplace_Join_Required」',
  'troubleshoot.outcome.intune.ok':
    '正常です。アプリはサインインでき、Intune のデバイスを読み取れます',
  'troubleshoot.outcome.intune.bad-secret': 'クライアントシークレットが正しくありません',
  'troubleshoot.outcome.intune.expired-secret': 'クライアントシークレットの有効期限が切れています',
  'troubleshoot.outcome.intune.wrong-tenant': 'テナント ID がアプリ登録と一致しません',
  'troubleshoot.outcome.intune.unknown-client':
    'このアプリケーション (クライアント) ID のアプリがテナントにありません',
  'troubleshoot.outcome.intune.missing-permission':
    'アプリに Intune のデバイスを読み取る権限 (または管理者の同意) がありません',
  'troubleshoot.outcome.intune.empty-result':
    'サインインできましたが、Intune からデバイスが 1 台も返りません',
  'troubleshoot.outcome.intune.throttled': 'Microsoft Graph がアプリを制限しています (429)',
  'troubleshoot.outcome.intune.unreachable': 'Entra ID または Microsoft Graph に接続できません',
  'troubleshoot.outcome.intune.not-configured': 'Intune への接続が設定されていません',
  'troubleshoot.outcome.jamf.ok':
    '正常です。API クライアントはサインインでき、インベントリを読み取れます',
  'troubleshoot.outcome.jamf.bad-credentials':
    'Jamf Pro が API クライアント ID またはシークレットを拒否しました',
  'troubleshoot.outcome.jamf.missing-privilege': 'API ロールに必要な権限がありません',
  'troubleshoot.outcome.jamf.empty-result':
    'サインインできましたが、Jamf Pro にコンピュータもモバイルデバイスもありません',
  'troubleshoot.outcome.jamf.throttled': 'Jamf Pro が API クライアントを制限しています (429)',
  'troubleshoot.outcome.jamf.unreachable': 'Jamf Pro サーバーに接続できません',
  'troubleshoot.outcome.jamf.not-configured': 'Jamf Pro への接続が設定されていません',
  'troubleshoot.fact.tenantId': '設定のテナント',
  'troubleshoot.fact.tokenTenantId': 'トークンのテナント',
  'troubleshoot.fact.appId': 'クライアント ID',
  'troubleshoot.fact.roles': 'トークンの権限',
  'troubleshoot.fact.deviceCountSample': '取得テスト (1 件まで)',
  'troubleshoot.fact.url': 'Jamf Pro の URL',
  'troubleshoot.fact.clientId': 'API クライアント ID',
  'troubleshoot.fact.computerCount': 'コンピュータ',
  'troubleshoot.fact.mobileDeviceCount': 'モバイルデバイス',
  'troubleshoot.fact.missingPrivileges': '足りない権限',
  'troubleshoot.fact.status': 'HTTP ステータス',
  'troubleshoot.fact.aadCode': 'Entra のエラー',
  'troubleshoot.fact.requestId': 'リクエスト ID',
  'troubleshoot.fact.retryAfterSeconds': 'Retry-After (秒)',
  'troubleshoot.fact.duration': '所要時間',
  'troubleshoot.fact.managementAgent': '管理エージェント',
  'troubleshoot.menu.title': 'トラブルシュート',
  'troubleshoot.menu.text': '困っていることを選んでください。',
  'troubleshoot.next': '次へ',
  'troubleshoot.error.unknownTree':
    'トラブルシュート「{treeId}」はありません。「トラブルシュート」と送ると一覧を表示します。',
  'troubleshoot.error.staleState':
    'このトラブルシュート ({treeId}) は内容が更新されたため、途中から続けられません。最初からやり直してください。',
  'troubleshoot.error.unknownChoice':
    '選択肢「{choice}」はこの手順にありません。いま表示されているカードのボタンを選んでください。',
  'troubleshoot.error.notACheck': 'この手順 ({nodeId}) には自動チェックがありません。',
  'troubleshoot.error.unknownOutcome':
    '自動チェックの結果「{outcome}」はこの手順では扱えません。手動の手順で続けてください。',
  'troubleshoot.error.atStart': '最初の手順なので、これより前には戻れません。',
  'troubleshoot.code.unknown': 'ステータス コード「{code}」は分かりません。分かるコード: {known}',
  'troubleshoot.code.meaning': '意味: {text}',
  'troubleshoot.code.fix': '対処: {text}',
  'troubleshoot.code.fixedBy.device-user': '対処する人: デバイスユーザー',
  'troubleshoot.code.fixedBy.admin': '対処する人: 管理者',
  'troubleshoot.code.fixedBy.nobody': '対処する人: 不要 (問題ありません)',
};
