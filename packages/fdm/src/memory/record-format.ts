import { hash } from 'node:crypto';
import { crc32c } from './crc32c.js';

/**
 * The memory file's byte layout (documented for auditors in the package README, "Event memory").
 * All integers are unsigned 32-bit big-endian.
 *
 * File header, 16 bytes: magic "GKSFDMEM", format version (1), CRC-32C of the first 12 bytes.
 * Record, 44 + L bytes:
 *   0  length L of the payload
 *   4  CRC-32C of bytes 0..3: a damaged length is told apart from a torn write at the end
 *   8  CRC-32C of bytes 12 .. 44+L (previous hash and payload)
 *  12  SHA-256 of the previous record's 44 + L bytes (32 zero bytes for the first record)
 *  44  payload: canonical JSON (UTF-8) of the stored event
 * A record's hash is the SHA-256 of all its bytes.
 */
export const FILE_MAGIC = Buffer.from('GKSFDMEM', 'ascii');
export const FORMAT_VERSION = 1;
export const FILE_HEADER_BYTES = 16;
export const RECORD_HEADER_BYTES = 44;
/** A stored event is a few kB; anything this large is a corrupt length, not an event. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const ZERO_HASH_BYTES = Buffer.alloc(32);

export function fileHeader(): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  FILE_MAGIC.copy(header, 0);
  header.writeUInt32BE(FORMAT_VERSION, 8);
  header.writeUInt32BE(crc32c(header.subarray(0, 12)), 12);
  return header;
}

/** Undefined when the header is good, else why not. */
export function checkFileHeader(header: Buffer): string | undefined {
  if (header.length < FILE_HEADER_BYTES) return 'file header is incomplete';
  if (!header.subarray(0, 8).equals(FILE_MAGIC)) return 'not an FDM memory file (bad magic)';
  if (header.readUInt32BE(12) !== crc32c(header.subarray(0, 12))) return 'file header checksum mismatch';
  const version = header.readUInt32BE(8);
  if (version !== FORMAT_VERSION) return `unsupported memory format version ${version}`;
  return undefined;
}

export function encodeRecord(prevHash: Buffer, payload: Buffer): { bytes: Buffer; hash: Buffer } {
  if (prevHash.length !== 32) throw new RangeError('prevHash must be 32 bytes');
  if (payload.length > MAX_PAYLOAD_BYTES) throw new RangeError('event payload too large');
  const bytes = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  bytes.writeUInt32BE(payload.length, 0);
  bytes.writeUInt32BE(crc32c(bytes.subarray(0, 4)), 4);
  prevHash.copy(bytes, 12);
  payload.copy(bytes, RECORD_HEADER_BYTES);
  bytes.writeUInt32BE(crc32c(bytes.subarray(12)), 8);
  return { bytes, hash: sha256(bytes) };
}

// The one-shot form: no Hash object per record, which matters when a memory opens.
export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}
