import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAnswer,
  decodeRequest,
  encodeAnswer,
  encodeFrame,
  encodeRequest,
  FrameReader,
  frameTypes,
  maxFrameBytes,
  type FrameType,
} from './uplink-protocol.js';

const types = Object.values(frameTypes) as FrameType[];

describe('uplink frames', () => {
  it('come out of the reader as they went in, however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom(...types),
            id: fc.integer({ min: 0, max: 0xffffffff }),
            payload: fc.uint8Array({ maxLength: 300 }),
          }),
          { maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (frames, cuts) => {
          const stream = Buffer.concat(frames.map((f) => encodeFrame(f.type, f.id, f.payload)));
          const reader = new FrameReader();
          const out: { type: number; id: number; payload: Buffer }[] = [];
          let offset = 0;
          let i = 0;
          while (offset < stream.length) {
            const size = cuts[i++ % cuts.length] as number;
            const read = reader.push(stream.subarray(offset, offset + size));
            if (!read.ok) throw new Error(read.error);
            out.push(...read.value);
            offset += size;
          }
          expect(reader.pending).toBe(0);
          expect(out.map((f) => ({ type: f.type, id: f.id, payload: [...f.payload] }))).toEqual(
            frames.map((f) => ({ type: f.type, id: f.id, payload: [...f.payload] })),
          );
        },
      ),
    );
  });

  it.each([
    ['a length below the header', Buffer.from([0, 0, 0, 4, 1, 0, 0, 0])],
    ['a zero length', Buffer.from([0, 0, 0, 0])],
    ['a length beyond the limit', Buffer.from([0xff, 0xff, 0xff, 0xff])],
    ['an unknown frame type', Buffer.from([0, 0, 0, 5, 0x7f, 0, 0, 0, 1])],
  ])('refuse %s, and stay broken afterwards', (_name, bytes) => {
    const reader = new FrameReader();
    expect(reader.push(bytes).ok).toBe(false);
    expect(reader.push(encodeFrame(frameTypes.ping, 0)).ok).toBe(false);
  });

  it('refuse to encode a bad id or an oversized payload', () => {
    expect(() => encodeFrame(frameTypes.ping, -1)).toThrow(RangeError);
    expect(() => encodeFrame(frameTypes.ping, 2 ** 32)).toThrow(RangeError);
    expect(() => encodeFrame(frameTypes.request, 1, Buffer.alloc(maxFrameBytes))).toThrow(RangeError);
  });
});

describe('request and answer payloads', () => {
  it('carry the body bytes unchanged, also bytes that are not UTF-8', () => {
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x7b]);
    const request = decodeRequest(
      encodeRequest({ body, contentType: 'application/json', acceptLanguage: 'nl' }),
    );
    expect(request.ok && [...request.value.body]).toEqual([...body]);
    expect(request.ok && request.value.acceptLanguage).toBe('nl');
    expect(request.ok && 'accept' in request.value).toBe(false);
    const answer = decodeAnswer(encodeAnswer({ status: 413, contentType: 'application/json', body }));
    expect(answer.ok && answer.value.status).toBe(413);
    expect(answer.ok && [...answer.value.body]).toEqual([...body]);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['a meta length past the end', Buffer.from([0, 9, 0x7b])],
    ['meta that is not JSON', Buffer.concat([Buffer.from([0, 1]), Buffer.from('{')])],
    ['meta that is an array', Buffer.concat([Buffer.from([0, 2]), Buffer.from('[]')])],
  ])('refuse %s', (_name, payload) => {
    expect(decodeRequest(payload).ok).toBe(false);
    expect(decodeAnswer(payload).ok).toBe(false);
  });

  it('refuse answers without an HTTP status or content type, requests with non-string headers', () => {
    const meta = (m: unknown) => {
      const text = Buffer.from(JSON.stringify(m));
      return Buffer.concat([Buffer.from([0, text.length]), text]);
    };
    expect(decodeAnswer(meta({ status: 99, contentType: 'x' })).ok).toBe(false);
    expect(decodeAnswer(meta({ status: 200.5, contentType: 'x' })).ok).toBe(false);
    expect(decodeAnswer(meta({ status: 200 })).ok).toBe(false);
    expect(decodeRequest(meta({ contentType: 7 })).ok).toBe(false);
  });
});
