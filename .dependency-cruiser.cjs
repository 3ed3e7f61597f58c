/**
 * The layer rules of src/ (docs/ARCHITECTURE.md), checked by `npm run lint` and by
 * test/unit/layers.test.ts. Runtime imports are what the rules are about: a type-only import
 * (a record's shape, a plan's type) couples no code and is allowed unless a rule says otherwise.
 */
const EDGES = '^src/(bot|cli|http|teams)/|^src/(index|services)\\.ts$';
const FEATURES = '^src/(sync|provisioning|troubleshooting|workflows|notify|stocktake)/';
const SHARED =
  '^src/(mdm|lease|config|i18n|csv|db)/|^src/(errors|log|secrets|paths|process-alive)\\.ts$';
/** The owners of the records (ARCHITECTURE.md "Who owns what"), and the composition root. */
const OWNERS = [
  '^src/db/',
  '^src/ledger/',
  '^src/alerts/',
  '^src/lease/',
  '^src/conversations/',
  '^src/downloads/',
  '^src/people/',
  '^src/workflows/workflow-service\\.ts$',
  '^src/stocktake/stocktake-store\\.ts$',
  '^src/troubleshooting/session-store\\.ts$',
  '^src/provisioning/provisioning-run-store\\.ts$',
  '^src/sync/(sync-stores|sync-runs|integrations)\\.ts$',
  '^src/teams/mongo-storage\\.ts$',
  '^src/services\\.ts$',
].join('|');

module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycles',
      comment: 'A module may not need itself at run time through others (load order bugs).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'teams-sdk-only-in-src-teams',
      comment:
        'botbuilder / teams-ai (archived SDK) stay behind src/teams, so moving to the Teams SDK v2 touches one folder.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/teams/' },
      to: { path: 'node_modules/(botbuilder|botframework-|@microsoft/teams-ai)' },
    },
    {
      name: 'edges-are-not-imported',
      comment:
        'The bot, the CLI, HTTP and the Teams adapter are entry points: the rest of the code does not call into them. The one exception is the proactive-send port notify uses.',
      severity: 'error',
      from: { path: '^src/', pathNot: EDGES },
      to: { path: EDGES, pathNot: '^src/teams/proactive\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'features-stay-apart',
      comment:
        'sync, provisioning, troubleshooting, workflows and notify do not import each other; what they share lives in an owner (ledger, alerts, people …) or a shared home (mdm, lease, cards).',
      severity: 'error',
      from: { path: FEATURES },
      to: { path: FEATURES, pathNot: '^src/$1/' },
    },
    {
      name: 'shared-homes-need-no-feature',
      comment:
        'Infrastructure (Graph/Jamf clients, lease, config, i18n, CSV, database) works without any feature. Provisioning settings are parsed with the rest of the config at start, with their schema from provisioning.',
      severity: 'error',
      from: { path: SHARED, pathNot: '^src/config/provisioning-config\\.ts$' },
      to: { path: FEATURES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-owners-see-collections',
      comment:
        "The driver's collections (src/db/collections.ts) are built and used by the owner of each record only; everyone else calls the owner.",
      severity: 'error',
      from: { path: '^src/', pathNot: OWNERS },
      to: { path: '^src/db/collections\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'doctor-only-from-the-cli',
      comment:
        'src/doctor checks a whole configuration for `daicho doctor`; it may use the features (the self-tests), so nothing but the CLI imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|doctor)/' },
      to: { path: '^src/doctor/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
