import { useCallback, useState } from 'react';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Field-level messages for a form, from client validation or the server's problem+json. */
export function useFieldErrors<F extends string>() {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const clearField = useCallback((field: F) => {
    setErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }, []);
  return { errors, setErrors, clearField };
}

/** Moves focus to the first invalid field so keyboard and screen-reader users land on it. */
export function focusFirstError<F extends string>(form: HTMLFormElement | null, order: readonly F[], errors: FieldErrors<F>) {
  const first = order.find((field) => errors[field]);
  if (!first || !form) return;
  const input = form.querySelector<HTMLElement>(`[name="${first}"]`);
  input?.focus();
}

/** Keeps only server field errors that belong to this form. */
export function pickFieldErrors<F extends string>(fields: readonly F[], fromServer: Record<string, string>): FieldErrors<F> {
  const picked: FieldErrors<F> = {};
  for (const field of fields) {
    const message = fromServer[field];
    if (message) picked[field] = message;
  }
  return picked;
}
