import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@gks/core';
import type { TransportFailure } from '../errors/fdm-error.js';
import type { StubFdmServer, StubReply, StubTls } from '../testing/stub-fdm-server.js';
import { startStubFdm } from '../testing/stub-fdm-server.js';
import type { TestPki } from '../testing/test-pki.js';
import { createTestPki } from '../testing/test-pki.js';
import { FdmClient } from '../client/fdm-client.js';
import { sampleSale, signAnswer } from '../testing/sample-data.js';
import type { BridgeEndUser, FdmTransport, HttpAnswer, TransportConfig } from './http-transport.js';
import { createTransport } from './http-transport.js';

const body = Buffer.from(
  '{"query":"query Device { device { id } }","variables":{},"operationName":"Device"}',
);
const okReply: StubReply = { kind: 'json', body: { data: { device: { id: 'FOD01000001' } } } };

let server: StubFdmServer | undefined;
let transport: FdmTransport | undefined;

const serve = async (
  reply: StubReply | ((index: number) => StubReply),
  tls?: StubTls,
): Promise<StubFdmServer> => {
  server = await startStubFdm((_r, i) => (typeof reply === 'function' ? reply(i) : reply), tls);
  return server;
};

const connect = (config: TransportConfig): FdmTransport => {
  const created = createTransport(config);
  if (!created.ok) throw new Error(`test setup: ${created.error}`);
  transport = created.value;
  return transport;
};

const failureOf = (outcome: Result<HttpAnswer, TransportFailure>): TransportFailure => {
  if (outcome.ok) throw new Error(`expected a failure, got HTTP ${outcome.value.status}`);
  return outcome.error;
};

afterEach(async () => {
  transport?.close();
  transport = undefined;
  await server?.close();
  server = undefined;
});

describe('createTransport configuration', () => {
  it.each<[string, TransportConfig]>([
    ['a base that is not a URL', { kind: 'lan', baseUrl: '192.168.1.20' }],
    ['an ftp base', { kind: 'lan', baseUrl: 'ftp://192.168.1.20' }],
    ['a base with a query', { kind: 'lan', baseUrl: 'http://192.168.1.20/?x=1' }],
    ['a bridge over plain http', { kind: 'bridge', baseUrl: 'http://bii.example', fdmId: 'FOD01000001' }],
    ['a bridge without fdmId', { kind: 'bridge', baseUrl: 'https://bii.example', fdmId: ' ' }],
    [
      'an fdmId with a line break',
      { kind: 'bridge', baseUrl: 'https://bii.example', fdmId: 'FOD01000001\r\nX: y' },
    ],
    ['an empty bearer token', { kind: 'lan', baseUrl: 'https://fdm.local', bearerToken: '' }],
    ['a bearer token with a line break', { kind: 'lan', baseUrl: 'https://fdm.local', bearerToken: 'a\nb' }],
    ['a CA on plain http', { kind: 'lan', baseUrl: 'http://fdm.local', caPem: 'x' }],
    ['a zero timeout', { kind: 'lan', baseUrl: 'http://fdm.local', timeoutMs: 0 }],
    ['a negative timeout', { kind: 'lan', baseUrl: 'http://fdm.local', timeoutMs: -5 }],
    ['a NaN timeout', { kind: 'lan', baseUrl: 'http://fdm.local', timeoutMs: Number.NaN }],
    ['a fractional answer limit', { kind: 'lan', baseUrl: 'http://fdm.local', maxAnswerBytes: 1.5 }],
  ])('refuses %s', (_name, config) => {
    expect(createTransport(config).ok).toBe(false);
  });
});

