/**
 * Every user-facing sentence, in Japanese and English. Keys are stable; `{name}` is replaced by
 * the parameter of that name. A key missing from one language is caught by a unit test.
 */
export type Locale = 'ja' | 'en';
type Catalog = Record<string, string>;

const ja: Catalog = {
  'config.invalid': '設定が正しくありません:\n{problems}',
  'db.unavailable': 'データベースに接続できません ({uri}): {reason}',
  'db.emulatorWarning':
    '警告: 組み込みのMongoDBエミュレータを使用しています。データはメモリ上にのみ保持され、サーバー停止で失われます (永続化するには MONGODB_URI を設定してください)。',
  'device.notFound':
    'デバイス「{id}」が見つかりません (資産番号、シリアル番号、UUIDで指定してください)。',
  'device.ambiguous':
    '「{id}」に一致するデバイスが複数あります ({matches})。資産番号で指定してください。',
  'device.duplicateAssetNumber':
    '資産番号「{assetNumber}」は既に使われています。別の資産番号を指定してください。何も変更していません。',
  'device.deleteSynced':
    'デバイス「{assetNumber}」は {provider} と同期中のため削除できません。{provider} 側でデバイスを削除するか、マスタ連携を解除してから削除してください。重複している場合は、もともと台帳にあったデバイスを削除し、{provider} から取り込まれたデバイスを使ってください (利用履歴はCSVで移せます)。',
  'device.deleted': 'デバイス「{assetNumber}」を削除しました。',
  'device.updated': 'デバイス「{assetNumber}」を更新しました ({count} 項目)。',
  'device.unchanged': 'デバイス「{assetNumber}」に変更はありません。',
  'edit.noFields': '変更する項目を指定してください (例: --user 山田太郎 --status 利用中)。',
  'edit.mdmOnly': '「{field}」はMDMの項目のため編集できません。',
  'edit.assetNumberEmpty': '資産番号は空にできません。',
  'input.unknownField': '不明な項目「{field}」',
  'input.notText': '「{field}」は文字列で指定してください',
  'input.tooLong': '「{field}」は {max} 文字以内で指定してください',
  'input.columnCount': '列の数が {got} 個です (見出しは {expected} 個)',
  'input.badDate': '「{field}」の日付「{value}」が正しくありません (YYYY-MM-DD)',
  'input.disposalBeforeProcurement': '廃棄日/解約日 ({to}) が調達日 ({from}) より前です',
  'input.duplicateInFile':
    '資産番号「{assetNumber}」がファイル内で重複しています ({line} 行目と同じ)',
  'import.badFile': 'ファイル「{file}」を読めません: {reason}',
  'import.rowProblem': '{line} 行目: {reasons}',
  'import.rejected':
    '{count} 行に誤りがあるため、何も書き込んでいません。修正するか --skip-invalid で正しい行だけを取り込んでください。',
  'import.done':
    '取り込み完了: 追加 {created} 件、更新 {updated} 件、変更なし {unchanged} 件、スキップ {skipped} 件。',
  'import.empty': 'ファイルにデータ行がありません。',
  'usage.unknownDevice': '資産番号「{assetNumber}」のデバイスが台帳にありません',
  'usage.missingUser': '利用者がありません',
  'usage.badFrom': '利用開始日が正しくありません',
  'usage.badTo': '利用終了日が正しくありません',
  'usage.toBeforeFrom': '利用終了日が利用開始日より前です',
  'usage.done':
    '利用履歴の取り込み完了: 追加 {created} 件、更新 {updated} 件、スキップ {skipped} 件。',
  'sync.notLinked':
    'マスタ連携が設定されていません。先に daicho link intune (または jamf) で連携してください。',
  'sync.leaseHeld':
    '別の同期が実行中です ({holder}, ホスト {host}, pid {pid}, 期限 {until})。終わってから再実行してください。',
  'sync.readFailed':
    '{provider} からデバイスを読み取れませんでした ({reason}; HTTP {status}; request-id {requestId})。台帳は何も変更していません。',
  'sync.noHeldRun': '承認待ちの同期「{runId}」はありません。',
  'sync.summary':
    '同期 {status}: 紐づけ {linked}、新規 {created}、更新 {updated}、変更なし {unchanged}、重複 {duplicates}、資産番号の競合 {conflicts}、MDMに無い {missing} (MDMのデバイス {mdmDevices} 台)',
  'sync.held':
    '安全上限を超えたため承認待ちです: 同期済み {syncedBefore} 台のうち {changes} 台 ({percent}%) で利用者の変更またはMDMからの消失があります。daicho sync approve {runId} で実行、daicho sync reject {runId} で取り消します。',
  'link.otherActive':
    '既に {active} とマスタ連携しています。マスタ連携は1つだけです。{requested} と連携するには、先に daicho unlink で {active} との連携を解除してください。',
  'link.noCredentials': '{provider} の接続情報がありません。{variables} を設定してください。',
  'unlink.done':
    '{provider} とのマスタ連携を解除しました。{devices} 台のデバイスは台帳に残り、ソースは「台帳」になり、MDMの項目は削除されました。',
  'unlink.dryRun':
    '解除すると: {devices} 台のデバイスは台帳に残り、ソースは「台帳」になり、MDMの項目 (デバイス名、UUID、登録日時、最終チェックイン、プライマリユーザー、ディスク容量、登録ステータス) が削除されます。',
  'disconnect.done': '{provider} の接続を削除しました。',
  'sync.approved': '承認しました。',
  'sync.rejected': '同期「{runId}」を取り消しました。',
  'cli.failed': 'エラー: {message}',
  'cli.badFormat': '形式「{format}」には対応していません (json または csv)。',
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

const en: Catalog = {
  'config.invalid': 'The configuration is invalid:\n{problems}',
  'db.unavailable': 'Cannot connect to the database ({uri}): {reason}',
  'db.emulatorWarning':
    'Warning: using the embedded MongoDB emulator; data is in memory only and is lost when it stops (set MONGODB_URI to keep it).',
  'device.notFound': 'No device "{id}" (give an asset number, serial number or UUID).',
  'device.ambiguous': 'Several devices match "{id}" ({matches}); use the asset number.',
  'device.duplicateAssetNumber':
    'Asset number "{assetNumber}" is already in use; choose another. Nothing was changed.',
  'device.deleteSynced':
    'Device "{assetNumber}" is synced with {provider} and cannot be deleted. Delete it in {provider} or unlink the master integration first. If it is a duplicate, delete the device that was in the ledger originally and keep the one imported from {provider} (usage history can be moved by CSV).',
  'device.deleted': 'Deleted device "{assetNumber}".',
  'device.updated': 'Updated device "{assetNumber}" ({count} fields).',
  'device.unchanged': 'Device "{assetNumber}" is unchanged.',
  'edit.noFields': 'Name the fields to change (e.g. --user "Taro Yamada" --status in-use).',
  'edit.mdmOnly': '"{field}" comes from the MDM and cannot be edited.',
  'edit.assetNumberEmpty': 'The asset number cannot be empty.',
  'input.unknownField': 'unknown field "{field}"',
  'input.notText': '"{field}" must be text',
  'input.tooLong': '"{field}" must be at most {max} characters',
  'input.columnCount': 'the row has {got} cells but the header has {expected}',
  'input.badDate': '"{field}" is not a valid date: "{value}" (YYYY-MM-DD)',
  'input.disposalBeforeProcurement': 'disposal date ({to}) is before procurement date ({from})',
  'input.duplicateInFile':
    'asset number "{assetNumber}" appears twice in the file (as on line {line})',
  'import.badFile': 'Cannot read "{file}": {reason}',
  'import.rowProblem': 'line {line}: {reasons}',
  'import.rejected':
    '{count} rows are invalid, so nothing was written. Fix them, or use --skip-invalid to import only the valid rows.',
  'import.done':
    'Imported: {created} added, {updated} updated, {unchanged} unchanged, {skipped} skipped.',
  'import.empty': 'The file has no data rows.',
  'usage.unknownDevice': 'no device with asset number "{assetNumber}" in the ledger',
  'usage.missingUser': 'user is missing',
  'usage.badFrom': '"from" is not a valid date',
  'usage.badTo': '"to" is not a valid date',
  'usage.toBeforeFrom': '"to" is before "from"',
  'usage.done': 'Usage history imported: {created} added, {updated} updated, {skipped} skipped.',
  'sync.notLinked':
    'No master integration is set up; link one first with daicho link intune (or jamf).',
  'sync.leaseHeld':
    'Another sync is running ({holder}, host {host}, pid {pid}, until {until}); run again when it ends.',
  'sync.readFailed':
    'Could not read the devices from {provider} ({reason}; HTTP {status}; request-id {requestId}). Nothing in the ledger was changed.',
  'sync.noHeldRun': 'No run "{runId}" is waiting for approval.',
  'sync.summary':
    'Sync {status}: {linked} linked, {created} created, {updated} updated, {unchanged} unchanged, {duplicates} duplicates, {conflicts} conflicts, {missing} missing ({mdmDevices} devices in the MDM)',
  'sync.held':
    'Held for approval by the safety limit: {changes} of {syncedBefore} synced devices ({percent}%) would change user or be missing. Run it with daicho sync approve {runId}, or drop it with daicho sync reject {runId}.',
  'link.otherActive':
    'The master integration is already {active}; only one is allowed. To link {requested}, unlink {active} first (daicho unlink).',
  'link.noCredentials': 'No connection settings for {provider}: set {variables}.',
  'unlink.done':
    'Unlinked {provider}: {devices} devices stay in the ledger with source "ledger"; their MDM fields were removed.',
  'unlink.dryRun':
    'Unlinking would keep {devices} devices in the ledger, set their source to "ledger" and remove their MDM fields (device name, UUID, enrolled, last check-in, primary user, disk size, registration state).',
  'disconnect.done': 'Removed the {provider} connection.',
  'sync.approved': 'Approved.',
  'sync.rejected': 'Rejected run "{runId}".',
  'cli.failed': 'Error: {message}',
  'cli.badFormat': 'Format "{format}" is not supported (json or csv).',
  'cli.unexpectedWord': 'Did not understand "{word}"; give fields as --name value.',
  'cli.unknownField': 'Unknown field "{field}" (e.g. --serial-number, --user, --status).',
  'cli.missingValue': '--{field} needs a value.',
  'cli.invalidValues': 'Invalid values: {reasons}. Nothing was changed.',
  'cli.usage': '{message} (see daicho --help)',
  'cli.badChoice': '{option} cannot be "{value}" (one of {choices}).',
  'db.stopped': 'Stopped the embedded database ({kind}, pid {pid}).',
  'db.notRunning': 'The embedded database is not running.',
  'cli.unexpected': 'Unexpected error (correlation id: {correlationId}); see the log.',
};

export const CATALOGS: Record<Locale, Catalog> = { ja, en };

export function t(
  locale: Locale,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const template = CATALOGS[locale][key] ?? CATALOGS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Picks ja or en from a Teams or POSIX locale ("ja-JP", "ja_JP.UTF-8", "en-US", "C.UTF-8"):
 * Japanese for ja*, English for any other language, the fallback when there is none.
 */
export function localeFrom(tag: string | undefined, fallback: Locale): Locale {
  if (!tag || !tag.trim()) return fallback;
  return tag.trim().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
