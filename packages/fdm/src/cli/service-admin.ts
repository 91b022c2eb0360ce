import { randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandArgs, CommandIo } from './command-shape.js';

/**
 * Live administration of a running service (`gks fps ...`, `gks bii ...`) whose embedded
 * database it holds open (PGlite admits one process): the service listens on 127.0.0.1 only, on
 * a free port, and writes the port and a random token to `<state dir>/admin.json` (mode 0600, so
 * only the service's own user can read it). An admin command run while the service runs sends
 * its options there and the service runs the command against its own database; when no service
 * answers, the command opens the database itself.
 */
export const SERVICE_ADMIN_FILE = 'admin.json';

/** The options of one admin command, as the command line gave them. */
export type AdminValues = CommandArgs['values'];

/** Runs the admin command `name` with `values` inside the service; output as the command wrote it. */
export type AdminRunner = (name: string, args: CommandArgs, io: CommandIo) => Promise<number>;

export interface ServiceAdmin {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  stop(): Promise<void>;
}

interface AdminFile {
  readonly url: string;
  readonly token: string;
  readonly pid: number;
}

const maxBodyBytes = 64 * 1024;

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

async function writePrivately(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Collects what a command writes, to send it back to the command line that asked. */
function capture(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Starts the admin endpoint of a service whose state directory is `dir`. Only commands `run`
 * accepts are run; one at a time, so two admins do not interleave their changes.
 */
export async function startServiceAdmin(options: {
  readonly dir: string;
  readonly commands: readonly string[];
  readonly run: AdminRunner;
}): Promise<ServiceAdmin> {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let queue: Promise<unknown> = Promise.resolve();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!isLoopback(req.socket.remoteAddress ?? '')) return answer(403, { error: 'loopback only' });
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return answer(401, { error: 'missing or wrong Authorization: Bearer <token of admin.json>' });
    if (req.method !== 'POST' || (req.url ?? '') !== '/command')
      return answer(404, { error: 'POST /command' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    }
    if (size > maxBodyBytes) return answer(413, { error: `body over ${maxBodyBytes} bytes` });
    let body: { command?: unknown; values?: unknown; positionals?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(400, { error: 'the body is not JSON' });
    }
    const name = body.command;
    if (typeof name !== 'string' || !options.commands.includes(name))
      return answer(400, { error: `not an admin command: ${String(name)}` });
    const values = body.values;
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      return answer(400, { error: 'values must be an object' });
    const positionals = body.positionals ?? [];
    if (!Array.isArray(positionals) || !positionals.every((p) => typeof p === 'string'))
      return answer(400, { error: 'positionals must be a list of strings' });
    const out = capture();
    const errText = capture();
    const run = queue.then(() =>
      options.run(
        name,
        { values: values as AdminValues, positionals: positionals as string[] },
        { stdout: out.stream, stderr: errText.stream },
      ),
    );
    queue = run.catch(() => undefined);
    let code: number;
    try {
      code = await run;
    } catch (error) {
      errText.stream.write(`the service failed on this command: ${(error as Error).message}\n`);
      code = 1;
    }
    answer(200, { code, stdout: out.text(), stderr: errText.text() });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const file = join(options.dir, SERVICE_ADMIN_FILE);
  const record: AdminFile = { url, token, pid: process.pid };
  await writePrivately(file, JSON.stringify(record) + '\n');
  return {
    url,
    async stop() {
      // Only our own file: a newer service may have replaced it.
      const current = await readAdminFile(options.dir);
      if (current?.token === token) await rm(file, { force: true });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function readAdminFile(dir: string): Promise<AdminFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, SERVICE_ADMIN_FILE), 'utf8')) as Partial<AdminFile>;
    if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') return undefined;
    if (!/^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(parsed.url)) return undefined;
    return { url: parsed.url, token: parsed.token, pid: Number(parsed.pid) };
  } catch {
    return undefined;
  }
}

/**
 * Runs `command` in the service running on `dir`, if one answers: its exit code, its output
 * written to `io`. 'not-running' when there is no admin.json or nobody listens on it any more (a
 * service that stopped without cleaning up): the caller then opens the database itself.
 */
export async function runInService(
  dir: string,
  command: string,
  args: CommandArgs,
  io: CommandIo,
): Promise<number | 'not-running'> {
  const admin = await readAdminFile(dir);
  if (!admin) return 'not-running';
  const payload = Buffer.from(
    JSON.stringify({ command, values: args.values, positionals: args.positionals }),
  );
  let answer: { status: number; text: string };
  try {
    answer = await new Promise((resolve, reject) => {
      const req = request(
        `${admin.url}/command`,
        {
          method: 'POST',
          timeout: 60_000,
          headers: {
            authorization: `Bearer ${admin.token}`,
            'content-type': 'application/json',
            'content-length': String(payload.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('the service did not answer within 60 s')));
      req.on('error', reject);
      req.end(payload);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return 'not-running';
    io.stderr.write(`the running service did not answer: ${(error as Error).message}\n`);
    return 1;
  }
  let body: { code?: unknown; stdout?: unknown; stderr?: unknown; error?: unknown };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    body = {};
  }
  if (answer.status !== 200 || typeof body.code !== 'number') {
    io.stderr.write(
      `the running service refused the command (${answer.status}${typeof body.error === 'string' ? `: ${body.error}` : ''})\n`,
    );
    return 1;
  }
  if (typeof body.stdout === 'string') io.stdout.write(body.stdout);
  if (typeof body.stderr === 'string') io.stderr.write(body.stderr);
  return body.code;
}
