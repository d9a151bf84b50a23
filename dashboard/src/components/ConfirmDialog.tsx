import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal confirmation (the native `<dialog>`: focus is kept inside, Escape cancels). The element
 * marked `data-initial-focus` (else the first control) gets focus when it opens; when it closes,
 * focus returns to `returnFocusTo(opener)`, by default the element that had it before (when that is
 * still on the page). A failed action keeps it open with its error, so nothing chosen is lost.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Why the action failed, shown in the dialog (an alert). */
  error: string | null;
  confirmDisabled?: boolean;
  tone?: 'primary' | 'danger';
  onConfirm: () => void;
  onClose: () => void;
  returnFocusTo?: (opener: HTMLElement | null) => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const returnFocus = useRef(props.returnFocusTo);
  returnFocus.current = props.returnFocusTo;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = returnFocus.current ? returnFocus.current(opener) : opener;
      if (target?.isConnected) target.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        if (!props.busy) props.onClose();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.busy && !props.confirmDisabled) props.onConfirm();
        }}
      >
        <h2 id={headingId}>{props.title}</h2>
        {props.children}
        {props.error ? (
          <p className="form-error" role="alert">
            {props.error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose} disabled={props.busy}>
            Cancel
          </button>
          <button type="submit" className={props.tone === 'danger' ? 'danger' : 'primary'} disabled={props.busy || props.confirmDisabled}>
            {props.busy ? props.busyLabel : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
