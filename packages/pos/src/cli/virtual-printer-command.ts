import { portArg, stringArg, untilSignal, type FdmCommand } from '@gks/fdm';
import { defaultVirtualPrinterPort, startVirtualPrinter } from '../printing/virtual-printer.js';

/** `gks pos virtual-printer`: a printer that writes jobs to files, for `npm start` and demos. */
export const posVirtualPrinterCommand: FdmCommand = {
  name: 'pos virtual-printer',
  summary: 'a network printer that writes each ESC/POS job to a file (NNNN.bin and readable NNNN.txt)',
  help: `Usage: gks pos virtual-printer --out DIR [--port ${defaultVirtualPrinterPort}] [--host 127.0.0.1]

Listens for raw TCP print jobs like an ESC/POS network printer (one connection, one job) and
writes each job to DIR as NNNN.bin (the bytes received) and NNNN.txt (their text, control
sequences stripped, a QR code as "[QR] <data>"), numbered after the jobs already in DIR.
Point a printer of the register at it (upsertPrinter: host and port). Runs until SIGINT or SIGTERM.

Options:
  --out DIR     where the jobs are written (created if missing)
  --port P      port (default ${defaultVirtualPrinterPort}; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1)
`,
  options: {
    out: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run(args, io) {
    const out = stringArg(args, 'out');
    if (!out) {
      io.stderr.write(`gks pos virtual-printer: --out is required. Run 'gks pos virtual-printer --help'.\n`);
      return 2;
    }
    const port = portArg(args, 'port', defaultVirtualPrinterPort);
    if (typeof port === 'string') {
      io.stderr.write(`gks pos virtual-printer: ${port}.\n`);
      return 2;
    }
    const printer = await startVirtualPrinter({
      outDir: out,
      port,
      host: stringArg(args, 'host') ?? '127.0.0.1',
      onJob: (job) => io.stdout.write(`job ${job.number}: ${job.bytes} bytes, ${job.path}\n`),
    });
    io.stdout.write(`virtual printer ${printer.host}:${printer.port}, jobs in ${out}\n`);
    await untilSignal();
    await printer.stop();
    return 0;
  },
};
