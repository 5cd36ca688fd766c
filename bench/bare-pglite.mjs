// The bare PGlite that bench/startup.ts sets Rearview's embedded start beside: opens (or, when the
// folder is empty, initialises) PGlite on the folder given, with the extension the app loads, prints
// `ready` once a query answers, and holds the database open until it is stopped.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const db = await PGlite.create(process.argv[2], { extensions: { pg_trgm } });
await db.query('select 1');
process.stdout.write('ready\n');
process.on('SIGTERM', () => void db.close().then(() => process.exit(0)));
setInterval(() => {}, 60_000);
