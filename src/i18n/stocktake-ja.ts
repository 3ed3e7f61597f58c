import type { TranslationOf } from './catalog';
import type { stocktakeEn } from './stocktake-en';

/** Japanese: stocktakes (棚卸, src/stocktake). Spread into ja.ts. */
export const stocktakeJa: TranslationOf<typeof stocktakeEn> = {
  'stocktake.badDeadline': '期限「{value}」は日付ではありません (YYYY-MM-DD)。',
  'stocktake.pastDeadline':
    '期限 {deadline} は過ぎています (日本時間)。今日以降の日付を指定してください。',
  'stocktake.emptyScope': '対象に当てはまるデバイスがありません。棚卸は開始していません。',
  'stocktake.notFound':
    '棚卸「{id}」はありません (実施中の棚卸は daicho stocktake status で確認できます)。',
  'stocktake.noneOpen': '実施中の棚卸はありません。ID で指定してください (例: ST-20261206-1)。',
  'stocktake.alreadyOpen':
    '棚卸 {id} が実施中です (期限 {deadline})。先に「daicho stocktake close」で締めてください。開始していません。',
  'stocktake.alreadyClosed': '棚卸 {id} はすでに締められています ({closedAt}、{closedBy})。',
  'stocktake.itemNotFound':
    'このカードは古くなっています。そのデバイスはもう棚卸の対象ではありません。最新のカードを開いてください。',
  'stocktake.adminOnly': 'この操作は管理者だけができます。',
  'stocktake.noProposal': 'デバイス {assetNumber} にはシリアル番号の訂正案がありません。',
  'stocktake.proposals.none': '棚卸 {id}: 承認待ちのシリアル番号の訂正案はありません。',
  'stocktake.proposals.header':
    '棚卸 {id}: 承認待ちのシリアル番号の訂正案が {count} 件あります (承認: daicho stocktake accept-serial ‹資産番号›):',
  'stocktake.proposals.line': '  {assetNumber} ({user}): {current} → {proposed} ({by}、{at})',
  'stocktake.serialAccepted':
    '承認しました: {assetNumber} のシリアル番号を {serial} にしました (以前は {previous}、履歴のルール stocktake-serial)。',
  'stocktake.serialNone': '(なし)',
  'stocktake.serialGone': '{assetNumber} はもう台帳にありません。何も書き込んでいません。',
  'stocktake.proposalsWaiting':
    '管理者の承認を待つシリアル番号の訂正案が {count} 件あります: daicho stocktake proposals',
  'stocktake.serialChanged':
    '訂正案の後に {assetNumber} のシリアル番号が変わりました。何も書き込んでいません。',
  'stocktake.answer.badResult': '不明な回答です。次のいずれかを選んでください: {choices}。',
  'stocktake.answer.notText': 'メモとシリアル番号は文字で入力してください。',
  'stocktake.answer.noteTooLong': 'メモは {max} 文字以内にしてください。',
  'stocktake.answer.serialTooLong': 'シリアル番号は 1 行、{max} 文字以内にしてください。',
  'stocktake.answer.closed': '棚卸 {id} は締め切られました。回答は受け付けていません。',
  'stocktake.answer.pastDeadline':
    '棚卸 {id} の期限 ({deadline}) が過ぎたため、回答は受け付けていません。問題があれば IT 担当者に連絡してください。',
  'stocktake.answer.notYours':
    'この棚卸で {assetNumber} の利用者はあなたではありません。回答できるのは利用者本人か管理者だけです。',
  'stocktake.answer.changedHands':
    '棚卸の途中で {assetNumber} の利用者が変わったため、この回答は記録していません。IT 担当者が確認します。',
  'stocktake.answer.gone': '{assetNumber} は台帳にありません。回答は記録していません。',
  'stocktake.reason.noUser': '利用者が空です',
  'stocktake.reason.notUpn':
    '利用者「{user}」はサインイン名 (name@example.com) でもなく、人の台帳にもありません',
  'stocktake.reason.ambiguousName': '人の台帳に「{user}」という人が複数います',
  'stocktake.reason.noTeams': '{user} は Teams でまだボットとのチャットがありません',
  'stocktake.reason.toInstall':
    '{user} はまだボットとのチャットがありません。Graph でボットをインストールして依頼します',
  'stocktake.reason.installPending':
    '{user} にボットをインストールしました。Teams でチャットが開きしだい依頼します',
  'stocktake.reason.installForbidden':
    '{user} にボットをインストールできません: アプリ登録に Graph の権限 TeamsAppInstallation.ReadWriteSelfForUser.All (管理者の同意) がありません',
  'stocktake.reason.noSuchUser': '{user} は Microsoft 365 テナントのユーザーではありません',
  'stocktake.reason.installFailed':
    '{user} にボットをインストールできません (Graph が拒否しました。内容はサーバーのログにあります)',
  'stocktake.result.present': '手元にある',
  'stocktake.result.notMine': '自分のではない',
  'stocktake.result.lost': '紛失',
  'stocktake.result.broken': '故障',
  'stocktake.result.none': '未回答',
  'stocktake.state.toAsk': '確認依頼',
  'stocktake.state.unreachable': '依頼できない',
  'stocktake.state.answered': '回答済み',
  'stocktake.state.changedHands': '利用者変更',
  'stocktake.status.open': '実施中',
  'stocktake.status.closed': '締め済み',
  'stocktake.dryRun':
    '試行 (dry run): 何も書き込んでいません。対象 {devices} 台、期限 {deadline} (日本時間の終日)。',
  'stocktake.askHeader': '{users} 人に {devices} 台について確認します:',
  'stocktake.askLine': '  {user}: {assets}',
  'stocktake.unreachableHeader': 'Teams で確認できない {count} 台 (管理者の一覧に載ります):',
  'stocktake.unreachableLine': '  {assetNumber}: {reason}',
  'stocktake.started':
    '棚卸 {id} を開始しました (期限 {deadline}、日本時間の終日): {users} 人に {asked} 台を確認、{unreachable} 台は管理者の一覧へ。',
  'stocktake.resumed':
    '棚卸 {id} は開始の途中で中断されていたため、その対象と期限 {deadline} のまま開始を完了しました: {users} 人に {asked} 台を確認、{unreachable} 台は管理者の一覧へ。',
  'stocktake.summary':
    '棚卸 {id} ({status}、期限 {deadline}): {total} 台のうち 回答済み {answered}、未回答 {pending}、要確認 {problems}、依頼できない {unreachable}。',
  'stocktake.departmentLine': '  {department}: {answered}/{total} 回答、要確認 {problems}',
  'stocktake.attentionHeader': '確認が必要なデバイス {count} 台:',
  'stocktake.attentionLine': '  {assetNumber} ({user}): {what} {note}',
  'stocktake.noDepartment': '(部署不明)',
  'stocktake.closed': '棚卸 {id} を締めました: {total} 台のうち {answered} 台が回答済み。',
  'stocktake.nextStep.reassign': '利用者を付け替える',
  'stocktake.nextStep.markLost': '紛失として記録する (ステータス)',
  'stocktake.nextStep.replace': '機種変更ワークフローを始める',
  'card.alertType.stocktake-answer': '棚卸の要対応回答',
  'card.alert.stocktake.lost':
    '{user} さんが {assetNumber} を紛失と回答しました (棚卸 {id}、メモ: {note})。次の対応: 紛失として記録する、機種変更ワークフローを始める、または利用者を付け替える。',
  'card.alert.stocktake.notMine':
    '{user} さんが {assetNumber} は自分のではないと回答しました (棚卸 {id}、メモ: {note})。次の対応: 実際の利用者を確認して付け替える、または紛失として記録する。',
  'card.alert.stocktake.markLost': '紛失にする',
  'card.alert.stocktake.replace': '機種変更を始める',
  'card.alert.stocktake.reassign': '利用者を変更',
  'card.alert.stocktake.newUser': '新しい利用者',
  'card.alert.stocktake.acceptSerial': 'シリアルを承認',
  'card.alert.stocktake.serialText':
    '利用者はシリアル番号 {serial} も提案しています。管理者が承認したときだけ書き込まれます。',
  'stocktake.alert.done': 'このアラートはすでに対応済みです。何も変更していません。',
  'stocktake.alert.newUserEmpty': '先に新しい利用者を入力してください。何も変更していません。',
  'stocktake.alert.newUserTooLong':
    '新しい利用者は {max} 文字以内で入力してください。何も変更していません。',
};
