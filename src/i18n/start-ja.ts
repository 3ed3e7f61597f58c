import type { TranslationOf } from './catalog';
import type { startEn } from './start-en';

/** 日本語: サーバーと `npm run playground` の起動 (使用中のポート、次にすること)。 */
export const startJa: TranslationOf<typeof startEn> = {
  'server.portInUse':
    'ポート {port} は既に使用中です (別の Daicho — npm start か npm run playground — か、別のプログラムが待ち受けています)。それを止めるか、空いているポートで起動してください: PORT={next} npm start',
  'server.portDenied':
    'ポート {port} はこのユーザーでは待ち受けられません (1024 未満のポートには特権が必要です)。PORT に 1024 以上を設定してください。',
  'playground.botPortInUse':
    'ボットのポート {port} (PORT) は既に使用中です。npm start か別の npm run playground が動いているようで、このまま起動すると Playground はそちらのボットにつながります。それを止める (その端末で Ctrl-C) か、空いているポートで起動してください: PORT={next} npm run playground',
  'playground.playgroundPortInUse':
    'Agents Playground のポート {port} は既に使用中です。別の npm run playground が動いているようです。それを止める (その端末で Ctrl-C) か、空いているポートを指定してください: npm run playground -- --playground-port {next}',
  'playground.portDenied':
    'ポート {port} はこのユーザーでは待ち受けられません (1024 未満のポートには特権が必要です)。1024 以上のポートを指定してください。',
  'playground.ready':
    'Agents Playground: {url} をブラウザーで開き、「{first}」と入力してください (Ctrl-C でボット・Playground・シミュレーターをすべて止めます)。',
  'playground.botExited':
    'ボットが停止したため (終了コード {code})、Playground とシミュレーターも止めました。理由は上のボットのログにあります。',
  'playground.playgroundExited':
    'Agents Playground が停止したため (終了コード {code})、ボットとシミュレーターも止めました。',
};
