/**
 * Test support: run one suite against every storage backend (embedded PGlite and a real
 * PostgreSQL server), for the test suites of every package that stores data.
 *
 * PostgreSQL comes from TEST_DATABASE_URL when set (a role allowed to CREATE DATABASE);
 * otherwise a throwaway cluster is started from the installed server binaries on 127.0.0.1
 * and a free port, as the `postgres` system user when we run as root. Without either, the
 * PostgreSQL half is skipped with a notice, except under CI=true where it fails.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseLocation } from '../open-database.js';

export type BackendKind = 'pglite' | 'postgres';

export interface TestBackend {
  readonly kind: BackendKind;
  /** A new, empty database: a PGlite data directory or a PostgreSQL database. Removed after the suite. */
  fresh(): Promise<DatabaseLocation>;
}

/**
 * One database for a group of tests that leave it as they found it (refusal tests): opened by
 * `open` and prepared by `setUp` on first use, closed after the group. Call it inside a describe block.
 */
export function sharedDatabase<D extends { close(): Promise<void> }>(
  backend: TestBackend,
  open: (location: DatabaseLocation) => Promise<D>,
  setUp: (database: D) => Promise<void> = async () => undefined,
): () => Promise<D> {
  let opened: Promise<D> | null = null;
  afterAll(async () => {
    if (opened) await (await opened).close();
  });
  return () =>
    (opened ??= (async () => {
      const database = await open(await backend.fresh());
      await setUp(database);
      return database;
    })());
}

export function describeEachBackend(name: string, suite: (backend: TestBackend) => void): void {
  describe(`${name} [pglite]`, () => {
    const backend = new PGliteTestBackend();
    afterAll(() => backend.cleanUp());
    suite(backend);
  });

  const source = postgresSource(process.env, findServerBinaries());
  if (source.kind === 'fail') {
    describe(`${name} [postgres]`, () => {
      it('needs a PostgreSQL server', () => {
        throw new Error(source.reason);
      });
    });
    return;
  }
  if (source.kind === 'skip') {
    console.warn(`NOTICE: skipping "${name}" on PostgreSQL: ${source.reason}`);
    describe.skip(`${name} [postgres] (skipped: ${source.reason})`, () => undefined);
    return;
  }
  describe(`${name} [postgres]`, () => {
    const backend = new PostgresTestBackend(source);
    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    suite(backend);
  });
}

/** Fresh PGlite data directories, copied from a template; `cleanUp()` removes them. */
export class PGliteTestBackend implements TestBackend {
  readonly kind = 'pglite';
  readonly #dirs: string[] = [];

  async fresh(): Promise<DatabaseLocation> {
    const template = await pgliteTemplate();
    const dir = mkdtempSync(join(tmpdir(), 'gks-pglite-'));
    this.#dirs.push(dir);
    const dataDir = join(dir, 'data');
    cpSync(template, dataDir, { recursive: true });
    return { dataDir };
  }

  cleanUp(): void {
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

let template: Promise<string> | null = null;

/**
 * A freshly initialised, empty PGlite data directory, shared by test files and runs: PGlite's
 * initdb takes seconds under WASM, copying its result takes milliseconds.
 */
export function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const manifest = join(
      dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
      '..',
      'package.json',
    );
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    const path = join(tmpdir(), `gks-pglite-template-${process.getuid?.() ?? 'user'}-${version}`);
    if (existsSync(join(path, 'PG_VERSION'))) return path;
    const building = mkdtempSync(`${path}-building-`);
    const pglite = await PGlite.create({ dataDir: join(building, 'data') });
    await pglite.close();
    try {
      renameSync(join(building, 'data'), path);
    } catch {
      // another test worker got there first; its template is as good as ours
    }
    rmSync(building, { recursive: true, force: true });
    return path;
  })();
  return template;
}

export type PostgresSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'binaries'; readonly binDir: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

export type ServerSource = Extract<PostgresSource, { kind: 'url' | 'binaries' }>;

