import { languageValues, type Language } from '@gks/core';
import { GraphQLError } from 'graphql';
import type { FdmRefusal } from '../engine/fdm-engine.js';
import { message } from '../engine/messages.js';

/**
 * A refusal as the GraphQL error a POS reads: localised message, `extensions.code`, and the
 * sub-code and field path as `extensions.data` items (the shape real FDMs use).
 */
export function refusalErrors(refusal: FdmRefusal, language: Language): GraphQLError[] {
  const first = new GraphQLError(message(refusal.messageKey, language, refusal.params), {
    extensions: extensionsOf(refusal.code, refusal.subCode, refusal.field),
  });
  const more = (refusal.more ?? []).map(
    (finding) =>
      new GraphQLError(
        message('invalidRequest', language, {
          subCode: finding.subCode,
          field: finding.field,
          detail: finding.message,
        }),
        { extensions: extensionsOf(finding.code, finding.subCode, finding.field) },
      ),
  );
  return [first, ...more];
}

function extensionsOf(code: string, subCode: string | undefined, field: string | undefined) {
  const data: { name: string; value: string }[] = [];
  if (subCode !== undefined) data.push({ name: 'SUBCODE', value: subCode });
  if (field !== undefined) data.push({ name: 'FIELD', value: field });
  return { code, category: 'FDM', data, showPos: 'MANDATORY' };
}

/** The first supported language of an Accept-Language header, for errors before `language` is read. */
export function languageFromHeader(header: string | null | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().slice(0, 2).toUpperCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const found = ranked.find((x) => languageValues.includes(x.tag as Language));
  return found?.tag as Language | undefined;
}
