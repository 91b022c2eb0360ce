import type { HTMLAttributes, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { FormProblemLine, invalid, type FormProblem } from './FormProblem.js';

/** Which field a control edits: marked aria-invalid when the form's problem is about it. */
interface FieldProps {
  readonly label: string;
  readonly field?: string;
  readonly problem?: FormProblem | null;
  readonly testId?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A labelled one-line input of a settings form. */
export function TextField({
  label,
  field,
  problem,
  testId,
  value,
  onChange,
  inputMode,
  maxLength,
  placeholder,
  autoComplete,
}: FieldProps & {
  readonly inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly autoComplete?: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={value}
        inputMode={inputMode}
        maxLength={maxLength}
        autoComplete={autoComplete}
        placeholder={placeholder}
        aria-invalid={field === undefined ? undefined : invalid(problem ?? null, field)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A labelled choice of a settings form; the options are its children. */
export function SelectField({
  label,
  field,
  problem,
  testId,
  value,
  onChange,
  children,
}: FieldProps & { readonly children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={value}
        aria-invalid={field === undefined ? undefined : invalid(problem ?? null, field)}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </label>
  );
}

/** The foot of a settings form: what is wrong, the extra actions, then the submit button. */
export function FormActions({
  problem,
  submitTestId,
  submitLabel,
  children,
}: {
  readonly problem: FormProblem | null;
  readonly submitTestId: string;
  /** Default: Save. */
  readonly submitLabel?: string;
  readonly children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="span-all">
      <FormProblemLine problem={problem} />
      <div className="actions">
        {children}
        <button type="submit" className="primary" data-testid={submitTestId}>
          {submitLabel ?? t('save')}
        </button>
      </div>
    </div>
  );
}

/** Retires master data that is in use, or brings retired data back (stated as stored). */
export function RetireButton({
  active,
  testId,
  onClick,
}: {
  readonly active: boolean;
  readonly testId: string;
  readonly onClick: () => void;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className={active ? 'danger' : ''} data-testid={testId} onClick={onClick}>
      {t(active ? 'retire' : 'reactivate')}
    </button>
  );
}

/** Marks a retired row in a settings list. */
export function RetiredBadge({ testId }: { readonly testId: string }) {
  const { t } = useI18n();
  return (
    <span className="badge-text retired-text" data-testid={testId}>
      {t('retiredBadge')}
    </span>
  );
}
