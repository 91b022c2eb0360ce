/**
 * End-to-end support: the built UI, a real software FDM, the real POS server with a demo
 * restaurant on PGlite, and Debian's Chromium driven by playwright-core. Everything listens on
 * 127.0.0.1 and is stopped by the caller.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
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

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * The POS server does not serve the UI yet: this front door serves dist/ and passes /graphql
 * through to the real POS server unchanged, so the browser sees one origin as in production.
 */
async function startFrontDoor(posGraphqlUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path.endsWith('/graphql')) {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'accept', 'authorization', 'x-terminal-token']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const answer = await fetch(posGraphqlUrl, {
          method: request.method ?? 'POST',
          headers,
          ...(request.method === 'GET' ? {} : { body: Buffer.concat(chunks) }),
        });
        response.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        response.end(Buffer.from(await answer.arrayBuffer()));
        return;
      }
      const file = normalize(join(distDir, path === '/' ? 'index.html' : decodeURIComponent(path)));
      const inside = file.startsWith(distDir + sep);
      const body = inside ? await readFile(file).catch(() => null) : null;
      if (body === null) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    })().catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

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
  });
  const front = await startFrontDoor(pos.url);
  return {
    url: front.url,
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
      await front.stop();
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
