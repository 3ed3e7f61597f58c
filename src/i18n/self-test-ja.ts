import type { TranslationOf } from './catalog';
import type { selfTestEn } from './self-test-en';

/** Japanese: what the connection self-tests found (check card, `daicho doctor`). */
export const selfTestJa: TranslationOf<typeof selfTestEn> = {
  'selfTest.notConfigured.intune': 'Intune の資格情報が設定されていません。',
  'selfTest.notConfigured.jamf': 'Jamf Pro の資格情報が設定されていません。',
  'selfTest.unexpected': '自動チェックが予期せず失敗しました: {error}',
  'selfTest.noAnswer.intune':
    'Entra ID と Microsoft Graph から {ms} ms 以内に応答がありませんでした。',
  'selfTest.noAnswer.jamf': 'Jamf Pro から {ms} ms 以内に応答がありませんでした。',
  'selfTest.tries': ' ({attempts} 回試行)',
  'selfTest.intune.signInFailed': 'サインインに失敗しました{tries}: {message}',
  'selfTest.intune.wrongTenant':
    'トークンを発行したのはテナント {tokenTenantId} で、設定されたテナント {tenantId} ではありません。',
  'selfTest.intune.signedIn':
    'アプリ {appId} としてサインインしました。トークンのロール: {roles}。',
  'selfTest.intune.signedInNoRoles':
    'アプリ {appId} としてサインインしました。トークンにアプリケーションのロールがありません。',
  'selfTest.intune.signedInNoClaims':
    'アプリ {appId} としてサインインしました。トークンの内容を読み取れませんでした。',
  'selfTest.intune.managedIdentity': '(マネージド ID)',
  'selfTest.intune.graphFailed': 'GET managedDevices に失敗しました{tries}: {message}',
  'selfTest.intune.answered': 'GET managedDevices?$top=1 が 200 で {count} 台を返しました。',
  'selfTest.intune.answeredEmpty':
    'GET managedDevices?$top=1 は 200 でしたが、デバイスは 0 台でした。テナントに Intune のライセンスがないか、まだデバイスが登録されていません。',
  'selfTest.jamf.tokenFailed': 'OAuth トークンの取得に失敗しました{tries}: {message}',
  'selfTest.jamf.readFailed': '{listing}の読み取りに失敗しました{tries}: {message}',
  'selfTest.jamf.listing.computerCount': 'コンピューター',
  'selfTest.jamf.listing.mobileDeviceCount': 'モバイルデバイス',
  'selfTest.jamf.missingPrivilege':
    'Jamf Pro が 403 を返しました。API クライアント {clientId} の API ロールに権限「{privilege}」がありません。',
  'selfTest.jamf.missingPrivileges':
    'Jamf Pro が 403 を返しました。API クライアント {clientId} の API ロールに権限「{first}」と「{second}」がありません。',
  'selfTest.jamf.signedIn':
    'API クライアント {clientId} としてサインインしました。Jamf Pro のコンピューターは {computers} 台、モバイルデバイスは {mobiles} 台です。',
  'selfTest.jamf.signedInEmpty':
    'API クライアント {clientId} としてサインインしました。Jamf Pro にコンピューターもモバイルデバイスもありません。まだ何も登録されていないか、JAMF_URL が別のインスタンスを指しています。',
};
