import type { TranslationOf } from './catalog';
import type { provisioningBotEn } from './provisioning-bot-en';

/**
 * Japanese: the bot's Microsoft 365 provisioning, people and mapping cards (seed 001). Kept apart
 * from ja.ts so the catalog stays readable; ja.ts spreads it in.
 */
export const provisioningBotJa: TranslationOf<typeof provisioningBotEn> = {
  // Help and commands
  'card.action.provision': 'プロビジョニングの計画',
  'card.action.mapping': '属性マッピング',
  'card.help.provision':
    '利用者ディレクトリを Microsoft 365 に反映する計画 (ドライラン) を表示し、確認してから適用します。「プロビジョニング履歴 ‹社員番号›」でその人の履歴を表示します。',
  'card.help.mapping':
    '利用者の属性と Microsoft 365 のユーザー属性の対応表と、プロビジョニングの設定を表示します。「利用者 ‹社員番号›」で利用者を表示します。',
  'bot.provision.whyUsage':
    '「プロビジョニング履歴」に続けて社員番号を送ってください。例: 「プロビジョニング履歴 E00012」',
  'bot.provision.notPlanned':
    'このプレビュー (実行 {runId}) は適用待ちのドライランではありません (現在: {status})。何も変更していません。「プロビジョニング」と送ると新しい計画を表示します。',
  'bot.provision.changed':
    'プレビューの後に Microsoft 365 またはディレクトリが変わったため、適用していません。現在の計画を表示します。確認してからもう一度適用してください。',
  'bot.provision.notHeld':
    '実行 {runId} はもう承認待ちではありません (現在: {status})。何も変更していません。',
  'bot.provision.applying': '適用を続けています。終わったら結果のカードをこの会話に送ります。',
  'bot.provision.failed':
    'プロビジョニングの適用中にエラーが発生しました (相関ID: {correlationId})。ログと「プロビジョニング履歴」を確認してください。',
  'bot.person.usage': '「利用者」に続けて社員番号を送ってください。例: 「利用者 E00012」',
  'bot.person.invalid': '保存していません: {reasons}',
  'bot.person.unknownProfile':
    'ライセンスプロファイル「{profile}」は PROVISIONING_LICENSE_PROFILES_FILE にありません',
  'bot.person.unlinkStale':
    '利用者「{id}」はもうアカウント {accountId} と紐付いていません (現在: {current})。何も変更していません。',
  'bot.person.removedNotice':
    'ディレクトリから削除しました。次回のプロビジョニング適用で、紐付いているアカウントを{removal}します。',
  'bot.person.restoredNotice':
    '元に戻しました。停止したアカウントは停止のままです (Microsoft 365 管理センターでブロックを解除してください)。',
  'people.edit.stale':
    '利用者「{id}」はこのカードを表示した後に変更されています。上書きしないよう、何も変更していません。最新のカードで編集してください。',
  'people.edit.required': '「{field}」は空にできません',

  // Preview
  'card.provision.titlePlanned': 'プロビジョニングの計画 (ドライラン)',
  'card.provision.titleHeld': 'プロビジョニングは承認待ちです',
  'card.provision.titleOther': 'プロビジョニングの計画 ({status})',
  'card.provision.intro':
    'Microsoft 365 はまだ何も変更していません。内容を確認してから適用してください。',
  'card.provision.introHeld':
    '停止・削除するアカウントが安全上限を超えたため、管理者の承認を待っています。承認すると、この計画を適用します。',
  'card.provision.meta': '計画 {at} · {by} · 実行 {runId}',
  'card.provision.switches':
    'アカウント: {accounts} · ライセンス: {licences} · グループ: {groups} · 削除時の動作: {removal}',
  'card.provision.on': 'オン',
  'card.provision.off': 'オフ',
  'card.provision.removal.stop': '停止 (サインインをブロック)',
  'card.provision.removal.delete': '削除',
  'card.provision.empty': 'Microsoft 365 はディレクトリと一致しています。変更はありません。',
  'card.provision.needsApproval':
    'この計画は {removals} 件のアカウントを停止・削除します。安全上限 ({limit} 件) を超えるため、適用は管理者の承認後になります。',
  'card.provision.objectsTitle': '変更のある利用者・グループ ({count})',
  'card.provision.problemsTitle': '問題 ({count})',
  'card.provision.problems': '問題',
  'card.provision.moreChanges': 'ほか {count} 件の変更 (CSV にすべてあります)',
  'card.provision.apply': '適用する',
  'card.provision.applyForApproval': '適用する (承認待ちになります)',
  'card.provision.approve': '承認して適用',
  'card.provision.reject': '却下',
  'card.provision.refresh': '計画をやり直す',
  'card.provision.person': '利用者 {id}',
  'card.provision.personNamed': '利用者 {id} ({name})',
  'card.provision.group': 'グループ {name}',
  'card.provision.members': 'メンバー: 追加 {add}、削除 {remove}',
  'card.provision.membersAdded': '+ {count}:',
  'card.provision.membersRemoved': '− {count}:',
  'card.provision.licenceAdd': '+ {sku}',
  'card.provision.licenceAddOff': '+ {sku} (無効にするプラン: {plans})',
  'card.provision.licenceRemove': '− {sku}',
  'card.provision.reason.removed': 'ディレクトリから削除されたため',
  'card.provision.reason.unlinked': 'アカウントの紐付けが解除されたため',
  'card.provision.reason.notInDirectoryGroup': 'ディレクトリグループにいないため',
  'card.provision.reason.groupRemoved': 'グループが削除されたため',
  'card.provision.op.createUser': 'アカウント {upn} を作成',
  'card.provision.op.linkUser': '既存のアカウント {upn} と紐付け',
  'card.provision.op.updateUser': '属性を {count} 件更新',
  'card.provision.op.stopUser': 'アカウント {upn} を停止 (サインインをブロック): {reason}',
  'card.provision.op.deleteUser': 'アカウント {upn} を削除: {reason}',
  'card.provision.op.assignLicenses': 'ライセンス: 追加 {add}、削除 {remove}',
  'card.provision.op.createGroup': 'セキュリティグループ「{name}」を作成',
  'card.provision.op.linkGroup': '既存のセキュリティグループ {groupId} と紐付け',
  'card.provision.op.updateGroup': 'グループの {count} 項目を更新',
  'card.provision.op.deleteGroup': 'セキュリティグループ {groupId} を削除',
  'card.provision.op.addMember': 'メンバー {member} を追加',
  'card.provision.op.removeMember': 'メンバー {member} を削除: {reason}',
  'card.provision.kind.createUser': 'アカウント作成',
  'card.provision.kind.linkUser': 'アカウント紐付け',
  'card.provision.kind.updateUser': 'アカウント更新',
  'card.provision.kind.stopUser': 'アカウント停止',
  'card.provision.kind.deleteUser': 'アカウント削除',
  'card.provision.kind.assignLicenses': 'ライセンス',
  'card.provision.kind.createGroup': 'グループ作成',
  'card.provision.kind.linkGroup': 'グループ紐付け',
  'card.provision.kind.updateGroup': 'グループ更新',
  'card.provision.kind.deleteGroup': 'グループ削除',
  'card.provision.kind.addMember': 'メンバー追加',
  'card.provision.kind.removeMember': 'メンバー削除',
  'card.provision.result.ok': '成功',
  'card.provision.result.failed': '失敗',
  'card.provision.result.skipped': 'スキップ',
  'card.provision.logTitle': '{at} · {subject} · {operation}: {result}',
  'card.provision.graphError':
    'Microsoft Graph: {code} — {message} (HTTP {status}、リクエスト ID {requestId})',

  // Result
  'card.provisionResult.title': 'プロビジョニングの結果: {status}',
  'card.provisionResult.meta': '終了 {at} · {by} · 実行 {runId}',
  'card.provisionResult.requests': 'Graph へのリクエスト',
  'card.provisionResult.failures': '失敗した操作 ({count})',
  'card.provisionResult.passwordNote':
    '新しいアカウント {count} 件の初期パスワードは、Teams のチャットには表示しません。初期パスワードを受け取れるのは CLI の `daicho provision apply` で適用したときだけです。ここで作成したアカウントは、Microsoft 365 管理センターでパスワードをリセットして本人に伝えてください (初回サインイン時に変更が必要です)。',

  // Why
  'card.provisionWhy.title': 'プロビジョニング履歴: {id} ({name})',
  'card.provisionWhy.attributes': 'Microsoft 365 に送る値 (属性マッピングによる)',
  'card.provisionWhy.problems': '最新の計画の問題 ({count})',
  'card.provisionWhy.noProblems': '最新の計画に、この利用者の問題はありません。',
  'card.provisionWhy.log': '履歴 ({count})',
  'card.provisionWhy.run': '実行 {runId}',
  'card.provisionWhy.noLog': 'まだプロビジョニングの履歴はありません。',
  'card.provisionWhy.showPerson': '利用者を表示',

  // Person
  'card.person.title': '利用者 {id}: {name}',
  'card.person.linked': 'Microsoft 365 アカウント: {accountId}',
  'card.person.notLinked': 'Microsoft 365 アカウントと紐付いていません',
  'card.person.released': '停止・削除待ちのアカウント: {accounts}',
  'card.person.removed': 'ディレクトリから削除済み ({at})',
  'card.person.field.personId': '社員番号',
  'card.person.field.licenceProfile': 'ライセンスプロファイル',
  'card.person.field.groups': 'グループ',
  'card.person.field.usageLocation': '利用場所 (国コード)',
  'card.person.why': 'プロビジョニング履歴',
  'card.person.edit': '編集',
  'card.person.save': '保存',
  'card.person.requiredError': '入力してください',
  'card.person.usageLocationError': '2 文字の国コード (JP、US など) を入力してください',
  'card.person.noProfile': '(なし)',
  'card.person.link': 'アカウントと紐付け',
  'card.person.linkButton': '紐付ける',
  'card.person.accountId': 'Microsoft 365 アカウント ID (オブジェクト ID)',
  'card.person.accountIdError':
    'オブジェクト ID (GUID) を入力してください。Entra 管理センターの「ユーザー」に表示されます',
  'card.person.unlink': '紐付け解除',
  'card.person.unlinkConfirm':
    'アカウント {accountId} との紐付けを解除しますか? 次回のプロビジョニング適用で、このアカウントを{removal}します (PROVISION_ACCOUNT_REMOVAL)。',
  'card.person.unlinkButton': '解除する',
  'card.person.remove': '削除',
  'card.person.removeConfirm':
    'この利用者をディレクトリから削除しますか? {linked}後で元に戻せますが、停止したアカウントは停止のままです。',
  'card.person.removeLinked':
    '次回のプロビジョニング適用で、アカウント {accountId} を{removal}します。',
  'card.person.removeNotLinked': 'アカウントとは紐付いていないため、Microsoft 365 は変わりません。',
  'card.person.removeButton': '削除する',
  'card.person.restore': '元に戻す',
  'card.person.saved':
    '保存しました ({fields})。次回のプロビジョニング適用で Microsoft 365 に反映します。',
  'card.person.unchanged': '変更はありません。',

  // Mapping
  'card.mapping.title': '属性マッピング (Microsoft 365)',
  'card.mapping.intro':
    '利用者の属性が、Microsoft 365 のどのユーザー属性にプロビジョニングされるかの対応表です。ここでは表示だけです。',
  'card.mapping.file':
    '編集するファイル: {file} (PROVISIONING_MAPPING_FILE)。変更はボットの再起動時に検証されます。',
  'card.mapping.defaultFile':
    '標準のマッピング ({file}) を使っています。変更するには、コピーして編集し、PROVISIONING_MAPPING_FILE に指定してください。',
  'card.mapping.source': '利用者の属性',
  'card.mapping.target': 'Microsoft 365 の属性 / 管理センターの表示名',
  'card.mapping.note': '備考',
  'card.mapping.fixed': '必須・固定',
  'card.mapping.oneValue': '1 件のみ',
  'card.mapping.severalValues': '複数可',
  'card.mapping.custom': 'カスタムフィールド {name}',
  'card.mapping.switches': 'プロビジョニングの設定',
  'card.mapping.accounts': 'アカウントプロビジョニング',
  'card.mapping.accountRemoval': 'サービスアカウント削除時の動作',
  'card.mapping.passwordSync': 'パスワード同期',
  'card.mapping.passwordSyncOff': 'Microsoft 365 連携では無効です',
  'card.mapping.licences': 'ライセンスプロビジョニング',
  'card.mapping.profiles': 'ライセンスプロファイル',
  'card.mapping.groups': 'グループプロビジョニング',
  'card.mapping.members': 'グループメンバーのプロビジョニング',
  'card.mapping.membersOn': 'オン (固定)',
  'card.mapping.membersOff': 'オフ (グループプロビジョニングがオフのため)',
  'card.mapping.groupRemoval': 'サービスグループ削除時の動作',
  'card.mapping.groupRemoval.members': 'グループメンバーのみ削除',
  'card.mapping.groupRemoval.delete': 'グループ削除',
  'card.mapping.safetyLimit': '安全上限',
  'card.mapping.safetyLimitValue': '停止・削除が {count} 件を超える実行は承認待ち',

  // Seed 001: "Microsoft 365 管理センター上の表示名"
  'card.m365.displayName': '表示名',
  'card.m365.mailNickname': 'メールニックネーム',
  'card.m365.onPremisesImmutableId': 'Immutable ID',
  'card.m365.userPrincipalName': 'userPrincipalName',
  'card.m365.businessPhones': '電話番号',
  'card.m365.city': '都市',
  'card.m365.companyName': '会社名',
  'card.m365.country': '国',
  'card.m365.department': '部署',
  'card.m365.employeeId': '従業員ID',
  'card.m365.employeeOrgData.division': '組織データ>部門',
  'card.m365.employeeOrgData.costCenter': '組織データ>コストセンター',
  'card.m365.employeeType': '従業員タイプ',
  'card.m365.faxNumber': 'FAX番号',
  'card.m365.givenName': '名',
  'card.m365.jobTitle': '役職',
  'card.m365.mail': 'メールアドレス',
  'card.m365.mobilePhone': '携帯番号',
  'card.m365.officeLocation': '勤務先',
  // Seed 001's table names them in English only, as the admin center does.
  'card.m365.onPremisesExtensionAttributes.extensionAttribute1': 'Custom attribute 1',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute2': 'Custom attribute 2',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute3': 'Custom attribute 3',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute4': 'Custom attribute 4',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute5': 'Custom attribute 5',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute6': 'Custom attribute 6',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute7': 'Custom attribute 7',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute8': 'Custom attribute 8',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute9': 'Custom attribute 9',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute10': 'Custom attribute 10',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute11': 'Custom attribute 11',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute12': 'Custom attribute 12',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute13': 'Custom attribute 13',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute14': 'Custom attribute 14',
  'card.m365.onPremisesExtensionAttributes.extensionAttribute15': 'Custom attribute 15',
  'card.m365.otherMails': 'Other mails',
  'card.m365.postalCode': '郵便番号',
  'card.m365.preferredDataLocation': '優先データの場所',
  'card.m365.preferredLanguage': '優先する言語',
  'card.m365.state': '都道府県',
  'card.m365.streetAddress': '番地',
  'card.m365.surname': '姓',
  'card.m365.usageLocation': '利用場所',
};
