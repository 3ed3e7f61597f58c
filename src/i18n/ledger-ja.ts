import type { TranslationOf } from './catalog';
import type { ledgerEn } from './ledger-en';

/** Japanese: configuration, database, devices, input checks, CSV import and usage history. */
export const ledgerJa: TranslationOf<typeof ledgerEn> = {
  'config.invalid': '設定が正しくありません:\n{problems}',
  'db.unavailable': 'データベースに接続できません ({uri}): {reason}',
  'db.emulatorWarning':
    '警告: 組み込みのMongoDBエミュレータを使用しています。データはメモリ上にのみ保持され、サーバー停止で失われます (永続化するには MONGODB_URI を設定してください)。',
  'db.embeddedPortTaken':
    '組み込みデータベースをポート {port} で起動できません ({reason}: 他のプログラムが使用中か、開けないポートです)。DAICHO_EMBEDDED_PORT に空いているポートを指定するか、DAICHO_EMBEDDED_PORT を削除して空いているポートを自動で使ってください。',
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
  'import.kept':
    '空欄のセルが {count} 項目ありましたが、既存の値をそのまま残しました。空にするには --clear-empty を付けて取り込み直してください (--dry-run --clear-empty で対象を確認できます)。',
  'import.preview.add': '{line} 行目: 追加 {assetNumber}',
  'import.preview.change': '{line} 行目: 変更 {assetNumber}',
  'import.preview.unchanged': '{line} 行目: 変更なし {assetNumber}',
  'import.preview.nextSys': '(次のSYS番号)',
  'import.preview.field': '  {field}: {from} → {to}',
  'import.preview.cleared': '  {field}: {from} → (空欄)',
  'import.preview.keptEmpty':
    '  {field}: {from} (セルが空欄のため残します。--clear-empty を付けると空になります)',
  'import.preview.empty': '(空欄)',
  'import.preview.summary':
    '確認のみ (何も書き込んでいません): 追加 {add} 件、変更 {change} 件、変更なし {unchanged} 件、誤り {invalid} 件。空にする項目 {cleared} 件、空欄で残す項目 {keptEmpty} 件。',
  'import.empty': 'ファイルにデータ行がありません。',
  'import.tooLarge':
    '「{file}」は {size} MB あり、取り込めるファイルの上限 ({max} MB) を超えています。ファイルを分割して取り込んでください。何も書き込んでいません。',
  'import.tooManyColumns':
    '「{file}」の 1 行目: 見出しが {count} 列あります。取り込めるのは {max} 列までです。正しいファイルか確認してください。何も書き込んでいません。',
  'import.tooManyKeys':
    '「{file}」の {record} 件目: 項目が {count} 個あります。取り込めるのは {max} 個までです。正しいファイルか確認してください。何も書き込んでいません。',
  'import.duplicateColumn':
    '「{file}」の 1 行目: {first} 列目「{a}」と {second} 列目「{b}」は同じ項目 ({field}) です。どちらか一方だけにしてください。何も書き込んでいません。',
  'import.duplicateKey':
    '「{file}」の {record} 件目: 「{a}」と「{b}」は同じ項目 ({field}) です。どちらか一方だけにしてください。何も書き込んでいません。',
  'import.undecodable':
    '「{file}」を読めません。試した文字コード ({tried}) のどれでもありません。UTF-8 で保存し直すか (Excel では「CSV UTF-8 (コンマ区切り)」)、--encoding で文字コードを指定してください ({choices})。何も書き込んでいません。',
  'import.encodingUnsure':
    '「{file}」の文字コードを判別できません ({tried} を試しました)。{candidates} の可能性がありますが、推測が外れると文字化けしたまま取り込まれてしまいます。--encoding で指定するか (例: --encoding {suggest}。指定できるのは {choices})、UTF-8 で保存し直してください。何も書き込んでいません。',
  'import.notInEncoding':
    '「{file}」を {encoding} として読めません。{line} 行目に {encoding} ではないバイトがあります。ファイルの文字コードを確認し、--encoding で指定してください ({choices})。何も書き込んでいません。',
  'import.moreProblems': '…ほか {count} 件の問題があります (--json ですべて表示します)。',
  'import.moreUnknownFields': 'ほか不明な項目 {count} 個',
  'usage.unknownDevice': '資産番号「{assetNumber}」のデバイスが台帳にありません',
  'usage.missingUser': '利用者がありません',
  'usage.badFrom': '利用開始日が正しくありません',
  'usage.badTo': '利用終了日が正しくありません',
  'usage.toBeforeFrom': '利用終了日が利用開始日より前です',
  'usage.done':
    '利用履歴の取り込み完了: 追加 {created} 件、更新 {updated} 件、スキップ {skipped} 件。',
};
