import type { CatalogPart } from './catalog';

/** English: starting the server and `npm run playground` (ports taken, where to go next). */
export const startEn = {
  'server.portInUse':
    'Port {port} is already in use: another Daicho (npm start, npm run playground) or another program listens there. Stop it, or start on a free port: PORT={next} npm start',
  'server.portDenied':
    'Port {port} may not be listened on by this user (ports below 1024 need privileges): set PORT to 1024 or above.',
  'playground.botPortInUse':
    "Port {port} (the bot's PORT) is already in use, probably by npm start or another npm run playground, and the Playground would talk to that bot instead. Stop it (Ctrl-C in its terminal), or run on a free port: PORT={next} npm run playground",
  'playground.playgroundPortInUse':
    "Port {port} (the Agents Playground's) is already in use, probably by another npm run playground. Stop it (Ctrl-C in its terminal), or use a free port: npm run playground -- --playground-port {next}",
  'playground.portDenied':
    'Port {port} may not be listened on by this user (ports below 1024 need privileges): choose one of 1024 or above.',
  'playground.ready':
    'Agents Playground: {url} : open it in a browser and type "{first}" (Ctrl-C stops the bot, the Playground and the simulators).',
  'playground.botExited':
    'The bot stopped (exit code {code}), so the Playground and the simulators were stopped too: its log above says why.',
  'playground.playgroundExited':
    'The Agents Playground stopped (exit code {code}), so the bot and the simulators were stopped too.',
} satisfies CatalogPart;
