/** The bridge's own answers (addendum 1, 3.3; A-11). Everything else is the FDM's answer, unchanged. */
export const biiErrorCodes = [
  'INTERNAL_FDM_BII_SERVER_ERROR',
  'FDM_BII_NOT_ALLOWED',
  'FDM_NOT_OPERATIONAL',
  'FDM_NOT_CONNECTED',
  'TIMEOUT',
] as const;

export type BiiErrorCode = (typeof biiErrorCodes)[number];

export interface BiiRefusal {
  readonly code: BiiErrorCode;
  /** Says what was wrong with the request, never what it contained. */
  readonly message: string;
}

/**
 * A GraphQL error answer, as a POS expects it from an FDM: HTTP 200 (413 for an oversized
 * body), `data: null`, one error with `extensions.code`.
 */
export function refusalBody(refusal: BiiRefusal): Buffer {
  return Buffer.from(
    JSON.stringify({
      data: null,
      errors: [
        {
          message: refusal.message,
          extensions: { code: refusal.code, category: 'BII', showPos: 'MANDATORY' },
        },
      ],
    }),
  );
}

export const refusal = (code: BiiErrorCode, message: string): BiiRefusal => ({ code, message });
