import type { TranslationOf } from './catalog';
import type { doctorEn } from './doctor-en';

/** Japanese: `daicho doctor`, the end-to-end check of a configuration. */
export const doctorJa: TranslationOf<typeof doctorEn> = {
  'doctor.status.ok': 'OK',
  'doctor.status.fail': 'NG',
  'doctor.status.skipped': '未設定',
  'doctor.fixLabel': '対処: {fix}',
  'doctor.summary.ok': '失敗した項目はありません。',
  'doctor.summary.fail': '{count} 件の項目が失敗しました。',
  'doctor.skip.config': '設定を読み込めないため確認していません。',
  'doctor.skip.intune': 'Intune は設定されていません (AZURE_TENANT_ID が未設定)。',
  'doctor.skip.jamf': 'Jamf Pro は設定されていません (JAMF_URL が未設定)。',
  'doctor.skip.botLocal': 'ローカルモード: BOT_ID が未設定です (Agents Playground とテスト専用)。',
  'doctor.skip.botMsi':
    'BOT_TYPE=UserAssignedMSI: マネージド ID のトークンは Azure 上でしか取得できません。Azure 上で確認してください。',
  'doctor.skip.admins': 'ローカルモード: BOT_ID がなければ管理者の指定は不要です。',
  'doctor.timeout': '{ms} ミリ秒以内に応答がありませんでした。',
  'doctor.fix.config':
    '詳細に挙げた変数を env/.env.‹環境› (シークレットは env/.env.‹環境›.user) で直し、もう一度 daicho doctor を実行してください。',
  'doctor.fix.dbUnreachable':
    'MONGODB_URI (ホスト・ポート・ユーザー・パスワード・TLS) と、サーバーが起動していてこのマシンから到達できること (ファイアウォール・IP アクセスリスト) を確認してください。',
  'doctor.fix.dbReadOnly':
    'MONGODB_URI のユーザーにデータベースの readWrite ロールを与えてください (Atlas: Database Access → ユーザー → readWrite)。',
  'doctor.fix.dbIndexes':
    'Daicho を一度起動する (または daicho db status を実行する) とインデックスが作成されます。それでも足りない場合は重複データが一意インデックスを妨げています。サーバーのログを見て重複を解消してください。',
  'doctor.fix.intune.bad-secret':
    'AZURE_CLIENT_SECRET が誤っています。Entra ID → アプリの登録 → 対象アプリ → 証明書とシークレット で新しいクライアント シークレットを作成し、その「値」(シークレット ID ではなく) を env/.env.‹環境›.user に設定してください。',
  'doctor.fix.intune.expired-secret':
    'クライアント シークレットの有効期限が切れています。新しいシークレットを作成し (証明書とシークレット)、その値を AZURE_CLIENT_SECRET に設定してください。',
  'doctor.fix.intune.wrong-tenant':
    'AZURE_TENANT_ID がアプリのテナントではありません。アプリの登録の「概要」から「ディレクトリ (テナント) ID」をコピーしてください。',
  'doctor.fix.intune.unknown-client':
    'AZURE_CLIENT_ID のアプリがこのテナントにありません。アプリの登録の「概要」から「アプリケーション (クライアント) ID」をコピーしてください。',
  'doctor.fix.intune.missing-permission':
    'アプリケーションの許可 DeviceManagementManagedDevices.Read.All を追加し (API のアクセス許可 → Microsoft Graph → アプリケーションの許可)、管理者の同意を与えてください。',
  'doctor.fix.intune.throttled':
    'Graph がこのアプリを制限しています。数分待ってから daicho doctor を再実行してください。',
  'doctor.fix.intune.unreachable':
    'Entra ID または Graph が応答しませんでした。ネットワーク・プロキシと AZURE_AUTHORITY_HOST / GRAPH_BASE_URL を確認してください。',
  'doctor.fix.jamf.bad-credentials':
    'JAMF_CLIENT_ID / JAMF_CLIENT_SECRET が誤っているか API クライアントが無効です。Jamf Pro → 設定 → API ロールとクライアント でクライアントを確認し、新しいシークレットを生成してください。',
  'doctor.fix.jamf.missing-privilege':
    'クライアントの API ロールに権限 Read Computers と Read Mobile Devices を与えてください (Jamf Pro → 設定 → API ロールとクライアント)。',
  'doctor.fix.jamf.throttled':
    'Jamf Pro が要求を制限しています。数分待ってから daicho doctor を再実行してください。',
  'doctor.fix.jamf.unreachable':
    'Jamf Pro が応答しませんでした。JAMF_URL (https://‹インスタンス›.jamfcloud.com)・ネットワーク・プロキシを確認してください。',
  'doctor.fix.bot':
    'BOT_ID (Azure Bot の Microsoft App ID)、BOT_PASSWORD (そのアプリのクライアント シークレットの値)、BOT_TENANT_ID (SingleTenant の場合はそのテナント) を確認してください。',
  'doctor.fix.publicUrl':
    'PUBLIC_URL にホストの https アドレスをパスなしで設定してください (https://daicho.example.com)。Azure Bot のメッセージング エンドポイントと同じホストです。',
  'doctor.fix.admins':
    '管理者を指定してください: ADMIN_USER_IDS (Entra のオブジェクト ID) または ADMIN_TEAM_IDS (Teams のチーム ID)。その後再起動してください。',
  'doctor.detail.config': 'DAICHO_ENV={env}',
  'doctor.detail.configProduction': 'DAICHO_ENV={env} (本番)',
  'doctor.detail.botWho': 'アプリ {appId} ({type}、テナント {tenant})',
  'doctor.detail.botToken': '{who}: Bot Framework のトークンを取得しました (有効期間 {minutes} 分)',
  'doctor.detail.botNoToken': '{who}: トークンを取得できません: {reason}',
  'doctor.detail.publicUrlInvalid': 'PUBLIC_URL={value} は URL ではありません',
  'doctor.detail.publicUrl': 'PUBLIC_URL={value} ({mode})',
  'doctor.detail.publicUrlProblems': 'PUBLIC_URL={value} ({mode}): {problems}',
  'doctor.detail.production': '本番',
  'doctor.detail.localMode': 'ローカル モード',
  'doctor.detail.url.notHttp': 'http(s) ではありません',
  'doctor.detail.url.notHttps': 'https ではありません',
  'doctor.detail.url.path': 'パスが含まれています',
  'doctor.detail.url.userName': 'ユーザー名が含まれています',
  'doctor.detail.noAdmins': '{named}: Teams から台帳を変更できる人がいません',
  'doctor.detail.embedded': '{uri} db={name} (内蔵データベース)',
  'doctor.detail.embeddedFailed': '内蔵データベース: {reason}',
  'doctor.detail.dbUnreachable': '{where}: {reason}',
  'doctor.detail.dbWriteFailed': '{where}: 書き込みに失敗しました: {reason}',
  'doctor.detail.dbIndexesMissing':
    '{where} (サーバー {version}): 一意インデックスがありません: {missing}',
  'doctor.detail.dbOk': '{where}: サーバー {version}、接続・書き込みとも可能、一意インデックスあり',
};