describe('createTransport bridge end user', () => {
  const endUser: BridgeEndUser = { vatNo: 'BE0000000097', estNo: '2000000042', posId: 'CPOS0031234567' };
  const bridge = (overrides: Partial<BridgeEndUser>): TransportConfig => ({
    kind: 'bridge',
    baseUrl: 'https://bii.example',
    fdmId: 'FOD01000001',
    endUser: { ...endUser, ...overrides },
  });

  it('accepts a valid end user', () => {
    const created = createTransport(bridge({}));
    expect(created.ok).toBe(true);
    if (created.ok) created.value.close();
  });

  it.each<[string, Partial<BridgeEndUser>, string]>([
    ['an empty vatNo', { vatNo: '' }, 'endUser.vatNo'],
    ['a vatNo with a wrong check digit', { vatNo: 'BE0000000098' }, 'endUser.vatNo'],
    ['a vatNo in lower case', { vatNo: 'be0000000097' }, 'endUser.vatNo'],
    ['a vatNo with separators', { vatNo: 'BE 0000.000.097' }, 'endUser.vatNo'],
    ['a vatNo with a header injection', { vatNo: 'BE0000000097\r\nX: y' }, 'endUser.vatNo'],
    ['an estNo with a wrong checksum', { estNo: '2000000043' }, 'endUser.estNo'],
    ['an estNo starting with 1', { estNo: '1000000042' }, 'endUser.estNo'],
    ['an estNo with padding', { estNo: ' 2000000042' }, 'endUser.estNo'],
    ['a posId that is too short', { posId: 'CPOS003123456' }, 'endUser.posId'],
    ['a posId of a production number (B)', { posId: 'BPOS0031234567' }, 'endUser.posId'],
    ['a posId with a line break', { posId: 'CPOS0031234567\n' }, 'endUser.posId'],
  ])('refuses %s as a configuration error naming the field', (_name, overrides, field) => {
    const created = createTransport(bridge(overrides));
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.error).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
  });
});

describe('HTTP transport', () => {
  it('POSTs the bytes as JSON to {base}/graphql with the given headers', async () => {
    const stub = await serve(okReply);
    const answer = await connect({ kind: 'lan', baseUrl: stub.baseUrl }).post(body, {
      'Accept-Language': 'fr',
    });
    expect(answer).toMatchObject({ ok: true, value: { status: 200, contentType: 'application/json' } });
    const [request] = stub.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/graphql');
    expect(request?.body.equals(body)).toBe(true);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept-language']).toBe('fr');
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.headers['fdmid']).toBeUndefined();
  });

  it.each([
    ['/fdm', '/fdm/graphql'],
    ['/fdm/', '/fdm/graphql'],
    ['/fdm/graphql', '/fdm/graphql'],
  ])('appends /graphql to a base path %s once', async (path, expected) => {
    const stub = await serve(okReply);
    await connect({ kind: 'lan', baseUrl: `${stub.baseUrl}${path}` }).post(body, {});
    expect(stub.requests[0]?.url).toBe(expected);
  });

  it('sends the bearer token', async () => {
    const stub = await serve(okReply);
    await connect({ kind: 'lan', baseUrl: stub.baseUrl, bearerToken: 'tok-123' }).post(body, {});
    expect(stub.requests[0]?.headers['authorization']).toBe('Bearer tok-123');
  });

  it('reuses the connection between requests (keep-alive)', async () => {
    const stub = await serve(okReply);
    const t = connect({ kind: 'lan', baseUrl: stub.baseUrl });
    await t.post(body, {});
    await t.post(body, {});
    const [first, second] = stub.requests;
    expect(first?.remotePort).toBeDefined();
    expect(second?.remotePort).toBe(first?.remotePort);
  });

  it('times out at the configured limit when the FDM never answers', async () => {
    await serve({ kind: 'hang' });
    const started = performance.now();
    const failure = failureOf(
      await connect({ kind: 'lan', baseUrl: server?.baseUrl ?? '', timeoutMs: 150 }).post(body, {}),
    );
    const elapsed = performance.now() - started;
    expect(failure).toMatchObject({ reason: 'TIMEOUT', retryable: true });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(3000);
  });

  it('times out on the whole request, even while bytes keep trickling in', async () => {
    const stub = await serve({ kind: 'trickle', everyMs: 20 });
    const failure = failureOf(
      await connect({ kind: 'lan', baseUrl: stub.baseUrl, timeoutMs: 200 }).post(body, {}),
    );
    expect(failure.reason).toBe('TIMEOUT');
  });

  it('reports a connection dropped after the request was read as a retryable CONNECTION failure', async () => {
    const stub = await serve({ kind: 'drop' });
    const failure = failureOf(await connect({ kind: 'lan', baseUrl: stub.baseUrl }).post(body, {}));
    expect(failure).toMatchObject({ reason: 'CONNECTION', retryable: true });
    expect(stub.requests).toHaveLength(1);
  });

  it('reports an answer cut off halfway as a retryable CONNECTION failure', async () => {
    const stub = await serve({ kind: 'truncate' });
    const failure = failureOf(await connect({ kind: 'lan', baseUrl: stub.baseUrl }).post(body, {}));
    expect(failure).toMatchObject({ reason: 'CONNECTION', retryable: true });
  });

  it('reports a refused connection as a retryable CONNECTION failure', async () => {
    const stub = await serve(okReply);
    const baseUrl = stub.baseUrl;
    await stub.close();
    server = undefined;
    const failure = failureOf(await connect({ kind: 'lan', baseUrl }).post(body, {}));
    expect(failure).toMatchObject({ reason: 'CONNECTION', retryable: true, errorCode: 'ECONNREFUSED' });
  });

  it('passes any HTTP status through for the client to read', async () => {
    const stub = await serve({
      kind: 'raw',
      status: 502,
      contentType: 'text/html',
      body: '<h1>Bad Gateway</h1>',
    });
    const answer = await connect({ kind: 'lan', baseUrl: stub.baseUrl }).post(body, {});
    expect(answer.ok && answer.value.status).toBe(502);
    expect(answer.ok && answer.value.body.toString()).toBe('<h1>Bad Gateway</h1>');
  });

  it('cuts off an answer longer than the limit', async () => {
    const stub = await serve({
      kind: 'raw',
      status: 200,
      contentType: 'application/json',
      body: 'x'.repeat(5000),
    });
    const failure = failureOf(
      await connect({ kind: 'lan', baseUrl: stub.baseUrl, maxAnswerBytes: 1000 }).post(body, {}),
    );
    expect(failure).toMatchObject({ reason: 'BAD_RESPONSE', retryable: false });
  });
});

