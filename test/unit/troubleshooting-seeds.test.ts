import { loadTrees, type Tree } from '../../src/troubleshooting';
import { joinText, type Localized } from '../../src/troubleshooting/schema';

/**
 * The trees must say everything their seed document says. Each list below is taken from the
 * seed (in its words); every item must appear somewhere in the tree's Japanese text, labels,
 * commands or links.
 */

function everythingSaid(tree: Tree): string {
  const say = (l?: Localized) => (l ? joinText(l.ja) : '');
  const parts: string[] = [say(tree.title), say(tree.description)];
  for (const node of tree.nodes) {
    parts.push(say(node.title), say(node.text), ...(node.commands ?? []));
    for (const link of node.links ?? []) parts.push(say(link.label), link.url);
    const choices =
      node.kind === 'answer' ? (node.next ?? []) : node.kind === 'info' ? [] : node.choices;
    for (const choice of choices) parts.push(say(choice.label));
  }
  return parts.join('\n');
}

const trees = new Map(loadTrees().map((t) => [t.id, everythingSaid(t)]));

const SEEDS: Record<string, string[]> = {
  // seed 000, データが連携されない場合
  'intune-sync': [
    'Entra 管理センター',
    'Graph Explorer',
    'https://graph.microsoft.com/v1.0/deviceManagement/managedDevices',
    'Run query',
    'Modify permissions',
    'Consent',
    'デバイスの一覧が取れるかどうか',
    'エンタープライズ アプリケーション',
    '管理者の同意',
    'ユーザーの同意',
    'DeviceManagementManagedDevices.Read.All',
    'DeviceManagementManagedDevices.ReadWrite.All',
    'アプリケーション (クライアント) ID',
    'ID の一致が必要',
    '異なるものを削除',
    '再連携',
    '再連携後、データが実際に連携されるまでタイムラグが生じることがあります',
  ],
  // seed 002, FAQ and the four causes
  'co-management': [
    '他社製品',
    '共存',
    'https://jpmem.github.io/blog/mecm/20211214_01/',
    'Azure AD Registered',
    'Azure AD Joined',
    'Hybrid Azure AD Joined',
    'MECM サーバーが Intune に接続できる必要はありません',
    'https://docs.microsoft.com/ja-jp/mem/configmgr/core/plan-design/network/internet-endpoints',
    'CMG',
    'Autopilot',
    '長期出張',
    '2022 年 5 月',
    '「共同管理」',
    'https://jpmem.github.io/blog/mecm/20220321_01/',
    'ConfigMgr',
    '[管理] - [概要] - [クラウド サービス] - [クラウドの接続] - [プロパティ] - [アップロードを構成する]',
    'Microsoft エンドポイント マネージャー管理センターにアップロードする',
    'テナント アタッチ',
    'https://docs.microsoft.com/ja-jp/mem/configmgr/tenant-attach/',
    '非サポート',
    'どちらかのクライアントをアンインストール',
    'パイロット コレクション',
    'ワークロードごとに 1 つだけ',
    '共同管理構成ポリシーを入手できない',
    'コントロール パネル アプレット',
    'CoMgmtSettings',
    'CoMgmtSettingsPilot',
    '管理ポイント',
    'ClientLocation.log',
    'CcmMessaging.log',
    'DataTransferService.log',
    'コレクションの参加条件',
    'dsregcmd /status',
    'https://jpmem.github.io/memlog/general/azuread/dsregcmd-status.html',
    'AzureAdPRT',
    'WinHTTP プロキシ',
    'WPAD',
    'Azure AD Connect の同期',
    'Registered 状態を解除',
    'インターネット アクセス要件',
    'https://docs.microsoft.com/ja-jp/mem/intune/fundamentals/intune-endpoints',
    '登録ポリシー',
    '他社 MDM 製品をアンインストール',
    'CoManagementHandler.log',
    'This device is enrolled to an unexpected vendor, it will be set in co-existence mode',
  ],
  // seed 003, what is reported, when, and the device detail fields
  'ivanti-compliance': [
    'コンプライアンス状態が変わったとき',
    'インベントリが変わったとき',
    '週に 1 回',
    '最も厳しいもの',
    'メールと AppConnect アプリをブロックして検疫',
    'コンプライアンス違反デバイス',
    'アラートを送信',
    'Azure にコンプライアンス適合',
    'デバイスの撤去',
    'Azure プラットフォームからデバイス データを削除',
    'Azure デバイス識別子',
    '007c8232-9489-4074-9b35-345b16f0a72d',
    'Microsoft Authenticator',
    '空白',
    'Azure デバイスのコンプライアンス状態',
    '進行中',
    '成功',
    '失敗しました',
    'Azure クライアント ステータス コード',
    'Microsoft Intune に報告した時刻',
    '機能が無効',
    'まだ Microsoft API を呼び出していない',
    'user_Cancelled',
    'Internal Error',
  ],
};

describe('the trees say everything their seed says', () => {
  it.each(Object.entries(SEEDS))('%s', (treeId, facts) => {
    const said = trees.get(treeId) ?? '';
    expect(facts.filter((fact) => !said.includes(fact))).toEqual([]);
  });
});
