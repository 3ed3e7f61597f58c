import type { TranslationOf } from './catalog';
import type { syncEn } from './sync-en';

/** Japanese: linking, syncing and unlinking an MDM, and where alerts go. */
export const syncJa: TranslationOf<typeof syncEn> = {
  'sync.notLinked':
    'マスタ連携が設定されていません。先に daicho link intune (または jamf) で連携してください。',
  'sync.leaseHeld':
    '別の同期が実行中です ({holder}, ホスト {host}, pid {pid}, 期限 {until})。終わってから再実行してください。',
  'sync.readFailed':
    '{provider} からデバイスを読み取れませんでした ({reason}; HTTP {status}; request-id {requestId})。台帳は何も変更していません。',
  'sync.readIncomplete':
    '{provider} は {listing} が {stated} 台あると返しましたが、読み取れたのは {read} 台だけでした。読めなかったデバイスを「MDMに無い」としないよう、台帳は何も変更していません。時間をおいて同期し直してください。',
  'sync.noHeldRun': '承認待ちの同期「{runId}」はありません。',
  'sync.summary':
    '同期 {status}: 紐づけ {linked}、新規 {created}、更新 {updated}、変更なし {unchanged}、重複 {duplicates}、資産番号の競合 {conflicts}、MDMに無い {missing} (MDMのデバイス {mdmDevices} 台)',
  'sync.relinkSummary':
    '再紐づけ {relinked} (再登録されたデバイスが元の台帳レコードを引き継ぎ)、旧登録が MDM から消えるのを待つ新しい登録 {reenrolments}',
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
  'notify.noAlertChannel':
    'アラートの送信先が選ばれていないため、アラートは送信待ちのままです。送信先にするチャネルかチャットで、ボットの「ここにアラートを送る」を選んでください。',
  'notify.alertChannelSet': 'このチャットにアラートを送ります。',
};
