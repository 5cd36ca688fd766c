/**
 * The structure rules CI checks (`npm run depcruise`). See src/README.md for the map they keep.
 *
 * A feature folder names each file by its role:
 *   index.ts        the feature module: what it registers with Slack, its subcommands, its jobs
 *   *.handlers.ts   Slack listeners and subcommands (validate → service/domain → present)
 *   *.guard.ts      checks handlers share before they act (the retro guard)
 *   *.service.ts    rules that need the database or Slack; owns transactions; coded results
 *   *.repository.ts SQL only, given a db or a transaction
 *   *.table.ts      row types of the database
 *   *.ids.ts        the feature's action, callback and block ids (plain data)
 *   *.jobs.ts       scheduled jobs, when index.ts cannot hold them (the outbox: the context names its service)
 *   present-*.ts    Block Kit and the words people read
 * Every other file in a feature folder is a plain domain file.
 */
const FEATURES =
  '(action-items|canvas|carry-over|charts|drafts|feedback|five-whys|follow-up|history|home|installations|kpi|outbox|phase-change|retro|schedules|settings|setup|summary|voting|workspaces)';
const NOT_DOMAIN =
  '(index\\.ts|present-[^/]+\\.ts|[^/]+\\.(handlers|guard|service|repository|table|jobs)\\.ts)$';

module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment: 'Feature folders depend on each other one way only (feedback → retro, never back).',
      severity: 'error',
      scope: 'folder',
      from: { path: `^src/${FEATURES}$` },
      to: { path: `^src/${FEATURES}$`, circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment:
        'No folder of src/ (plumbing included: db, slack, shared, server) reaches back to one that uses it.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'demo-only-from-the-entry',
      comment:
        'The local demo (src/demo) is composed by the entry point only: nothing of the app reaches into it, so a real start never serves it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/demo/', '^src/main\\.ts$'] },
      to: { path: '^src/demo/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between files either.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'plain-domain',
      comment: 'Plain domain files carry rules only: no Slack, no database driver or query builder.',
      severity: 'error',
      from: { path: `^src/${FEATURES}/[^/]+\\.ts$`, pathNot: `/${NOT_DOMAIN}` },
      to: { path: '^node_modules/(@slack/bolt|kysely|pg)/' },
    },
    {
      name: 'plain-domain-calls-no-service',
      comment:
        'Plain domain files do not reach the database or Slack through a service, repository or handler either.',
      severity: 'error',
      from: { path: `^src/${FEATURES}/[^/]+\\.ts$`, pathNot: `/${NOT_DOMAIN}` },
      to: { path: '\\.(handlers|guard|service|repository)\\.ts$' },
    },
    {
      name: 'presenters-read-no-database',
      comment: 'Presenters build Block Kit and words from data they are given.',
      severity: 'error',
      from: { path: '(^|/)present-[^/]+\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '\\.service\\.ts$', '^node_modules/(kysely|pg)/'] },
    },
    {
      name: 'repositories-are-private',
      comment: "Another feature's queries are reached through its service, never its repository.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: `^src/${FEATURES}/[^/]+\\.repository\\.ts$`, pathNot: '^src/$1/' },
    },
    {
      name: 'handlers-are-private',
      comment: "A feature's listeners are registered by its own module only.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: `^src/${FEATURES}/[^/]+\\.handlers\\.ts$`, pathNot: '^src/$1/' },
    },
    {
      name: 'repositories-only-query',
      comment: 'Repositories run SQL: no Slack in them.',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: ['^node_modules/@slack/bolt/', '^src/slack/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The schema type names every table, so every feature's row types meet there; it is not a dependency between features.
    exclude: { path: '^src/db/database\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
