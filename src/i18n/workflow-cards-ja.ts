import type { TranslationOf } from './catalog';
import type { workflowCardsEn } from './workflow-cards-en';

/** Japanese: device-replacement workflow cards and answers (src/bot/cards/workflow*.ts, replace-start.ts). */
export const workflowCardsJa: TranslationOf<typeof workflowCardsEn> = {
  'card.replace.title': '機種変更: {assetNumber}',
  'card.replace.intro':
    '旧端末を確認し、機種変更の手順を選んでください。OS に合う手順を選んであります。台帳はワークフローを完了するまで変わりません。',
  'card.replace.paths': '機種変更の手順',
  'card.replace.path': '使う手順',
  'card.replace.pathRequired': '手順を 1 つ選んでください',
  'card.replace.newDevice': '新しい端末の資産番号 (任意・あとで指定できます)',
  'card.replace.newDevicePlaceholder': '例: PC-0100',
  'card.replace.start': '開始する',
  'card.workflow.devices': '{old} → {new}',
  'card.workflow.noNewDevice': '新しい端末は未定',
  'card.workflow.status.open': '進行中',
  'card.workflow.status.completing':
    '完了処理の途中です。もう一度「完了して台帳を更新」を押すと、同じ内容で処理を終えます。',
  'card.workflow.status.completed': '完了 ({by}、{when})',
  'card.workflow.status.abandoned': '中止 ({by}、{when})',
  'card.workflow.oldDevice': '旧端末',
  'card.workflow.newDevice': '新しい端末',
  'card.workflow.started': '開始',
  'card.workflow.progress': '進捗',
  'card.workflow.progressValue': '{done} / {total} 手順',
  'card.workflow.optional': '(任意)',
  'card.workflow.notDone': '未完了',
  'card.workflow.doneBy': '完了: {by} ({when})',
  'card.workflow.undoneBy': '{by} が未完了に戻しました ({when})',
  'card.workflow.tick': '完了にする',
  'card.workflow.untick': '戻す',
  'card.workflow.newDeviceInput': '新しい端末の資産番号',
  'card.workflow.setNewDevice': '新しい端末を設定',
  'card.workflow.complete': '完了…',
  'card.workflow.completeIntro':
    '完了すると台帳が一度に変わります: 新しい端末に利用者 ({user}) を引き継ぎ、旧端末のステータスと廃棄日/解約日をここで選んだ値にします。',
  'card.workflow.oldDeviceStatus': '旧端末のステータス',
  'card.workflow.statusRequired': 'ステータスを選んでください',
  'card.workflow.disposalDate': '廃棄日/解約日 (空欄なら変更しません)',
  'card.workflow.completeButton': '完了して台帳を更新',
  'card.workflow.abandon': '中止…',
  'card.workflow.abandonConfirm':
    'この機種変更ワークフローを中止します。台帳は何も変更しません。よろしいですか?',
  'card.workflow.abandonButton': '中止する',
  'card.workflow.refresh': '最新の状態を表示',
  'card.workflow.viewOnly': '閲覧のみ: 手順の更新、完了、中止は管理者だけが行えます。',
  'card.workflow.resultTitle': '台帳の変更',
  'card.workflow.resultNone': '台帳を変える必要はありませんでした (すでに同じ値でした)。',
  'card.workflow.change': '{assetNumber} の{field}: {old} → {new}',
  'card.workflow.superseded':
    '{assetNumber} の{field}はその間に別の変更があったため、上書きしませんでした ({old} → {new} の予定でした)。',
  'card.workflow.mdmTitle': 'MDM で変更してください',
  'card.workflow.mdmLine':
    '{assetNumber} の{field}を「{wanted}」に ({provider} が管理する項目です。次の同期で台帳にも反映されます)',
  'card.workflow.abandonedText': '中止しました。台帳は何も変更していません。',
  'card.workflow.reminder':
    'このワークフローは {days} 日以上動きがありません。手順を進めるか、不要なら中止してください。',
  'card.workflow.outcome.disposed': '廃棄',
  'card.workflow.outcome.spare': '予備機',
  'card.workflow.outcome.repair': '修理中',
  'card.workflow.outcome.returned': '返却',
  'card.workflows.title': '進行中の機種変更',
  'card.workflows.empty': '進行中の機種変更はありません。「機種変更 ‹資産番号›」で始められます。',
  'card.workflows.open': '開く',
  'card.workflows.reload': '再読み込み',
  'bot.replaceAsk': '機種変更する端末の資産番号を付けて送ってください (例: 機種変更 PC-0012)。',
  'bot.workflowsUnavailable': '機種変更ワークフローはこのサーバーでは使えません。',
};
