// Moved to @gks/db; kept so the POS's imports stay as they were.
export { PGliteDialect, type PGliteDialectConfig } from '@gks/db';
