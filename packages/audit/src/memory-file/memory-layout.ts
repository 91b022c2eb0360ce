/**
 * The FDM memory file's published layout (fdm README, "Event memory"), as this reader
 * understands it. All integers are unsigned 32-bit big-endian.
 *   file header (16 bytes): "GKSFDMEM", version 1, CRC-32C of the first 12 bytes
 *   record (44 + L bytes): L, CRC-32C of bytes 0..3, CRC-32C of bytes 12..end,
 *                          SHA-256 of the previous record (zeros for the first), payload
 * The payload is the canonical JSON of { fields, request, result }.
 */
export const MAGIC = 'GKSFDMEM';
export const VERSION = 1;
export const FILE_HEADER_BYTES = 16;
export const RECORD_HEADER_BYTES = 44;
/** Larger than any event; a bigger length is corruption, not an event. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
