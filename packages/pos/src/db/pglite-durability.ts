// Moved to @gks/db; kept so the POS's imports stay as they were.
export { fsyncPath, fsyncTree, segmentRange, syncDirectory, WalSync, type WalPosition } from '@gks/db';