describe('HTTPS transport', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await createTestPki();
  });

  const tlsServer = (): StubTls => ({ ...pki.server });

  it('trusts a server certificate issued by the configured CA', async () => {
    const stub = await serve(okReply, tlsServer());
    const answer = await connect({ kind: 'lan', baseUrl: stub.baseUrl, caPem: pki.caPem }).post(body, {});
    expect(answer).toMatchObject({ ok: true, value: { status: 200 } });
  });

  it('refuses the server without the CA, and does not call that retryable', async () => {
    const stub = await serve(okReply, tlsServer());
    const failure = failureOf(await connect({ kind: 'lan', baseUrl: stub.baseUrl }).post(body, {}));
    expect(failure).toMatchObject({ reason: 'CONNECTION', retryable: false });
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses the server when only an unrelated CA is trusted', async () => {
    const stub = await serve(okReply, tlsServer());
    const failure = failureOf(
      await connect({ kind: 'lan', baseUrl: stub.baseUrl, caPem: [pki.strangerCaPem] }).post(body, {}),
    );
    expect(failure).toMatchObject({ reason: 'CONNECTION', retryable: false });
    expect(stub.requests).toHaveLength(0);
  });

  it('checks the certificate against serverName when the device is addressed by IP', async () => {
    const stub = await serve(okReply, { ...pki.namedServer });
    const wrong = failureOf(
      await connect({ kind: 'lan', baseUrl: stub.baseUrl, caPem: pki.caPem }).post(body, {}),
    );
    expect(wrong).toMatchObject({
      reason: 'CONNECTION',
      retryable: false,
      errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    transport?.close();
    const right = await connect({
      kind: 'lan',
      baseUrl: stub.baseUrl,
      caPem: pki.caPem,
      serverName: 'fdm.local',
    }).post(body, {});
    expect(right.ok).toBe(true);
    transport?.close();
    const other = await connect({
      kind: 'lan',
      baseUrl: stub.baseUrl,
      caPem: pki.caPem,
      serverName: 'other.local',
    }).post(body, {});
    expect(other.ok).toBe(false);
  });

  it('presents the client certificate to an FDM that requires one (mutual TLS)', async () => {
    const stub = await serve(okReply, { ...tlsServer(), clientCaPem: pki.caPem });
    const answer = await connect({
      kind: 'lan',
      baseUrl: stub.baseUrl,
      caPem: pki.caPem,
      clientCertificate: pki.client,
      bearerToken: 'module2-token',
    }).post(body, {});
    expect(answer.ok).toBe(true);
    expect(stub.requests[0]?.clientCertificateCn).toBe('CPOS0031234567');
    expect(stub.requests[0]?.headers['authorization']).toBe('Bearer module2-token');
  });

  it('fails without a client certificate when the FDM requires one', async () => {
    const stub = await serve(okReply, { ...tlsServer(), clientCaPem: pki.caPem });
    const failure = failureOf(
      await connect({ kind: 'lan', baseUrl: stub.baseUrl, caPem: pki.caPem }).post(body, {}),
    );
    expect(failure.reason).toBe('CONNECTION');
    expect(stub.requests).toHaveLength(0);
  });

  it('reaches an FDM through a bridge with the fdmId header over TLS (A-8, A-9)', async () => {
    const stub = await serve(okReply, tlsServer());
    const answer = await connect({
      kind: 'bridge',
      baseUrl: `${stub.baseUrl}/bii`,
      fdmId: 'FOD01000001',
      caPem: pki.caPem,
      bearerToken: 'bii-token',
    }).post(body, {});
    expect(answer.ok).toBe(true);
    const [request] = stub.requests;
    expect(request?.url).toBe('/bii/graphql');
    expect(request?.headers['fdmid']).toBe('FOD01000001');
    expect(request?.headers['authorization']).toBe('Bearer bii-token');
    expect(request?.body.equals(body)).toBe(true);
  });

  it('names the end user in the vatNo, estNo and posId headers on status, device and mutations (A-10)', async () => {
    const device = {
      id: 'FOD01000001',
      fdmId: 'FOD01000001',
      fdmSwVersion: '1.0.0',
      fdmDateTime: '2025-06-12T12:00:00Z',
      bufferCapacityUsed: 0,
    };
    const status: StubReply = {
      kind: 'json',
      body: {
        data: { status: { device, initialized: true, informations: null, warnings: null, errors: null } },
      },
    };
    const replies: Record<string, StubReply> = {
      Status: status,
      StatusInLanguage: status,
      Device: { kind: 'json', body: { data: { device } } },
      SignSale: { kind: 'json', body: signAnswer('signSale') },
    };
    server = await startStubFdm((request) => {
      const { operationName } = JSON.parse(request.body.toString()) as { operationName: string };
      return replies[operationName] ?? { kind: 'raw', status: 400, contentType: 'text/plain', body: 'no' };
    }, tlsServer());
    const endUser = { vatNo: 'BE0000000097', estNo: '2000000042', posId: 'CPOS0031234568' };
    const fdm = new FdmClient({
      transport: connect({
        kind: 'bridge',
        baseUrl: server.baseUrl,
        fdmId: 'FOD01000001',
        caPem: pki.caPem,
        endUser,
      }),
      resend: { maxResends: 0, delaysMs: [0] },
    });
    expect((await fdm.status()).ok).toBe(true);
    expect((await fdm.status('FR')).ok).toBe(true);
    expect((await fdm.device()).ok).toBe(true);
    expect((await fdm.signSale(sampleSale, { isTraining: false })).ok).toBe(true);
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(request.headers).toMatchObject({
        fdmid: 'FOD01000001',
        vatno: endUser.vatNo,
        estno: endUser.estNo,
        posid: endUser.posId,
      });
    }
  });

  it('sends no end-user headers when none is configured', async () => {
    const stub = await serve(okReply, tlsServer());
    await connect({ kind: 'bridge', baseUrl: stub.baseUrl, fdmId: 'FOD01000001', caPem: pki.caPem }).post(
      body,
      {},
    );
    const headers = stub.requests[0]?.headers ?? {};
    expect(headers['fdmid']).toBe('FOD01000001');
    expect([headers['vatno'], headers['estno'], headers['posid']]).toEqual([undefined, undefined, undefined]);
  });
});
