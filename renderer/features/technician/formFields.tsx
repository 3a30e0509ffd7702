import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A problem to show: a message key (translated) or, for rules we do not know, the host's own words. */
export interface ShownProblem {
  key: string | null;
  text: string;
}

/** The error line under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ p, id }: { p: ShownProblem | undefined; id: string }) {
  const { t } = useTranslation();
  if (!p) return null;
  return (
    <span className="field-error" id={id} data-testid={id} role="alert">
      {p.key ? t(p.key) : p.text}
    </span>
  );
}

/** Screen readers hear the error with the field, and the field is marked invalid. */
export function ariaFor(p: ShownProblem | undefined, errorId: string) {
  return {
    'aria-invalid': p ? true : undefined,
    'aria-describedby': p ? errorId : undefined,
  } as const;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>;

/**
 * A labelled text input with its hint and error line: the shape every technician form repeats. `onValue` gets
 * the raw text; forms keep strings and validate on submit so a half-typed value is never thrown away.
 */
export function TextField({
  label,
  testId,
  value,
  onValue,
  problem,
  errorId,
  hint,
  className = 'field',
  children,
  ...input
}: InputProps & {
  label: string;
  testId: string;
  value: string;
  onValue: (v: string) => void;
  problem: ShownProblem | undefined;
  errorId: string;
  hint?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <label className={className}>
      <span>{label}</span>
      <input
        {...input}
        data-testid={testId}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        {...ariaFor(problem, errorId)}
      />
      {hint && <span className="muted small">{hint}</span>}
      <FieldError p={problem} id={errorId} />
      {children}
    </label>
  );
}

/**
 * The foot of a technician form: what a refused save says (the host's reason, or that fields above need fixing),
 * then the save button and any further actions.
 */
export function FormFooter({
  hostError,
  formProblem,
  anyProblem,
  testIdPrefix,
  saveLabel,
  saving,
  children,
}: {
  hostError: string | null;
  formProblem: ShownProblem | undefined;
  anyProblem: boolean;
  testIdPrefix: string;
  saveLabel: string;
  saving: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {(hostError || formProblem) && (
        <div className="form-error" role="alert" data-testid={`${testIdPrefix}-error`}>
          <p>{hostError ?? formProblem?.text}</p>
        </div>
      )}
      {anyProblem && !hostError && (
        <p className="bad small" data-testid={`${testIdPrefix}-refused`}>
          {t('tech.refused')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid={`${testIdPrefix}-save`}
          disabled={saving}
        >
          {saveLabel}
        </button>
        {children}
      </div>
    </>
  );
}
