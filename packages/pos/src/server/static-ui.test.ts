import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStaticUi } from './static-ui.js';

/** A raw request: the path goes on the wire exactly as written (no URL normalisation). */
function get(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the POS serves the built web UI', () => {
  let root: string;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gks-static-ui-'));
    const ui = join(root, 'dist');
    await mkdir(join(ui, 'assets'), { recursive: true });
    await writeFile(join(ui, 'index.html'), '<!doctype html><title>GKS</title>');
    await writeFile(join(ui, 'assets', 'app-1a2b.js'), 'console.log(1)');
    await writeFile(join(ui, 'assets', 'app-1a2b.css'), 'body{}');
    await writeFile(join(ui, 'favicon.svg'), '<svg/>');
    await writeFile(join(root, 'secret.txt'), 'SECRET');
    await writeFile(join(root, 'dist-other.txt'), 'SECRET');
    const api = withStaticUi((_req, res) => res.end('API'), ui);
    server = createServer((req, res) => void api(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the API on /graphql, query strings included', async () => {
    expect((await get(port, '/graphql')).body).toBe('API');
    expect((await get(port, '/graphql?query={a}', 'POST')).body).toBe('API');
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8', 'console.log'],
    ['/assets/app-1a2b.css', 'text/css; charset=utf-8', 'body'],
    ['/favicon.svg', 'image/svg+xml', '<svg/>'],
    ['/tables/12?x=1', 'text/html; charset=utf-8', '<!doctype html>'],
    ['/pay', 'text/html; charset=utf-8', '<!doctype html>'],
  ])('GET %s answers %s', async (path, type, start) => {
    const answer = await get(port, path);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(type);
    expect(answer.body.startsWith(start)).toBe(true);
  });

  it('a missing asset is a 404, not the index page', async () => {
    expect((await get(port, '/assets/gone-9f9f.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/../dist-other.txt',
    '/%2e%2e/dist-other.txt',
    '/secret.txt%00.html',
    '/%',
    '//etc/passwd',
    '/....//secret.txt',
  ])('never serves anything outside the UI directory: %s', async (path) => {
    const answer = await get(port, path);
    expect(answer.body).not.toContain('SECRET');
    expect(answer.body).not.toContain('root:');
    expect([400, 404, 200]).toContain(answer.status);
    if (answer.status === 200) expect(answer.type).toBe('text/html; charset=utf-8');
  });

  it('refuses writes to the UI and answers HEAD without a body', async () => {
    expect((await get(port, '/index.html', 'POST')).status).toBe(405);
    const head = await get(port, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('says the UI is not built when its directory is empty', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    const handler = withStaticUi(() => undefined, empty);
    const bare = createServer((req, res) => void handler(req, res));
    await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
    try {
      const answer = await get((bare.address() as AddressInfo).port, '/');
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('npm run build');
    } finally {
      await new Promise<void>((done) => bare.close(() => done()));
    }
  });
});
