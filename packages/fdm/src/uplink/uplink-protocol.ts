import { err, ok, type Result } from '@gks/core';

/**
 * The wire protocol between an FDM and a bridge (BII) over one TLS connection that the FDM
 * opens (it sits behind the restaurant's NAT). Every message is a frame:
 *
 *   u32 BE  length N of what follows (type, id, payload)
 *   u8      frame type
 *   u32 BE  request id (0 for frames that belong to no request)
 *   N-5     payload
 *
 * Requests and answers carry an id so that several requests can be in flight on one link and
 * answers can come back in any order. Documented in packages/bii/README.md.
 */
export const frameTypes = {
  /** FDM -> bridge, first frame: JSON {protocol, fdmId}. */
  hello: 0x01,
  /** bridge -> FDM: JSON {nodeId, heartbeatMs}; the link is attached. */
  welcome: 0x02,
  /** bridge -> FDM: JSON {reason}; the bridge closes the link. */
  refuse: 0x03,
  /** bridge -> FDM: a POS request (meta JSON + body bytes). */
  request: 0x10,
  /** FDM -> bridge: the FDM's HTTP answer (meta JSON + body bytes). */
  answer: 0x11,
  /** FDM -> bridge: the FDM cut this answer off (fault injection: a lost answer). */
  drop: 0x12,
  ping: 0x20,
  pong: 0x21,
} as const;

export type FrameType = (typeof frameTypes)[keyof typeof frameTypes];
const knownTypes: ReadonlySet<number> = new Set(Object.values(frameTypes));

export const uplinkProtocolVersion = 1;
const headerBytes = 9;
/** A request body is at most 1 MiB at the bridge, an answer a few KiB; 17 MiB leaves room for both. */
export const maxFrameBytes = 17 * 1024 * 1024;

export interface Frame {
  readonly type: FrameType;
  readonly id: number;
  readonly payload: Buffer;
}

export function encodeFrame(type: FrameType, id: number, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) throw new RangeError(`bad frame id ${id}`);
  if (payload.length + headerBytes > maxFrameBytes) throw new RangeError('frame payload too large');
  const frame = Buffer.allocUnsafe(headerBytes + payload.length);
  frame.writeUInt32BE(payload.length + 5, 0);
  frame.writeUInt8(type, 4);
  frame.writeUInt32BE(id, 5);
  frame.set(payload, headerBytes);
  return frame;
}

/**
 * Cuts a byte stream into frames. A length of less than 5, beyond maxFrameBytes, or an unknown
 * type is a protocol violation: the stream cannot be trusted any further and the link is closed.
 */
export class FrameReader {
  #buffer: Buffer = Buffer.alloc(0);
  #broken = false;

  push(chunk: Buffer): Result<Frame[], string> {
    if (this.#broken) return err('stream already broken');
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: Frame[] = [];
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32BE(0);
      if (length < 5 || length + 4 > maxFrameBytes) {
        this.#broken = true;
        return err(`bad frame length ${length}`);
      }
      if (this.#buffer.length < length + 4) break;
      const type = this.#buffer.readUInt8(4);
      if (!knownTypes.has(type)) {
        this.#broken = true;
        return err(`unknown frame type 0x${type.toString(16)}`);
      }
      frames.push({
        type: type as FrameType,
        id: this.#buffer.readUInt32BE(5),
        payload: Buffer.from(this.#buffer.subarray(headerBytes, length + 4)),
      });
      this.#buffer = this.#buffer.subarray(length + 4);
    }
    return ok(frames);
  }

  /** Bytes received that do not yet make a whole frame. */
  get pending(): number {
    return this.#buffer.length;
  }
}

/** Request and answer payloads: u16 BE length of a JSON meta object, the meta, then the body bytes. */
export function encodeWithMeta(meta: Record<string, unknown>, body: Uint8Array): Buffer {
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  if (metaBytes.length > 0xffff) throw new RangeError('frame meta too large');
  const out = Buffer.allocUnsafe(2 + metaBytes.length + body.length);
  out.writeUInt16BE(metaBytes.length, 0);
  metaBytes.copy(out, 2);
  out.set(body, 2 + metaBytes.length);
  return out;
}

export function decodeWithMeta(
  payload: Buffer,
): Result<{ meta: Record<string, unknown>; body: Buffer }, string> {
  if (payload.length < 2) return err('payload shorter than its meta length');
  const metaLength = payload.readUInt16BE(0);
  if (payload.length < 2 + metaLength) return err('payload shorter than its meta');
  let meta: unknown;
  try {
    meta = JSON.parse(payload.subarray(2, 2 + metaLength).toString('utf8'));
  } catch {
    return err('meta is not JSON');
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return err('meta is not an object');
  return ok({ meta: meta as Record<string, unknown>, body: payload.subarray(2 + metaLength) });
}

/** What the bridge forwards of a POS request: the headers GraphQL-over-HTTP needs and the body bytes. */
export interface UplinkRequest {
  readonly contentType?: string;
  readonly accept?: string;
  readonly acceptLanguage?: string;
  readonly body: Buffer;
}

export interface UplinkAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export function encodeRequest(request: UplinkRequest): Buffer {
  const meta: Record<string, string> = {};
  if (request.contentType !== undefined) meta['contentType'] = request.contentType;
  if (request.accept !== undefined) meta['accept'] = request.accept;
  if (request.acceptLanguage !== undefined) meta['acceptLanguage'] = request.acceptLanguage;
  return encodeWithMeta(meta, request.body);
}

export function decodeRequest(payload: Buffer): Result<UplinkRequest, string> {
  const decoded = decodeWithMeta(payload);
  if (!decoded.ok) return decoded;
  const { meta, body } = decoded.value;
  const text = (name: string): string | undefined | null => {
    const value = meta[name];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? value : null;
  };
  const contentType = text('contentType');
  const accept = text('accept');
  const acceptLanguage = text('acceptLanguage');
  if (contentType === null || accept === null || acceptLanguage === null)
    return err('request meta fields must be strings');
  return ok({
    body,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(accept !== undefined ? { accept } : {}),
    ...(acceptLanguage !== undefined ? { acceptLanguage } : {}),
  });
}

export function encodeAnswer(answer: UplinkAnswer): Buffer {
  return encodeWithMeta({ status: answer.status, contentType: answer.contentType }, answer.body);
}

export function decodeAnswer(payload: Buffer): Result<UplinkAnswer, string> {
  const decoded = decodeWithMeta(payload);
  if (!decoded.ok) return decoded;
  const { meta, body } = decoded.value;
  const status = meta['status'];
  const contentType = meta['contentType'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return err('answer status must be an HTTP status');
  if (typeof contentType !== 'string') return err('answer contentType must be a string');
  return ok({ status, contentType, body });
}

/** JSON payloads of the control frames (hello, welcome, refuse). */
export function encodeJson(value: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function decodeJson(payload: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
