import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../testing/capture-printer.js';
import { rawTcpPrinter } from './network-printer.js';
import { startVirtualPrinter } from './virtual-printer.js';

const job = (text: string) =>
  Uint8Array.from([
    0x1b,
    0x40,
    0x1b,
    0x45,
    1,
    ...new TextEncoder().encode(text),
    0x1b,
    0x45,
    0,
    0x0a,
    0x1d,
    0x56,
    0x42,
    0,
  ]);

describe('network printing over raw TCP, and the virtual printer', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gks-virtual-printer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each job as NNNN.bin (the bytes) and NNNN.txt (the text), numbering on after a restart', async () => {
    const printer = rawTcpPrinter();
    let virtual = await startVirtualPrinter({ outDir: dir, port: 0 });
    try {
      const first = job('Table 4: 2 x soup');
      expect(await printer.print({ host: '127.0.0.1', port: virtual.port }, first)).toEqual({
        ok: true,
        value: { bytes: first.length },
      });
      await printer.print({ host: '127.0.0.1', port: virtual.port }, job('second'));
      await vi.waitFor(() => expect(virtual.jobs).toBe(2), { timeout: 5000, interval: 20 });
      expect(Buffer.from(await readFile(join(dir, '0001.bin'))).equals(Buffer.from(first))).toBe(true);
      expect(await readFile(join(dir, '0001.txt'), 'utf8')).toBe('Table 4: 2 x soup\n');
      expect(await readFile(join(dir, '0002.txt'), 'utf8')).toBe('second\n');
      // a connection that sends nothing is no job
      await new Promise<void>((resolve) => {
        const socket = connect(virtual.port, '127.0.0.1', () => socket.end());
        socket.on('close', () => resolve());
      });
    } finally {
      await virtual.stop();
    }
    virtual = await startVirtualPrinter({ outDir: dir, port: 0 });
    try {
      await printer.print({ host: '127.0.0.1', port: virtual.port }, job('after restart'));
      await vi.waitFor(() => expect(virtual.jobs).toBe(1), { timeout: 5000, interval: 20 });
      expect((await readdir(dir)).sort()).toEqual([
        '0001.bin',
        '0001.txt',
        '0002.bin',
        '0002.txt',
        '0003.bin',
        '0003.txt',
      ]);
      expect(await readFile(join(dir, '0003.txt'), 'utf8')).toBe('after restart\n');
    } finally {
      await virtual.stop();
    }
  });

  it('a refused connection or an address that does not answer is PRINTER_UNREACHABLE, naming host:port', async () => {
    const port = await closedPort();
    const refused = await rawTcpPrinter().print({ host: '127.0.0.1', port }, job('x'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE' } });
    expect(!refused.ok && refused.error.message).toContain(`127.0.0.1:${port}`);
    // a printer that accepts the connection but takes no bytes (out of paper): the write times out
    const stuck = createServer((socket) => socket.pause());
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', () => resolve()));
    const stuckPort = (stuck.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const big = new Uint8Array(64 * 1024 * 1024);
      const silent = await rawTcpPrinter({ writeTimeoutMs: 200 }).print(
        { host: '127.0.0.1', port: stuckPort },
        big,
      );
      expect(silent).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE' } });
      expect(!silent.ok && silent.error.message).toContain(`127.0.0.1:${stuckPort} did not take the job`);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      stuck.close();
    }
    // an unknown host name
    const unknown = await rawTcpPrinter({ connectTimeoutMs: 2000 }).print(
      { host: 'no-such-printer.invalid', port: 9100 },
      job('x'),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE' } });
  });
});
