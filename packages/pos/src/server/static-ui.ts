import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/web/dist, from src/server or dist/server alike. */
export const defaultUiDir = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * The POS's request handler: the API where it always was (/graphql), the built web UI for
 * everything else. Paths without a file extension that name no file are client routes of the
 * single-page UI and get index.html; nothing outside the UI directory is ever served.
 */
export function withStaticUi(api: Handler, uiDir: string = defaultUiDir): Handler {
  const root = resolve(uiDir);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/graphql' || path.startsWith('/graphql/')) return api(req, res);
    return serveUi(root, path, req, res).catch(() => send(res, 500, 'internal error'));
  };
}

async function serveUi(root: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return send(res, 400, 'bad path');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return send(res, 400, 'bad path');
  const file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'not found');
  const found = await fileAt(file);
  if (found) return sendFile(res, req, found, extname(found));
  // A client route (no extension) falls back to the UI's entry page; a missing asset is a 404.
  if (extname(decoded) !== '') return send(res, 404, 'not found');
  const index = await fileAt(resolve(root, 'index.html'));
  if (!index) return send(res, 503, 'the web UI is not built: run npm run build');
  return sendFile(res, req, index, '.html');
}

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) {
      const index = resolve(path, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // missing: the caller decides between fallback and 404
  }
  return undefined;
}

function sendFile(res: ServerResponse, req: IncomingMessage, file: string, extension: string): void {
  res.statusCode = 200;
  res.setHeader('content-type', contentTypes[extension] ?? 'application/octet-stream');
  res.setHeader('x-content-type-options', 'nosniff');
  // Vite's assets carry a content hash in their name; the entry page must always be fresh.
  res.setHeader(
    'cache-control',
    file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function send(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(`${text}\n`);
}
