// Moved to @gks/db; kept so the POS's imports stay as they were.
export { DataDirInUseError, lockDataDir } from '@gks/db';
