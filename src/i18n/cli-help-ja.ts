import type { TranslationOf } from './catalog';
import type { cliHelpEn } from './cli-help-en';

/** Japanese: `daicho --help` (option names stay as they are). */
export const cliHelpJa: TranslationOf<typeof cliHelpEn> = {
  'help.arg.fields': '--項目名 値 の組',
  'help.arg.file':
    'CSV または JSON ファイル (UTF-8、BOM 付き UTF-8、UTF-16、Shift_JIS。最大 50 MB)',
  'help.arg.id': '資産番号、シリアル番号または UUID',
  'help.arg.run': '実行 ID',
  'help.opt.encoding':
    'ファイルの文字コード (自動判定で読めないとき): utf-8, utf-16, shift_jis (cp932, sjis, windows-31j), euc-jp',
  'help.opt.excel': 'Excel 用の CSV (BOM 付き UTF-8、改行は CRLF)',
  'help.opt.json': 'JSON で出力',
  'help.opt.help': 'コマンドのヘルプを表示',
  'help.command.help': 'コマンドのヘルプを表示',
  'help.title.Usage:': '使い方:',
  'help.title.Options:': 'オプション:',
  'help.title.Commands:': 'コマンド:',
  'help.title.Arguments:': '引数:',
  'help.title.Global Options:': '共通オプション:',
  'help.default': '既定値: {value}',
  'help.opt.out': '標準出力の代わりにファイルへ書き出す',
  'help.opt.skipInvalid': '正しい行だけを書き込み、誤りのある行を一覧する',
  'help.daicho': 'Daicho (台帳): Intune / Jamf Pro と同期する IT デバイス台帳',
  'help.daicho.devices': 'デバイス台帳',
  'help.daicho.devices.import':
    'CSV (見出し行は項目名) または JSON 配列からデバイスを取り込む。全行が正しいときだけ書き込む',
  'help.daicho.devices.import.opt.json': '結果を JSON で出力',
  'help.daicho.devices.import.opt.dryRun':
    'ファイルを検査し、追加・更新・変更なしになるデバイスを書き込まずに報告する',
  'help.daicho.devices.import.opt.clearEmpty':
    '空のセルで項目を消去する (指定しないと空のセルは今の値を残す)',
  'help.daicho.devices.export': '全デバイスを書き出す (JSON 配列または CSV)',
  'help.daicho.devices.export.opt.format': 'json または csv',
  'help.daicho.devices.list':
    'デバイスを条件で絞り込んで一覧する (ソース、MDM の項目、ステータス、利用者、重複、MDM に無い)',
  'help.daicho.devices.list.opt.source': 'ledger (台帳) | intune | jamf',
  'help.daicho.devices.list.opt.registrationState':
    'registered | notRegistered | revoked | … (MDM の登録ステータス)',
  'help.daicho.devices.list.opt.staleDays': '最終チェックインが n 日より前',
  'help.daicho.devices.list.opt.status': 'ステータス',
  'help.daicho.devices.list.opt.user': '利用者にこの文字列を含む',
  'help.daicho.devices.list.opt.text': '資産番号・シリアル番号・利用者・型番にこの文字列を含む',
  'help.daicho.devices.list.opt.duplicates': 'シリアル番号が他のデバイスと重複しているものだけ',
  'help.daicho.devices.list.opt.missing': 'MDM に無いデバイスだけ',
  'help.daicho.devices.list.opt.format': 'table (表)、json または csv',
  'help.daicho.devices.list.opt.out': 'ファイルへ書き出す',
  'help.daicho.devices.show': 'デバイスを 1 台表示する',
  'help.daicho.devices.add':
    '台帳にデバイスを 1 台追加する: --asset-number PC-0012 --serial-number ABC --user 山田太郎 (資産番号が無ければ次の SYS 番号)',
  'help.daicho.devices.edit':
    'デバイスの項目を変更する: --user 山田太郎 --status 利用中 --serial-number ABC ("" で項目を消去)',
  'help.daicho.devices.delete':
    '台帳のデバイスを削除する (MDM と同期しているデバイスは削除できません)',
  'help.daicho.devices.delete.opt.json': '削除したレコードを JSON で出力',
  'help.daicho.devices.history':
    'デバイスの変更履歴: どの項目が何から何に、どのルールで、誰によって変わったか',
  'help.daicho.people': '利用者名簿 (Microsoft 365 プロビジョニングの元データ)',
  'help.daicho.people.import':
    'CSV (見出し行は属性名または日本語の項目名) または JSON 配列から利用者を取り込む。全行が正しいときだけ書き込む',
  'help.daicho.people.import.opt.json': '結果を JSON で出力',
  'help.daicho.people.export':
    '名簿の全員を書き出す (CSV または JSON 配列)。そのまま取り込み直せます',
  'help.daicho.people.export.opt.format': 'csv または json',
  'help.daicho.people.link': '利用者を既存の Microsoft 365 アカウント (オブジェクト ID) に紐づける',
  'help.daicho.people.link.arg.id': '利用者 ID',
  'help.daicho.people.link.arg.account': 'Microsoft 365 ユーザーのオブジェクト ID (GUID)',
  'help.daicho.people.link.opt.json': '利用者を JSON で出力',
  'help.daicho.people.unlink':
    '利用者と Microsoft 365 アカウントの紐づけを外す。次のプロビジョニング適用でアカウントを停止または削除 (PROVISION_ACCOUNT_REMOVAL)',
  'help.daicho.people.unlink.arg.id': '利用者 ID',
  'help.daicho.people.unlink.opt.json': '利用者を JSON で出力',
  'help.daicho.provision':
    '利用者名簿から Microsoft 365 へのプロビジョニング: 計画、適用、承認、理由の確認',
  'help.daicho.provision.plan':
    'ドライラン: 適用すると Microsoft 365 で何が変わるか (読み取りのみ)',
  'help.daicho.provision.plan.opt.json':
    '計画を JSON で出力 (provision apply --plan に渡すファイル)',
  'help.daicho.provision.apply':
    'プロビジョニング計画を Microsoft 365 に適用する (PROVISION_SAFETY_LIMIT を超えると承認待ち)',
  'help.daicho.provision.apply.opt.plan':
    'この計画をそのまま適用する (provision plan --json の JSON)',
  'help.daicho.provision.apply.opt.json': 'JSON で出力 (新しいアカウントの初期パスワードを含む)',
  'help.daicho.provision.approve': '安全上限で止まったプロビジョニングを承認して適用する',
  'help.daicho.provision.approve.arg.run':
    '実行 ID (provision apply と provision runs が表示します)',
  'help.daicho.provision.approve.opt.json': 'JSON で出力 (新しいアカウントの初期パスワードを含む)',
  'help.daicho.provision.reject': '安全上限で止まったプロビジョニングを取り消す',
  'help.daicho.provision.reject.opt.json': '実行記録を JSON で出力',
  'help.daicho.provision.runs':
    '最近のプロビジョニング実行 (ドライラン、承認待ち、適用済み)。新しい順',
  'help.daicho.provision.runs.opt.limit': '表示する件数',
  'help.daicho.provision.why': '利用者のプロビジョニング履歴 (実行をまたいで) と最新の計画での問題',
  'help.daicho.provision.why.arg.id': '利用者 ID',
  'help.daicho.link': 'マスター連携 (Intune または Jamf Pro) を設定し、最初の同期を行う',
  'help.daicho.link.intune': 'Microsoft Intune と連携する。--dry-run で実行内容を確認できます',
  'help.daicho.link.intune.opt.match': '照合キー: serial | uuid',
  'help.daicho.link.intune.opt.dryRun':
    '紐づけ、新規デバイス、重複、競合、項目の変更を書き込まずに報告する',
  'help.daicho.link.intune.opt.assetNumber':
    '新しく取り込むデバイスの資産番号: uuid | device-name | serial',
  'help.daicho.link.jamf': 'Jamf Pro と連携する。--dry-run で実行内容を確認できます',
  'help.daicho.link.jamf.opt.match': '照合キー: serial | udid',
  'help.daicho.link.jamf.opt.dryRun':
    '紐づけ、新規デバイス、重複、競合、項目の変更を書き込まずに報告する',
  'help.daicho.link.jamf.opt.assetNumber': '新しく取り込むデバイスの資産番号: udid | name | serial',
  'help.daicho.unlink':
    'マスター連携を解除する: デバイスは残り、ソースは台帳になり、MDM の項目は削除される',
  'help.daicho.unlink.opt.dryRun': '何が起きるかを表示するだけ',
  'help.daicho.disconnect':
    'Intune または Jamf Pro への接続を削除する (マスター連携も解除されます)',
  'help.daicho.disconnect.arg.provider': 'intune または jamf',
  'help.daicho.sync':
    '連携中の MDM と台帳を今すぐ同期する (status | approve 実行ID | reject 実行ID)',
  'help.daicho.sync.opt.dryRun': '同期で何が起きるかを書き込まずに報告する',
  'help.daicho.sync.status': 'マスター連携、最近の同期、未解決のアラート',
  'help.daicho.sync.approve': '安全上限で止まった同期を承認して実行する',
  'help.daicho.sync.approve.arg.run': '実行 ID (sync status で確認できます)',
  'help.daicho.sync.reject': '安全上限で止まった同期を取り消す',
  'help.daicho.sim':
    'デモ用に Graph (Intune) と Jamf Pro のシミュレーターを https でローカルに起動する',
  'help.daicho.sim.opt.fixture':
    'JSON のフィクスチャ {intune:{devices}, jamf:{computers, mobileDevices}} (既定: デモ用テナント)',
  'help.daicho.sim.opt.devices': 'フィクスチャの代わりに Intune デバイスをこの台数だけ生成',
  'help.daicho.sim.opt.jamfDevices':
    'フィクスチャの代わりに Jamf のコンピューターをこの台数だけ生成',
  'help.daicho.sim.opt.seed': '生成に使うシード値',
  'help.daicho.sim.opt.graphPort': 'Graph シミュレーターのポート (既定: 空いているポート)',
  'help.daicho.sim.opt.jamfPort': 'Jamf シミュレーターのポート (既定: 空いているポート)',
  'help.daicho.usage': '利用履歴: 誰がいつからいつまでデバイスを使ったか',
  'help.daicho.usage.export': '利用履歴を CSV で書き出す (assetNumber,user,from,to,note)',
  'help.daicho.usage.export.opt.device': 'このデバイスだけ',
  'help.daicho.usage.export.opt.json': 'CSV の代わりに JSON',
  'help.daicho.usage.import':
    'CSV から利用履歴を取り込む。行はデバイス・利用者・開始日で識別するので、同じファイルを取り込み直しても増えません',
  'help.daicho.usage.import.arg.file': '書き出しと同じ列の CSV (最大 50 MB)',
  'help.daicho.usage.import.opt.json': '結果を JSON で出力',
  'help.daicho.db': 'Daicho が使うデータベース',
  'help.daicho.db.status': '使用中のデータベースとデバイス数',
  'help.daicho.db.stop':
    '組み込みのデータベースサーバーを停止する (エミュレーターのデータは消えます)',
  'help.daicho.doctor':
    '設定を端から端まで確認する: 設定値、データベース、Intune、Jamf Pro、ボットの資格情報、PUBLIC_URL、管理者',
  'help.daicho.doctor.opt.json': '{"checks":[{"name","status","detail","fix"}]} を出力',
  'help.daicho.stocktake': '棚卸: 利用者が Teams で自分のデバイスを確認します',
  'help.daicho.stocktake.start':
    '棚卸を始める: デバイスの利用者それぞれに Teams で手元確認を依頼します',
  'help.daicho.stocktake.start.opt.deadline': '回答の期限日 (日本時間のその日の終わりまで)',
  'help.daicho.stocktake.start.opt.status': 'このステータスのデバイスだけ',
  'help.daicho.stocktake.start.opt.source':
    'このソースのデバイスだけ: ledger (台帳) | intune | jamf',
  'help.daicho.stocktake.start.opt.type': 'このデバイスの種類のデバイスだけ',
  'help.daicho.stocktake.start.opt.user': '利用者にこの文字列を含むデバイスだけ',
  'help.daicho.stocktake.start.opt.dryRun':
    '誰にどのデバイスを確認するか、依頼できないのは誰かを表示するだけで、何も書き込まない',
  'help.daicho.stocktake.status': '棚卸の進み具合 (既定: 実施中の棚卸)、部署別',
  'help.daicho.stocktake.report': '棚卸の全デバイスと回答を CSV (日本語の見出し) で出力',
  'help.daicho.stocktake.close': '棚卸を締める (既定: 実施中の棚卸)。以後の回答は受け付けません',
  'help.daicho.stocktake.proposals': '利用者が出したシリアル番号の訂正案 (管理者の承認待ち) の一覧',
  'help.daicho.stocktake.proposals.arg.id': '棚卸 ID (既定: 実施中の棚卸)',
  'help.daicho.stocktake.accept-serial':
    '利用者のシリアル番号の訂正案を承認し、履歴付きで台帳に書き込む',
  'help.daicho.stocktake.accept-serial.arg.asset': 'デバイスの資産番号',
  'help.daicho.stocktake.accept-serial.opt.stocktake': '棚卸 ID (既定: 実施中の棚卸)',
};
