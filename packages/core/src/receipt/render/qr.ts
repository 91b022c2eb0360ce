import { encode } from 'uqr';

/** The QR modules of `data` (true = dark), error correction M, without the quiet zone. */
export function qrMatrix(data: string): boolean[][] {
  return encode(data, { ecc: 'M', border: 0 }).data;
}

/**
 * An SVG of the QR: one path of unit squares on a `size + 8` grid (4 modules of quiet zone each
 * side, as ISO/IEC 18004 asks), scaling to any size without blur.
 */
export function qrSvg(data: string, title: string): string {
  const matrix = qrMatrix(data);
  const quiet = 4;
  const side = matrix.length + 2 * quiet;
  let path = '';
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="160" height="160" ` +
    `shape-rendering="crispEdges" role="img"><title>${title}</title>` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
