import type { TranslationOf } from './catalog';
import type { workflowEn } from './workflow-en';

/** Japanese: the device-replacement workflows (seed 004). Spread into ja.ts. */
export const workflowJa: TranslationOf<typeof workflowEn> = {
  // Device-replacement workflows (src/workflows).
  'workflow.unknownChecklist':
    'チェックリスト「{checklistId}」はありません。使えるのは {known} です。',
  'workflow.notFound': 'ワークフロー「{id}」が見つかりません。',
  'workflow.alreadyOpen':
    'デバイス「{assetNumber}」には進行中の機種変更ワークフロー {workflowId} があります ({startedBy} が {startedAt} に開始)。そのワークフローを続けるか、中止してから始めてください。',
  'workflow.unknownStep': 'ワークフロー {workflowId} に手順「{stepId}」はありません。',
  'workflow.staleVersion':
    'ワークフロー {workflowId} は他の人が更新しました (表示中の版 {expected}、最新の版 {current})。最新の内容を表示してから、もう一度操作してください。',
  'workflow.alreadyCompleted':
    'ワークフロー {workflowId} は {by} が {at} に完了済みです。変更できません。',
  'workflow.alreadyAbandoned':
    'ワークフロー {workflowId} は {by} が {at} に中止済みです。変更できません。',
  'workflow.stepsNotDone':
    'ワークフロー {workflowId} の必須の手順が {count} 件終わっていません (手順 {steps})。終わらせてから完了してください。台帳は何も変更していません。',
  'workflow.newDeviceMissing':
    'ワークフロー {workflowId} の新しい端末が決まっていません。新しい端末の資産番号を指定してから完了してください。',
  'workflow.sameDevice': '新しい端末に旧端末と同じデバイス「{assetNumber}」は指定できません。',
  'workflow.statusMissing': '旧端末のステータスを選んでください (例: 廃棄、修理中、予備機)。',
  'workflow.statusTooLong': '旧端末のステータスは {max} 文字以内にしてください。',
  'workflow.badDisposalDate': '廃棄日/解約日「{value}」は日付として読めません (YYYY-MM-DD)。',
  'workflow.disposalBeforeProcurement':
    '「{assetNumber}」の廃棄日/解約日 ({disposalDate}) が調達日 ({procurementDate}) より前です。',
  'workflow.completing':
    'ワークフロー {workflowId} は完了処理の途中です。もう一度「完了」を実行すると、同じ内容で処理を終えます。',
};
