import type { SignMutation, SignResult } from '@gks/core';
import { signDocument } from './fod-requests.js';

export interface GraphQLErrorShape {
  message: string;
  extensions?: {
    code?: string;
    category?: string;
    data?: { name: string; value: string }[];
    showPos?: string;
  };
}

export type SignAnswer =
  { ok: true; result: SignResult } | { ok: false; status: number; errors: GraphQLErrorShape[] };

/** A bare GraphQL-over-HTTP POST, the way any POS would send it. */
export async function postGraphQL(
  url: string,
  body: unknown,
): Promise<{ status: number; data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: Record<string, unknown> | null; errors?: GraphQLErrorShape[] };
  return { status: res.status, ...json };
}

export async function signOverHttp(
  url: string,
  mutation: SignMutation,
  data: unknown,
  isTraining = false,
): Promise<SignAnswer> {
  const answer = await postGraphQL(url, { query: signDocument(mutation), variables: { data, isTraining } });
  const result = answer.data?.['signResult'];
  if (result && !answer.errors) return { ok: true, result: result as SignResult };
  return { ok: false, status: answer.status, errors: answer.errors ?? [] };
}

/** The result, or a thrown error showing what the FDM said instead: for steps that must succeed. */
export async function mustSign(
  url: string,
  mutation: SignMutation,
  data: unknown,
  isTraining = false,
): Promise<SignResult> {
  const answer = await signOverHttp(url, mutation, data, isTraining);
  if (!answer.ok) throw new Error(`${mutation} refused: ${JSON.stringify(answer.errors)}`);
  return answer.result;
}
