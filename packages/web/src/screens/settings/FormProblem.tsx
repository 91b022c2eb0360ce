import type { ApiError } from '../../api/client.js';
import { errorText } from '../../components/errors.js';
import { isMessageKey, type MessageKey } from '../../i18n/en.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import type { FieldProblem, InputProblem } from './master-data-input.js';

/** What is wrong in a settings form, and at which field (null: the form as a whole). */
export interface FormProblem {
  readonly field: string | null;
  readonly text: string;
}

const problemKey: Record<InputProblem, MessageKey> = {
  REQUIRED: 'inputRequired',
  BAD_CODE: 'inputBadCode',
  TOO_LONG: 'inputTooLong',
  BAD_HOST: 'inputBadHost',
  BAD_PORT: 'inputBadPort',
  BAD_COLUMNS: 'inputBadColumns',
  BAD_POSITION: 'inputBadPosition',
  NOT_PRINTABLE: 'inputNotPrintable',
  FOOTER_SIZE: 'inputFooterSize',
};

export const inputProblem = (t: Translate, p: FieldProblem): FormProblem => ({
  field: p.field,
  text: t(problemKey[p.problem]),
});

/** A refusal of the server; BAD_INPUT keeps its field and the server's words about it. */
export const refusal = (t: Translate, error: ApiError): FormProblem => ({
  field: error.field ?? null,
  text: error.code === 'BAD_INPUT' ? error.message : errorText(t, error),
});

/** The field names of the forms, in the user's words. */
const fieldLabel = (t: Translate, field: string): string => {
  const key = `field_${field}`;
  return isMessageKey(key) ? t(key) : field;
};

export function FormProblemLine({ problem }: { problem: FormProblem | null }) {
  const { t } = useI18n();
  if (!problem) return null;
  return (
    <p className="error" role="alert" data-testid="form-problem">
      {problem.field ? `${fieldLabel(t, problem.field)}: ` : ''}
      {problem.text}
    </p>
  );
}

/** aria-invalid for the field the problem is about. */
export const invalid = (problem: FormProblem | null, field: string): boolean | undefined =>
  problem?.field === field ? true : undefined;
