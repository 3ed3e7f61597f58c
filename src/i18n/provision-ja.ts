import type { TranslationOf } from './catalog';
import type { provisionEn } from './provision-en';

/** Japanese: Microsoft 365 provisioning runs and the `daicho provision` commands (seed 001). Spread into ja.ts. */
export const provisionJa: TranslationOf<typeof provisionEn> = {
  'provision.problem.missingRequired': '必須属性 {attribute} が空です',
  'provision.problem.singleBusinessPhone':
    'businessPhones に {count} 件の番号がありますが、Microsoft 365 に API で連携できるのは 1 件だけです (seed 001 ※1)。1 件にしてください',
  'provision.problem.duplicateUserPrincipalName':
    '利用者「{otherPersonId}」と userPrincipalName が同じです',
  'provision.problem.linkedAccountMissing':
    '紐付いているアカウント {accountId} が Microsoft 365 にありません (削除された可能性があります)。解除するか、別のアカウントと紐付けてください',
  'provision.problem.accountLinkedToOther':
    'この userPrincipalName のアカウント ({accountId}) は利用者「{otherPersonId}」と紐付いています',
  'provision.problem.accountUnlinked':
    'この userPrincipalName のアカウント ({accountId}) はこの利用者から解除されています。プロビジョニングするには再度紐付けてください (daicho people link)',
  'provision.problem.unknownLicenceProfile':
    'ライセンスプロファイル「{profile}」が PROVISIONING_LICENSE_PROFILES_FILE にありません',
  'provision.problem.unknownSku':
    'ライセンスプロファイル「{profile}」の {sku} はテナントで契約されていません',
  'provision.problem.unknownServicePlan':
    'ライセンスプロファイル「{profile}」: {sku} にサービスプラン {plan} はありません',
  'provision.problem.licencesExhausted': '{sku} の割り当て可能なライセンスが残っていません',
  'provision.problem.noUsageLocation':
    'usageLocation がありません。Microsoft 365 は usageLocation のないユーザーにライセンスを割り当てません',
  'provision.problem.linkedGroupMissing':
    '紐付いているセキュリティグループ {groupId} が Microsoft 365 にありません',
  'provision.problem.ambiguousGroup':
    'この表示名のセキュリティグループが {count} 個あります。正しいものを紐付けてください',
  'provision.noGraph':
    'Microsoft 365 プロビジョニングは Intune 接続のアプリ登録を使います。{file} に AZURE_TENANT_ID、AZURE_CLIENT_ID、AZURE_CLIENT_SECRET (または AZURE_CLIENT_CERTIFICATE_PATH / AZURE_USE_MANAGED_IDENTITY) を設定し、アプリケーションのアクセス許可 User.ReadWrite.All、Group.ReadWrite.All、Organization.Read.All を付与 (管理者の同意) してください。',
  'provision.allOff':
    'プロビジョニングの対象がありません: PROVISION_ACCOUNTS、PROVISION_LICENSES、PROVISION_GROUPS がすべて off です。{file} でいずれかを on にしてください。',
  'provision.busy':
    '別のプロビジョニング適用が実行中です ({holder}, ホスト {host}, pid {pid}, 期限 {until})。終わってから再実行してください。',
  'provision.runNotFound': 'プロビジョニング実行「{runId}」はありません。',
  'provision.notHeld':
    'プロビジョニング実行「{runId}」は承認待ちではありません (状態: {status})。何も実行していません。',
  'provision.readFailed':
    'Microsoft 365 を読み取れませんでした ({operation}: HTTP {status} {code}, request-id {requestId}): {reason}。何も変更していません。アプリ登録にはアプリケーションのアクセス許可 User.ReadWrite.All、Group.ReadWrite.All、Organization.Read.All (管理者の同意) が必要です。',
  'provision.badPlan':
    'プロビジョニング計画ではありません (daicho provision plan --json の JSON を指定してください): {reason}。何も変更していません。',
  'provision.badPlanFile': '計画ファイル {file} を読み取れません: {reason}。何も変更していません。',
  'provision.planTooLarge':
    '計画の操作が {operations} 件 ({mb} MB) あり、1 回の実行で記録できる量を超えています。分けて実行してください: スイッチを 1 つずつ on にする (PROVISION_ACCOUNTS から)、または利用者を分けてインポートする。何も変更していません。',
  'provision.planSwitchOff':
    '計画に {kind} の操作がありますが、現在 {variable} は off です。何も変更していません。計画を作り直してください。',
  'provision.summary':
    'アカウント: 作成 {createUser}、紐付け {linkUser}、更新 {updateUser}、停止 {stopUser}、削除 {deleteUser}。ライセンス: {assignLicenses} 人。グループ: 作成 {createGroup}、紐付け {linkGroup}、更新 {updateGroup}、削除 {deleteGroup}。メンバー: 追加 {addMember}、削除 {removeMember}。問題: {problems} 件。',
  'provision.empty': '変更はありません: Microsoft 365 はディレクトリと一致しています。',
  'provision.dryRun':
    'ドライラン {runId}: Microsoft 365 は何も変更していません (Graph リクエスト {requests} 件、読み取りのみ)。',
  'provision.needsApproval':
    'この計画は {removals} 件のアカウントを停止または削除し、安全上限 ({safetyLimit}) を超えています。適用には管理者の承認が必要です。',
  'provision.held':
    '承認待ち: 実行 {runId} は {removals} 件のアカウントを停止または削除します (安全上限 {safetyLimit})。何も変更していません。daicho provision approve {runId} で適用、daicho provision reject {runId} で取り消します。',
  'provision.heldShort':
    '適用していません: 実行 {runId} は承認待ちです (daicho provision approve {runId})。',
  'provision.result':
    '実行 {runId} {status}: 完了 {ok}、失敗 {failed}、スキップ {skipped} (Graph リクエスト {requests} 件)。',
  'provision.partialShort':
    '実行 {runId} で {failed} 件の操作が失敗しました。上の一覧を確認してください (利用者ごとは daicho provision why ‹社員番号›)。',
  'provision.passwordsWarning':
    '新しい {count} 件のアカウントの初期パスワードです。安全な方法で本人に渡し (メールやチャットは不可)、控えを残さないでください。初回サインイン時に変更が必要です。どこにも保存されず、再表示もできません。',
  'provision.rejected': '実行 {runId} を取り消しました。何も適用していません。',
  'provision.problems': '問題 (計画から除外):',
  'provision.whyHeader': '利用者 {personId} ({displayName})、Microsoft 365 アカウント {accountId}',
  'provision.whyNone': 'この利用者のプロビジョニング記録はまだありません。',
  'provision.whyProblems': '最新の計画での問題:',
  'provision.runsNone': 'プロビジョニングの実行はまだありません。',
  'provision.subject.person': '利用者 {id}',
  'provision.subject.group': 'グループ {id}',
  'provision.reason.removed': 'ディレクトリから削除',
  'provision.reason.unlinked': '利用者との紐付けを解除',
  'provision.reason.notInDirectoryGroup': 'ディレクトリグループに所属していない',
  'provision.reason.groupRemoved': 'ディレクトリグループを削除',
  'provision.op.createUser': 'アカウント作成',
  'provision.op.linkUser': 'アカウント紐付け',
  'provision.op.updateUser': 'アカウント更新',
  'provision.op.stopUser': 'アカウント停止',
  'provision.op.deleteUser': 'アカウント削除',
  'provision.op.assignLicenses': 'ライセンス',
  'provision.op.createGroup': 'グループ作成',
  'provision.op.linkGroup': 'グループ紐付け',
  'provision.op.updateGroup': 'グループ更新',
  'provision.op.deleteGroup': 'グループ削除',
  'provision.op.addMember': 'メンバー追加',
  'provision.op.removeMember': 'メンバー削除',
  'provision.result.ok': '完了',
  'provision.result.failed': '失敗',
  'provision.result.skipped': 'スキップ',
  'provision.status.planned': '計画のみ (ドライラン)',
  'provision.status.held': '承認待ち',
  'provision.status.applying': '適用中',
  'provision.status.applied': '適用済み',
  'provision.status.partial': '一部適用',
  'provision.status.failed': '失敗',
  'provision.status.rejected': '取り消し',
  'provision.detail.licencesExhausted': 'その SKU のライセンスが残っていません',
  'provision.detail.noUsageLocation': 'アカウントに usageLocation がありません',
  'provision.detail.conflict': '一意であるべき値を別のオブジェクトが使っています',
  'provision.detail.notFound': 'Microsoft 365 に見つかりません',
  'provision.detail.forbidden': 'アプリ登録にアクセス許可がありません',
  'provision.detail.throttled': '再試行後もスロットリングされました',
  'provision.detail.noResponse': 'Microsoft 365 から応答がありません',
  'provision.detail.linkRefused': '紐付けを記録できませんでした',
  'provision.detail.graphError': 'Microsoft 365 が拒否しました',
  'provision.detail.userNotCreated': 'スキップ: アカウントが作成されませんでした',
  'provision.detail.userNotLinked': 'スキップ: アカウントが紐付けられませんでした',
  'provision.detail.groupNotCreated': 'スキップ: グループが作成されませんでした',
  'provision.detail.groupNotLinked': 'スキップ: グループが紐付けられませんでした',
};
