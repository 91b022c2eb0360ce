/**
 * Test support: a POS server in a process of its own, for the crash tests (which kill it with
 * SIGKILL). Run from the build: node dist/testing/pos-child.js '<database location as JSON>'.
 * Prints `listening <url> recovered <n>` once it serves.
 */
import { startPosServer } from '../server/pos-server.js';

const location = process.argv[2];
if (!location) {
  process.stderr.write('usage: pos-child.js <database location JSON>\n');
  process.exit(2);
}
const pos = await startPosServer({
  database: JSON.parse(location) as { dataDir: string } | { databaseUrl: string },
  port: 0,
  // long enough to outlast the FDM's injected delay: the kill, not a timeout, interrupts the payment
  fdm: { timeoutMs: 20_000, resend: { maxResends: 1, delaysMs: [50] } },
  retryEveryMs: 0,
});
process.stdout.write(`listening ${pos.url} recovered ${pos.recovered.resent}\n`);
const stop = (): void => {
  void pos.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