/** Where the PostgreSQL half of the suite gets its server from, or why it cannot run. */
export function postgresSource(env: NodeJS.ProcessEnv, binDir: string | null): PostgresSource {
  const url = env['TEST_DATABASE_URL'];
  if (url) return { kind: 'url', url };
  if (binDir) return { kind: 'binaries', binDir };
  const reason =
    'TEST_DATABASE_URL is not set and no PostgreSQL server binaries (initdb, pg_ctl) are installed';
  return env['CI'] === 'true'
    ? { kind: 'fail', reason: `CI=true but ${reason}: run .ci/postgres.sh or set TEST_DATABASE_URL` }
    : { kind: 'skip', reason };
}

/** Debian puts them in /usr/lib/postgresql/<major>/bin; take the newest, else look on PATH. */
export function findServerBinaries(): string | null {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const bin = join(debian, major, 'bin');
      if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

export class PostgresTestBackend implements TestBackend {
  readonly kind = 'postgres';
  readonly #source: ServerSource;
  #cluster: ThrowawayCluster | null = null;
  #adminUrl = '';
  readonly #databases: string[] = [];

  constructor(source: ServerSource) {
    this.#source = source;
  }

  async start(): Promise<void> {
    if (this.#source.kind === 'url') {
      this.#adminUrl = this.#source.url;
      return;
    }
    this.#cluster = await ThrowawayCluster.start(this.#source.binDir);
    this.#adminUrl = this.#cluster.url;
  }

  async fresh(): Promise<DatabaseLocation> {
    const name = `gks_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await this.#admin(`CREATE DATABASE ${name}`);
    this.#databases.push(name);
    const url = new URL(this.#adminUrl);
    url.pathname = `/${name}`;
    return { databaseUrl: url.toString() };
  }

  async stop(): Promise<void> {
    try {
      if (this.#source.kind === 'url') {
        for (const name of this.#databases.splice(0))
          await this.#admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    } finally {
      this.#cluster?.stop();
      this.#cluster = null;
    }
  }

  async #admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.#adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

/** A PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only. */
export class ThrowawayCluster {
  readonly url: string;
  readonly #binDir: string;
  readonly #dir: string;
  readonly #runAsPostgres: boolean;

  private constructor(binDir: string, dir: string, runAsPostgres: boolean, port: number) {
    this.#binDir = binDir;
    this.#dir = dir;
    this.#runAsPostgres = runAsPostgres;
    this.url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  }

  static async start(binDir: string): Promise<ThrowawayCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'gks-pg-'));
    // PostgreSQL refuses to run as root: hand the directory to the postgres system user.
    const runAsPostgres = process.getuid?.() === 0;
    if (runAsPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const port = await freePort();
    const cluster = new ThrowawayCluster(binDir, dir, runAsPostgres, port);
    try {
      cluster.#run('initdb', [
        '-D',
        cluster.#dataDir,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      const settings = [
        "-c listen_addresses='127.0.0.1'",
        `-c port=${port}`,
        `-c unix_socket_directories='${dir}'`,
        '-c max_connections=200',
        '-c fsync=off', // a throwaway test cluster: crash safety of the server is not what we test here
      ].join(' ');
      cluster.#run('pg_ctl', [
        '-D',
        cluster.#dataDir,
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        settings,
        'start',
      ]);
    } catch (error) {
      cluster.stop();
      throw error;
    }
    return cluster;
  }

  get #dataDir(): string {
    return join(this.#dir, 'data');
  }

  stop(): void {
    try {
      if (existsSync(join(this.#dataDir, 'postmaster.pid'))) {
        this.#run('pg_ctl', ['-D', this.#dataDir, '-m', 'immediate', '-w', 'stop']);
      }
    } finally {
      rmSync(this.#dir, { recursive: true, force: true });
    }
  }

  #run(program: string, args: string[]): void {
    const binary = join(this.#binDir, program);
    const [command, commandArgs] = this.#runAsPostgres
      ? ['runuser', ['-u', 'postgres', '--', binary, ...args]]
      : [binary, args];
    execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.#dir });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
