/**
 * End-to-end support: the built UI, a real software FDM, the real POS server with a demo
 * restaurant on PGlite, and Debian's Chromium driven by playwright-core. Everything listens on
 * 127.0.0.1 and is stopped by the caller.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { initFdmState, startFdmServer } from '@gks/fdm';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { initRegister, openPosDatabase, startPosServer, type RunningPos } from '@gks/pos';

export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distDir = join(webDir, 'dist');
export const screenshotDir = join(webDir, 'test-output', 'screenshots');

export const demo = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
  terminals: {
    T1: { terminalId: 'T1', name: 'Bar', deviceId: 'dev-bar-1', token: 'e2e-terminal-one-token-0001' },
    T2: {
      terminalId: 'T2',
      name: 'Terrace',
      deviceId: 'dev-terrace-2',
      token: 'e2e-terminal-two-token-0002',
    },
  },
} as const;

// ------------------------------------------------------------------ the UI build

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path)) {
    if (entry === 'e2e' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

/** Builds the UI when dist/ is missing or older than its sources. */
export async function ensureBuilt(): Promise<void> {
  const built = await stat(join(distDir, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newestChange(join(webDir, 'src')),
    await newestChange(join(webDir, 'index.html')),
    await newestChange(join(webDir, 'vite.config.ts')),
  );
  if (built > sources) return;
  const vite = join(webDir, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir });
}

// ------------------------------------------------------------------ the servers

export interface Stack {
  /** Where the browser opens the UI. */
  readonly url: string;
  readonly pos: RunningPos;
  /** Sends a fault patch to the FDM's switchboard (null: every fault off). */
  faults(patch: Record<string, unknown> | null): Promise<void>;
  stop(): Promise<void>;
}

/** A software FDM, a demo restaurant on PGlite behind the real POS server, and the UI. */
export async function startStack(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'gks-web-e2e-'));
  const fdmState = await initFdmState(join(dir, 'fdm'), {
    fdmId: demo.fdmId,
    vatNo: demo.vatNo,
    estNo: demo.estNo,
    allowedPosIds: [demo.posId],
    verificationBaseUrl: 'https://verify.example/fdm',
    now: new Date(),
  });
  if (!fdmState.ok) throw new Error(fdmState.error.reason);
  const started = await startFdmServer({ dir: join(dir, 'fdm'), port: 0 });
  if (!started.ok) throw new Error(started.error.reason);
  const fdm = started.value;

  const location = { dataDir: join(dir, 'pos') };
  const database = await openPosDatabase(location);
  try {
    const report = await initRegister(
      database.db,
      {
        settings: {
          establishment: {
            name: 'Brasserie De Markt',
            address: 'Grote Markt 1, 1000 Brussel',
            vatNo: demo.vatNo,
            estNo: demo.estNo,
          },
          posId: demo.posId,
          language: 'NL',
          fdm: { url: fdm.url },
        },
        technicianPin: '9999',
        terminals: [demo.terminals.T1, demo.terminals.T2],
        demo: true,
      },
      { now: () => new Date() },
    );
    if (!report.ok) throw new Error(report.error.message);
  } finally {
    await database.close();
  }
  const pos = await startPosServer({
    database: location,
    fdm: { timeoutMs: 2000, resend: { maxResends: 1, delaysMs: [0] } },
    retryEveryMs: 500,
    // The POS server itself serves the UI at / beside /graphql: one origin, as in production.
    uiDir: distDir,
  });
  return {
    url: pos.url.replace(/graphql$/, ''),
    pos,
    async faults(patch) {
      if (!fdm.adminUrl || !fdm.adminToken) throw new Error('the FDM has no admin endpoint');
      const response = await fetch(fdm.adminUrl, {
        method: patch === null ? 'DELETE' : 'POST',
        headers: { authorization: `Bearer ${fdm.adminToken}`, 'content-type': 'application/json' },
        ...(patch === null ? {} : { body: JSON.stringify(patch) }),
      });
      if (!response.ok) throw new Error(`fault patch refused: ${await response.text()}`);
    },
    async stop() {
      await pos.stop();
      await fdm.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ the browser

export const tablet = { width: 1024, height: 768 } as const;
export const phone = { width: 390, height: 844 } as const;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page: a test fails on any. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a new empty profile, never a downloaded browser. */
export async function openBrowser(viewport: { width: number; height: number } = tablet): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'gks-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'nl-BE',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}
