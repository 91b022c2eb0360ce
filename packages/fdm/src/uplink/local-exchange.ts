import { createFastPath } from '../api/fast-path.js';
import { createFdmYoga, type FdmExchange } from '../api/fdm-yoga.js';
import { defaultLimits, type RequestLimits } from '../api/limits.js';
import type { FdmEngine } from '../engine/fdm-engine.js';
import type { UplinkAnswer, UplinkRequest } from './uplink-protocol.js';

/** The FDM's answer to a forwarded request, or 'drop' when fault injection loses it. */
export type LocalOutcome = UplinkAnswer | 'drop';

export type LocalExchange = (request: UplinkRequest) => Promise<LocalOutcome>;

/**
 * Runs a request that came through the bridge through the FDM's own GraphQL handling, in
 * process: the same yoga instance setup, fast path, limits, fault delays and lost answers as a
 * POST /graphql on the FDM's HTTP port (server/http-transport.ts), so a POS sees the same FDM
 * whichever way it comes in.
 */
export function createLocalExchange(engine: FdmEngine, limits: RequestLimits = defaultLimits): LocalExchange {
  const yoga = createFdmYoga(engine, limits);
  const fastPath = createFastPath(yoga);
  return async (request) => {
    if (request.body.length > limits.maxBodyBytes) {
      return finish(engine, { dropConnection: false, extraErrors: [] }, tooLarge(limits.maxBodyBytes));
    }
    const exchange: FdmExchange = { dropConnection: false, extraErrors: [] };
    const text = request.body.toString('utf8');
    const fast = await fastPath(text, request.contentType, request.accept, request.acceptLanguage, exchange);
    if (fast) {
      return finish(engine, exchange, {
        status: fast.status,
        contentType: 'application/json; charset=utf-8',
        body: Buffer.from(fast.body),
      });
    }
    const headers = new Headers();
    if (request.contentType !== undefined) headers.set('content-type', request.contentType);
    if (request.accept !== undefined) headers.set('accept', request.accept);
    if (request.acceptLanguage !== undefined) headers.set('accept-language', request.acceptLanguage);
    const response = await yoga.fetch(
      'http://fdm/graphql',
      { method: 'POST', headers, body: text },
      { exchange },
    );
    return finish(engine, exchange, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json; charset=utf-8',
      body: Buffer.from(await response.arrayBuffer()),
    });
  };
}

async function finish(engine: FdmEngine, exchange: FdmExchange, answer: UplinkAnswer): Promise<LocalOutcome> {
  await engine.faults.delay();
  return exchange.dropConnection ? 'drop' : answer;
}

function tooLarge(max: number): UplinkAnswer {
  const body = JSON.stringify({
    errors: [
      {
        message: `Request body is larger than the FDM accepts (${max} bytes).`,
        extensions: {
          code: 'INVALID_REQUEST',
          category: 'FDM',
          data: [{ name: 'SUBCODE', value: 'REQUEST_TOO_LARGE' }],
          showPos: 'MANDATORY',
        },
      },
    ],
  });
  return { status: 413, contentType: 'application/json; charset=utf-8', body: Buffer.from(body) };
}
