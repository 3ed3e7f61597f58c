import type { TranslationOf } from './catalog';
import type { stocktakeCardsEn } from './stocktake-cards-en';

/** Japanese: the stocktake (棚卸) cards and answers in Teams. */
export const stocktakeCardsJa: TranslationOf<typeof stocktakeCardsEn> = {
  'card.stocktake.start.title': '棚卸を始める',
  'card.stocktake.start.intro':
    '各デバイスの利用者に、ボットとの個人チャットで自分のデバイスを確認してもらいます。対象のデバイス (空欄ならすべて) と回答期限を選んでください。送信の前にプレビューで依頼先を確認できます。',
  'card.stocktake.allSources': 'すべて',
  'card.stocktake.statusPlaceholder': '例: 利用中',
  'card.stocktake.typePlaceholder': '例: PC',
  'card.stocktake.userPlaceholder': '名前の一部',
  'card.stocktake.deadline': '回答期限',
  'card.stocktake.deadlineRequired': '回答期限を選んでください。',
  'card.stocktake.preview': 'プレビュー',
  'card.stocktake.preview.title': '棚卸のプレビュー',
  'card.stocktake.preview.intro':
    'まだ何も送っていません。開始すると利用者ごとに 1 枚のカードを送ります。下のデバイスは Teams で依頼できないため、管理者が確認します。',
  'card.stocktake.scope': '対象',
  'card.stocktake.scope.all': 'すべてのデバイス',
  'card.stocktake.deadlineValue': '{deadline} (日本時間のその日の終わりまで)',
  'card.stocktake.users': '依頼する利用者',
  'card.stocktake.asked': '確認するデバイス',
  'card.stocktake.unreachable': '依頼できない',
  'card.stocktake.unreachableHeader': 'Teams で依頼できないデバイス (管理者が確認):',
  'card.stocktake.unreachableLine': '{assetNumber}: {reason}',
  'card.stocktake.start': '開始',
  'card.stocktake.cancelled': 'キャンセルしました。棚卸は始まっていません。',
  'card.stocktake.progress.title': '棚卸 {id}',
  'card.stocktake.progress.open': '{deadline} (日本時間のその日の終わり) まで回答を受け付けます。',
  'card.stocktake.progress.closed': '{at} に {by} が締めました。回答は受け付けていません。',
  'card.stocktake.progress.sent':
    '確認依頼: {sent} 人に送信、{failed} 人に届きませんでした (レポートに載っています)。',
  'card.stocktake.count.total': 'デバイス',
  'card.stocktake.count.answered': '回答済み',
  'card.stocktake.count.pending': '未回答',
  'card.stocktake.count.problems': '要確認',
  'card.stocktake.departments': '部署別',
  'card.stocktake.departmentLine': '{department}: 回答 {answered}/{total}、要確認 {problems}',
  'card.stocktake.noDepartment': '部署不明',
  'card.stocktake.attention': '要確認のデバイス',
  'card.stocktake.attentionLine': '{assetNumber} ({user}): {what}',
  'card.stocktake.close': '締める',
  'card.stocktake.report': 'レポート CSV',
  'card.stocktake.ask.title': '棚卸: あなたのデバイス',
  'card.stocktake.ask.intro':
    '情報システム担当から、あなたが利用者として登録されているデバイスの確認のお願いです。{deadline} までに、デバイスごとに回答を選んで「送信」を押してください。期限までは回答を変えられます。',
  'card.stocktake.ask.answer': '回答',
  'card.stocktake.ask.choose': '選んでください',
  'card.stocktake.ask.note': 'メモ (任意)',
  'card.stocktake.ask.serial': '正しいシリアル番号 (上の番号が違う場合のみ)',
  'card.stocktake.ask.send': '送信',
  'card.stocktake.ask.recorded': '記録済み: {result} ({at})',
  'card.stocktake.ask.saved': '{count} 件の回答を記録しました。{deadline} までは変えられます。',
  'card.stocktake.ask.nothingChosen': '少なくとも 1 台の回答を選んでから「送信」を押してください。',
  'card.stocktake.ask.summary': '{deadline} までにデバイスの確認 (棚卸) をお願いします',
  'card.stocktake.ask.forUser': '{user} のデバイス',
  'card.stocktake.ask.reminder':
    'リマインダー: まだ回答されていないデバイスが {count} 台あります。{deadline} までに回答してください。',
  'card.stocktake.ask.reminderSummary':
    'リマインダー: {deadline} までにデバイスの確認 (棚卸) をお願いします',
  'card.stocktake.progress.closedByDeadline':
    '締め切り ({deadline}) を過ぎたため {at} に締めました。回答は受け付けていません。',
  'stocktake.bot.progressSummary': '棚卸 {id}: 進み具合',
  'stocktake.bot.deadlineClosed':
    '棚卸 {id} は締め切り ({deadline}) を過ぎたので締めました。{total} 台中 {answered} 台が回答済み、未回答 {pending} 台、要確認 {problems} 件です。レポート CSV は進捗カードから取得できます。',
  'stocktake.bot.unavailable': 'このサーバーでは棚卸を使えません。',
  'card.stocktake.proposals': '利用者からのシリアル番号の訂正案',
  'card.stocktake.proposalLine': '{assetNumber}: {current} → {proposed}',
  'card.rule.stocktake': '棚卸の回答',
  'card.rule.stocktake-serial': '棚卸のシリアル訂正を承認',
  'card.rule.stocktake-alert': '棚卸のアラートで対応',
};
